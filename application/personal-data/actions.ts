import { DomainRuleBroken } from '../../domain/decider';
import type { PersonalDataCommand } from '../../domain/personal-data';
import type { Field, InputOf } from '../fields';
import { yesNo } from '../fields';

/**
 * The forms (and API bodies) for a record's personal data. The reasons are kept after erasure, so each asks for no
 * personal details; the subject access reference is the LA's own.
 */
const keptReason = (label: string, hint: string) =>
  ({
    kind: 'text',
    name: 'reason',
    label,
    hint: `${hint} Do not write anyone's personal details: this is kept after the record is erased.`,
    max: 500,
  }) as const satisfies Field;

export const PLACE_HOLD_FIELDS = [
  keptReason('Why the record must be kept', 'For example, a claim or an inquiry, and its reference.'),
] as const satisfies readonly Field[];

export const LIFT_HOLD_FIELDS = [
  keptReason('Why the hold can be lifted', 'For example, the claim was settled on a given date.'),
] as const satisfies readonly Field[];

export const ERASE_FIELDS = [
  {
    kind: 'choice',
    name: 'basis',
    label: 'Why is the personal data to be erased now?',
    options: [
      { value: 'erasure-request', text: 'The person asked for it to be erased (UK GDPR Article 17)' },
      { value: 'recorded-in-error', text: 'The record was made in error' },
    ],
  },
  keptReason('What was decided, and by whom', 'For example, the request reference and the decision.'),
  yesNo(
    'confirm',
    'Erasing cannot be undone. Do you want to erase this person’s personal data?',
    'The record of what happened stays, without their personal details. The statistics keep their counts.',
  ),
] as const satisfies readonly Field[];

export const SUBJECT_ACCESS_FIELDS = [
  {
    kind: 'text',
    name: 'reference',
    label: 'The request’s reference',
    hint: 'The reference in your log of subject access requests, for example SAR-2026-014.',
    max: 64,
    pattern: /^[A-Za-z0-9][A-Za-z0-9 ./_-]{0,63}$/,
    messages: {
      invalid:
        'The request’s reference must be letters, numbers, spaces, dots, dashes or slashes, for example SAR-2026-014',
    },
  },
] as const satisfies readonly Field[];

export const placeHold = (input: InputOf<typeof PLACE_HOLD_FIELDS>): PersonalDataCommand => ({
  type: 'PlaceLegalHold',
  reason: input.reason,
});

export const liftHold = (holdId: string, input: InputOf<typeof LIFT_HOLD_FIELDS>): PersonalDataCommand => ({
  type: 'LiftLegalHold',
  holdId,
  reason: input.reason,
});

export function erase(input: InputOf<typeof ERASE_FIELDS>): PersonalDataCommand {
  if (!input.confirm)
    throw new DomainRuleBroken(
      'Nothing was erased. Choose “Yes” to erase the personal data, or go back to the record.',
      422,
      'erasure-not-confirmed',
    );
  return { type: 'ErasePersonalData', basis: input.basis, reason: input.reason };
}
