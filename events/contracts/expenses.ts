import * as z from 'zod';
import { defineEvent } from '../catalog';
import { LocalDateSchema, plainText } from './common';
import { personal } from './personal';

/*
 * An Independent Visitor's expense claims, on their own volunteer stream: what they spent, on what and when, with a
 * receipt kept outside the events (an image or a PDF in the receipt store, named by `receiptKey`). What they wrote
 * about it, and why a claim was refused, are free text about a person: sealed with the volunteer's data key.
 */

export const EXPENSE_CATEGORIES = ['travel', 'activity', 'food-and-drink', 'other'] as const;
export const ExpenseCategory = z.enum(EXPENSE_CATEGORIES);

/** A claim's id: made from the request that claimed it, so a retried claim is the same claim. */
export const ClaimId = z.string().regex(/^[a-z0-9]{8,64}$/, 'must be a claim id');

/** Where the receipt is kept: the volunteer's id, the claim's id and the kind of file, never a person's name. */
export const ReceiptKey = z
  .string()
  .regex(/^receipts\/[A-Za-z0-9-]{1,64}\/[a-z0-9]{8,64}\.(jpg|png|pdf)$/, 'must be a receipt key');

/** The most one claim may be, in pence (£1,000): larger sums are agreed with the coordinator before they are spent. */
export const MAX_CLAIM_PENCE = 100_000;

export const ExpenseClaimed = defineEvent(
  'ExpenseClaimed',
  'The Independent Visitor claimed an expense: the amount in pence, its category, the day it was spent, a short ' +
    'description and the key of its receipt in the receipt store.',
  z.object({
    claimId: ClaimId,
    amountPence: z.number().int().min(1).max(MAX_CLAIM_PENCE),
    category: ExpenseCategory,
    spentOn: LocalDateSchema,
    description: personal(plainText().min(1).max(200), 'free-text'),
    receiptKey: ReceiptKey,
  }),
);

export const ExpenseClaimApproved = defineEvent(
  'ExpenseClaimApproved',
  'The coordinator approved an expense claim for payment.',
  z.object({ claimId: ClaimId }),
);

export const ExpenseClaimRejected = defineEvent(
  'ExpenseClaimRejected',
  'The coordinator rejected an expense claim, saying why.',
  z.object({ claimId: ClaimId, reason: personal(plainText().min(1).max(500), 'free-text') }),
);

export const expenseEvents = [ExpenseClaimed, ExpenseClaimApproved, ExpenseClaimRejected] as const;
