import type { Field } from '../fields';
import * as L from '../labels';

/** An expense as the Independent Visitor claims it from their phone; the receipt is the form's file, checked apart. */
export const EXPENSE_FIELDS = [
  {
    kind: 'text',
    name: 'amount',
    label: 'How much did you spend?',
    hint: 'In pounds and pence, for example 12.50',
    // Up to £9,999.99 as typed; the domain holds a claim to £1,000.
    pattern: /^\d{1,4}(\.\d{1,2})?$/,
    strip: /[£,\s]/g,
    inputmode: 'decimal',
    max: 12,
    messages: {
      required: 'Enter how much you spent',
      invalid: 'Enter the amount in pounds and pence, like 12.50',
    },
  },
  {
    kind: 'choice',
    name: 'category',
    label: 'What was it for?',
    options: L.EXPENSE_CATEGORIES,
    messages: {
      required: 'Select what the money was for',
      invalid: 'Select what the money was for from the list',
    },
  },
  {
    kind: 'date',
    name: 'spentOn',
    label: 'When did you spend it?',
    hint: 'The day you paid, for example 27 3 2026',
    messages: { required: 'Enter the date you spent the money' },
  },
  {
    kind: 'textarea',
    name: 'description',
    label: 'What did you spend it on?',
    hint: 'A few words, for example: bus fares to the park and back',
    max: 200,
    messages: {
      required: 'Enter what you spent the money on',
      invalid: 'What you spent it on must be 200 characters or fewer',
    },
  },
] as const satisfies readonly Field[];

/** The coordinator's reason for rejecting a claim: the volunteer reads it. Not "reason": that is for recording late. */
export const REJECTION_FIELDS = [
  {
    kind: 'textarea',
    name: 'rejectionReason',
    label: 'Why are you rejecting the claim?',
    hint: 'The volunteer will read this, so say what they can do about it',
    max: 500,
    messages: { required: 'Enter why you are rejecting the claim' },
  },
] as const satisfies readonly Field[];

/** "12.50" as 1250 pence: whole numbers, never floating point. */
export function penceOf(amount: string): number {
  const [pounds = '0', pence = ''] = amount.split('.');
  return Number(pounds) * 100 + Number(pence.padEnd(2, '0'));
}

/** 1250 pence as "£12.50"; 100000 as "£1,000.00". */
export const moneyText = (pence: number): string =>
  `£${Math.floor(pence / 100).toLocaleString('en-GB')}.${String(pence % 100).padStart(2, '0')}`;
