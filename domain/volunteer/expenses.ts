import type * as z from 'zod';
import type { ExpenseCategory } from '../../events/contracts/expenses';
import type { LocalDate } from '../calendar';

/** One expense claim as the volunteer's record holds it: waiting for the coordinator, then approved or rejected. */
export interface ExpenseClaim {
  claimId: string;
  amountPence: number;
  category: z.infer<typeof ExpenseCategory>;
  spentOn: LocalDate;
  description: string;
  receiptKey: string;
  claimedOn: LocalDate;
  status: 'waiting' | 'approved' | 'rejected';
  decidedOn?: LocalDate;
  /** Why it was rejected, as the coordinator wrote it. */
  reason?: string;
}

export type ClaimInput = Pick<
  ExpenseClaim,
  'claimId' | 'amountPence' | 'category' | 'spentOn' | 'description' | 'receiptKey'
>;

/** Where a volunteer's receipts are kept in the receipt store: under their own record's id, never a name. */
export const receiptPrefixOf = (volunteerId: string) => `receipts/${volunteerId}/`;

/** A training course as last completed: when, and until when it stands (no expiry: it never lapses). */
export interface TrainingRecord {
  course: string;
  completedOn: LocalDate;
  expiresOn?: LocalDate;
}

/**
 * The courses the LA requires whose latest completion lapsed before `on` (a course stands through its expiry day),
 * or that were never completed.
 */
export const lapsedMandatoryTraining = (
  training: Record<string, TrainingRecord>,
  mandatory: readonly string[],
  on: LocalDate,
): Array<{ course: string; expiredOn?: LocalDate }> =>
  mandatory.flatMap((course) => {
    const record = training[course];
    if (!record) return [{ course }];
    return record.expiresOn !== undefined && record.expiresOn < on
      ? [{ course, expiredOn: record.expiresOn }]
      : [];
  });
