import { CONCERN_SUMMARY } from '../children/concern-actions';
import type { Field } from '../fields';
import * as L from '../labels';

/**
 * The visit as an Independent Visitor records it from their phone: short questions, plain words, most optional.
 * The date and the reason for recording late keep the names every command uses (WHEN_FIELDS), so the same
 * recording rules check them, in the visitor's own words.
 */
export const VISIT_FIELDS = [
  {
    kind: 'date',
    name: 'occurredOn',
    label: 'Date of the visit',
    hint: 'Leave it empty if the visit was today. For example, 27 3 2026',
    optional: true,
  },
  {
    kind: 'choice',
    name: 'outcome',
    label: 'Did the visit happen?',
    options: L.VISIT_OUTCOMES,
    messages: { required: 'Select whether the visit happened' },
  },
  {
    kind: 'choice',
    name: 'mode',
    label: 'Was it in person or remote?',
    options: L.VISIT_MODES,
    messages: { required: 'Select whether the visit was in person or remote' },
  },
  {
    kind: 'number',
    name: 'durationMinutes',
    label: 'How long was the visit, in minutes? (optional)',
    hint: 'Only for a visit that happened. For example, 90',
    optional: true,
    min: 1,
    max: 1440,
  },
  {
    kind: 'textarea',
    name: 'activities',
    label: 'What did you do? (optional)',
    hint: 'For example, we went to the park and played football',
    optional: true,
    max: 1000,
  },
  {
    kind: 'choice',
    name: 'howItWent',
    label: 'How did it go? (optional)',
    optional: true,
    options: L.HOW_IT_WENT,
  },
  {
    kind: 'textarea',
    name: 'childsWords',
    label: 'What the child said, in their own words (optional)',
    hint: 'Anything they wanted written down, as they said it. It goes on their record.',
    optional: true,
    max: 2000,
  },
  {
    kind: 'textarea',
    name: 'reason',
    label: 'Why are you recording it after the day? (optional)',
    hint: 'Needed when the visit was before today. For example, I had no signal on the day',
    optional: true,
    max: 500,
  },
] as const satisfies readonly Field[];

/** A concern the IV raises about the child: what it is. Who they are and which child, the record already knows. */
export const CONCERN_FIELDS = [CONCERN_SUMMARY] as const satisfies readonly Field[];
