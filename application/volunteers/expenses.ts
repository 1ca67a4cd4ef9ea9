import { createHash } from 'node:crypto';
import { type ExpenseClaim, receiptPrefixOf, type VolunteerState } from '../../domain/volunteer';
import type { Principal } from '../access';
import type { App } from '../app';
import type { CommandIdentity } from '../children/children';
import { RecordNotFound } from '../errors';
import type { InputOf } from '../fields';
import * as L from '../labels';
import { shownValue } from '../personal-data/visibility';
import { loadRecord, VOLUNTEER } from '../records';
import { type EXPENSE_FIELDS, moneyText, penceOf } from './expense-fields';
import { type CheckedReceipt, receiptKindText } from './receipts';
import { runVolunteerCommand } from './volunteers';

/*
 * Expense claims: an Independent Visitor claims for themselves, on their own volunteer record only (the record is
 * the one their sign-in names, never one in the request), and a coordinator approves or rejects. The receipt is
 * stored before the claim is recorded, under a key made from the request, and removed again if the claim is refused.
 */

export const NO_VOLUNTEER_RECORD =
  'Your sign-in is not linked to a volunteer record. Ask your Independent Visitor coordinator to link it.';
const NO_SUCH_CLAIM = 'There is no such expense claim for this volunteer.';

/** A claim as a person reads it: money and dates in words, the receipt by its kind. */
export interface ClaimView {
  claimId: string;
  amountPence: number;
  amount: string;
  category: ExpenseClaim['category'];
  categoryText: string;
  spentOn: string;
  description: string;
  claimedOn: string;
  status: ExpenseClaim['status'];
  statusText: string;
  decidedOn?: string;
  reason?: string;
  receiptKind: string;
}

const viewOf = (c: ExpenseClaim): ClaimView => ({
  claimId: c.claimId,
  amountPence: c.amountPence,
  amount: moneyText(c.amountPence),
  category: c.category,
  categoryText: L.labelOf(L.EXPENSE_CATEGORIES, c.category),
  spentOn: c.spentOn,
  description: shownValue(c.description, (d) => d) ?? '',
  claimedOn: c.claimedOn,
  status: c.status,
  statusText: L.labelOf(L.CLAIM_STATUS, c.status),
  ...(c.decidedOn ? { decidedOn: c.decidedOn } : {}),
  ...(c.reason !== undefined ? { reason: shownValue(c.reason, (r) => r) } : {}),
  receiptKind: receiptKindText(c.receiptKey),
});

/** The volunteer record the IV is; RecordNotFound when their sign-in names none. */
export const ownVolunteerId = (principal: Principal): string => {
  if (principal.role !== 'independent-visitor' || !principal.volunteerId)
    throw new RecordNotFound(NO_VOLUNTEER_RECORD);
  return principal.volunteerId;
};

const volunteerRecord = (app: App, principal: Principal, volunteerId: string) =>
  loadRecord(app.store, VOLUNTEER, volunteerId, {
    la: principal.la,
    policies: app.policies,
    viewer: principal,
  });

const newestFirst = (claims: readonly ExpenseClaim[]) => [...claims].reverse().map(viewOf);

/** The IV's own claims, newest first, with how far each has got. */
export async function myClaims(app: App, principal: Principal): Promise<ClaimView[]> {
  const { state } = await volunteerRecord(app, principal, ownVolunteerId(principal));
  return newestFirst(state.expenseClaims);
}

/** A volunteer's claims, newest first, and those waiting for a decision. */
export function claimViews(state: Pick<VolunteerState, 'expenseClaims'>) {
  const claims = newestFirst(state.expenseClaims);
  return { claims, waiting: claims.filter((c) => c.status === 'waiting') };
}

/** A volunteer's claims for staff, checked against their LA. */
export const claimsOf = async (app: App, principal: Principal, volunteerId: string) =>
  claimViews((await volunteerRecord(app, principal, volunteerId)).state);

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex');

/**
 * The IV claims an expense with a receipt that has passed its checks. The claim's id comes from the request (a
 * retried claim is the same claim) and the receipt's key from the request and the file (a different file sent under
 * the same request key never lands on the first one's receipt).
 */
export async function claimMyExpense(
  app: App,
  principal: Principal,
  input: InputOf<typeof EXPENSE_FIELDS>,
  receipt: Extract<CheckedReceipt, { ok: true }>,
  identity: CommandIdentity,
) {
  const volunteerId = ownVolunteerId(principal);
  const claimId = digest(identity.commandId).slice(0, 26);
  const receiptKey = `${receiptPrefixOf(volunteerId)}${digest(identity.commandId, receipt.sha256).slice(0, 32)}.${receipt.kind}`;
  await app.receipts.put(receiptKey, { bytes: receipt.bytes, contentType: receipt.contentType });
  try {
    const recorded = await runVolunteerCommand(
      app,
      principal,
      volunteerId,
      {
        type: 'ClaimExpense',
        claimId,
        amountPence: penceOf(input.amount),
        category: input.category,
        spentOn: input.spentOn,
        description: input.description,
        receiptKey,
      },
      identity,
    );
    return { claimId, ...recorded };
  } catch (error) {
    // Refused (by a rule, or a request key used for another claim): its receipt is not kept.
    await app.receipts.delete(receiptKey);
    throw error;
  }
}

/** The coordinator approves a waiting claim, or rejects it saying why. */
export const decideExpenseClaim = (
  app: App,
  principal: Principal,
  volunteerId: string,
  claimId: string,
  decision: { approve: true } | { approve: false; reason: string },
  identity: CommandIdentity,
) =>
  runVolunteerCommand(
    app,
    principal,
    volunteerId,
    decision.approve
      ? { type: 'ApproveExpenseClaim', claimId }
      : { type: 'RejectExpenseClaim', claimId, reason: decision.reason },
    identity,
  );

/** A claim's receipt for staff, as a file to open: RecordNotFound when the volunteer or the claim is not theirs. */
export async function receiptOf(app: App, principal: Principal, volunteerId: string, claimId: string) {
  const { state } = await volunteerRecord(app, principal, volunteerId);
  const claim = state.expenseClaims.find((c) => c.claimId === claimId);
  const stored = claim && (await app.receipts.get(claim.receiptKey));
  if (!claim || !stored) throw new RecordNotFound(NO_SUCH_CLAIM);
  return {
    ...stored,
    filename: `receipt-${claim.spentOn}.${claim.receiptKey.split('.').at(-1)}`,
  };
}
