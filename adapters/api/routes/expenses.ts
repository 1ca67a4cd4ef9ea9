import * as z from 'zod';
import type { App } from '../../../application/app';
import { schemaOf } from '../../../application/fields';
import { EXPENSE_FIELDS, REJECTION_FIELDS } from '../../../application/volunteers/expense-fields';
import {
  claimMyExpense,
  claimsOf,
  decideExpenseClaim,
  myClaims,
} from '../../../application/volunteers/expenses';
import { RecordId } from '../../../events/contracts/common';
import { ClaimId } from '../../../events/contracts/expenses';
import { badRequest, zodParams } from '../../http/problem';
import { readReceiptUpload } from '../../http/receipt-upload';
import { type Route, route } from '../../http/router';

const Claim = z.object({
  claimId: z.string(),
  amountPence: z.number().int(),
  amount: z.string(),
  category: z.string(),
  categoryText: z.string(),
  spentOn: z.string(),
  description: z.string(),
  claimedOn: z.string(),
  status: z.enum(['waiting', 'approved', 'rejected']),
  statusText: z.string(),
  decidedOn: z.string().optional(),
  reason: z.string().optional(),
  receiptKind: z.string(),
});
const Recorded = z.object({
  volunteerId: z.string(),
  version: z.number().int().optional(),
  duplicate: z.boolean(),
});
const VolunteerParams = z.object({ volunteerId: RecordId });
const ClaimParams = VolunteerParams.extend({ claimId: ClaimId });

/** Expense claims: the Independent Visitor's own (claim, see how far each has got), and the coordinator's decisions. */
export function expenseRoutes(app: App): Route[] {
  return [
    route({
      method: 'GET',
      path: '/api/my/expenses',
      summary:
        'For an Independent Visitor: their own expense claims, newest first, with how far each has got',
      tag: 'independent visitors',
      action: 'visitor:own-matches',
      response: z.object({ claims: z.array(Claim) }),
      handle: async ({ principal }) => ({ body: { claims: await myClaims(app, principal) } }),
    }),
    route({
      method: 'POST',
      path: '/api/my/expenses',
      summary:
        'For an Independent Visitor: claim an expense, sent as multipart/form-data with the fields amount (pounds ' +
        'and pence, such as 12.50), category, spentOn (YYYY-MM-DD) and description, and the file receipt (a JPEG, ' +
        'PNG or PDF up to 4 MB). A refused receipt stores nothing and records nothing',
      tag: 'independent visitors',
      action: 'visitor:own-matches',
      response: Recorded.extend({ claimId: z.string() }),
      successStatus: 201,
      handle: async ({ principal, event }) => {
        const upload = await readReceiptUpload(event);
        const parsed = schemaOf(EXPENSE_FIELDS).safeParse(upload.fields);
        const problems = parsed.success ? [] : zodParams(parsed.error, 'body');
        if (!upload.receipt.ok) problems.push({ name: 'body.receipt', reason: upload.receipt.message });
        if (!parsed.success || !upload.receipt.ok) throw badRequest(problems);
        return {
          body: await claimMyExpense(app, principal, parsed.data, upload.receipt, upload.identity(principal)),
        };
      },
    }),
    route({
      method: 'GET',
      path: '/api/volunteers/{volunteerId}/expenses',
      summary: 'A volunteer’s expense claims, newest first, with those waiting for a decision',
      tag: 'volunteers',
      action: 'volunteer:read',
      params: VolunteerParams,
      response: z.object({ claims: z.array(Claim), waiting: z.array(Claim) }),
      handle: async ({ principal, params }) => ({ body: await claimsOf(app, principal, params.volunteerId) }),
    }),
    route({
      method: 'POST',
      path: '/api/volunteers/{volunteerId}/expenses/{claimId}/approval',
      summary: 'Approve a volunteer’s expense claim that is waiting for a decision',
      tag: 'volunteers',
      action: 'expense:decide',
      params: ClaimParams,
      body: z.strictObject({}),
      response: Recorded,
      successStatus: 201,
      handle: async ({ principal, params, command }) => ({
        body: await decideExpenseClaim(
          app,
          principal,
          params.volunteerId,
          params.claimId,
          { approve: true },
          command(),
        ),
      }),
    }),
    route({
      method: 'POST',
      path: '/api/volunteers/{volunteerId}/expenses/{claimId}/rejection',
      summary: 'Reject a volunteer’s expense claim that is waiting for a decision, saying why',
      tag: 'volunteers',
      action: 'expense:decide',
      params: ClaimParams,
      body: schemaOf(REJECTION_FIELDS),
      response: Recorded,
      successStatus: 201,
      handle: async ({ principal, params, body, command }) => ({
        body: await decideExpenseClaim(
          app,
          principal,
          params.volunteerId,
          params.claimId,
          { approve: false, reason: body.rejectionReason },
          command(),
        ),
      }),
    }),
  ];
}
