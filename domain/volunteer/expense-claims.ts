import { MAX_CLAIM_PENCE } from '../../events/contracts/expenses';
import type { VolunteerEvent } from '../../events/contracts/volunteer';
import { londonDateOf } from '../calendar';
import { type Decided, type DecisionContext, DomainRuleBroken } from '../decider';
import type { VolunteerCommand } from './commands';
import { receiptPrefixOf } from './expenses';
import type { VolunteerState } from './state';

type Claim = Extract<VolunteerCommand, { type: 'ClaimExpense' }>;
type ClaimDecision = Extract<VolunteerCommand, { type: 'ApproveExpenseClaim' | 'RejectExpenseClaim' }>;

const refused = (message: string, status: 409 | 422, rule: string) =>
  new DomainRuleBroken(message, status, rule);

/** An Independent Visitor's claim: theirs while approved, for money already spent, with their own receipt. */
export function decideClaim(
  command: Claim,
  state: VolunteerState,
  context: DecisionContext,
): Decided<VolunteerEvent>[] {
  if (state.status !== 'approved')
    throw refused('Only an approved Independent Visitor can claim expenses.', 409, 'not-approved');
  if (state.expenseClaims.some((c) => c.claimId === command.claimId))
    throw refused('This claim has already been made.', 409, 'claim-exists');
  if (
    !Number.isInteger(command.amountPence) ||
    command.amountPence < 1 ||
    command.amountPence > MAX_CLAIM_PENCE
  )
    throw refused(
      'The amount must be from £0.01 to £1,000. Ask your coordinator before spending more.',
      422,
      'expense-amount',
    );
  const today = londonDateOf(context.now);
  if (command.spentOn > today)
    throw refused('The date you spent the money cannot be in the future.', 422, 'expense-in-future');
  if (state.approvedAt && command.spentOn < londonDateOf(state.approvedAt))
    throw refused(
      'The date you spent the money is before you were approved as an Independent Visitor.',
      422,
      'expense-before-approval',
    );
  // The application stores the receipt under the volunteer's own prefix: anything else is not their receipt.
  if (!command.receiptKey.startsWith(receiptPrefixOf(state.volunteerId!)))
    throw refused('That receipt does not belong to this claim.', 422, 'receipt-not-theirs');
  const { type: _, occurredAt: __, ...data } = command;
  return [{ type: 'ExpenseClaimed', data }];
}

/** The coordinator's decision on a waiting claim; a rejection says why. Never the volunteer's own. */
export function decideClaimDecision(
  command: ClaimDecision,
  state: VolunteerState,
  context: DecisionContext,
): Decided<VolunteerEvent>[] {
  if (context.actor.role === 'independent-visitor')
    throw refused('An Independent Visitor cannot decide on an expense claim.', 409, 'own-claim');
  const claim = state.expenseClaims.find((c) => c.claimId === command.claimId);
  if (!claim) throw refused('There is no such expense claim for this volunteer.', 409, 'no-such-claim');
  if (claim.status !== 'waiting')
    throw refused(`This claim has already been ${claim.status}.`, 409, 'claim-decided');
  if (command.type === 'ApproveExpenseClaim')
    return [{ type: 'ExpenseClaimApproved', data: { claimId: command.claimId } }];
  const reason = command.reason.trim();
  if (!reason)
    throw refused('Say why the claim is rejected, so the volunteer knows.', 422, 'rejection-needs-reason');
  return [{ type: 'ExpenseClaimRejected', data: { claimId: command.claimId, reason } }];
}
