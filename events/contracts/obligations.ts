import * as z from 'zod';
import { defineEvent } from '../catalog';
import { CorrespondenceLanguage } from './common';

/*
 * What the automated reminders did, recorded on the stream the obligation belongs to (the child's, or the
 * volunteer's for a DBS re-check), always by the `system` actor. Each is recorded at most once per obligation and
 * stage, and only while the obligation is still open, so the record never shows a false or double reminder.
 */

export const ObligationKindSchema = z.enum([
  'offer-iv-by-first-review',
  'reconsider-at-review',
  'reconsider-after-ending',
  'referral-waiting-too-long',
  'visit-overdue',
  'match-review-due',
  'plan-before-18',
  'dbs-recheck-due',
  'renew-training',
  'reconsider-after-withdrawal',
  'record-leaving-care',
  'acknowledge-concern',
  'inform-social-worker-of-concern',
  'refer-allegation-to-lado',
]);

const ObligationStage = z.object({
  obligationId: z.string().min(1).max(300),
  kind: ObligationKindSchema,
  dueAt: z.iso.datetime({ offset: false }),
  /** The language to write the reminder in: the person's recorded correspondence language (absent: their LA's). */
  language: CorrespondenceLanguage.optional(),
});

export const ObligationReminderSent = defineEvent(
  'ObligationReminderSent',
  'A reminder went out that an obligation falls due soon.',
  ObligationStage,
);

export const ObligationDeadlineMissed = defineEvent(
  'ObligationDeadlineMissed',
  'An obligation was still open when it fell due.',
  ObligationStage,
);

export const ObligationEscalated = defineEvent(
  'ObligationEscalated',
  'An overdue obligation was escalated (1 for the first escalation, 2 for the next, ...).',
  ObligationStage.extend({ escalation: z.number().int().positive() }),
);

export const obligationEvents = [
  ObligationReminderSent,
  ObligationDeadlineMissed,
  ObligationEscalated,
] as const;
