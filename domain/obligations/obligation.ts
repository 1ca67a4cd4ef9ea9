/**
 * An obligation is something the law or good practice says must happen by a date, owed by the LA for one stream.
 * Obligations are never stored: they are recomputed from a stream's state, the LA's policy, the calendar and "now",
 * so a late offer or a child leaving care simply makes the obligation disappear.
 */
export type ObligationKind =
  | 'offer-iv-by-first-review'
  | 'reconsider-at-review'
  | 'reconsider-after-ending'
  | 'referral-waiting-too-long'
  | 'visit-overdue'
  | 'match-review-due'
  | 'plan-before-18'
  | 'dbs-recheck-due'
  | 'renew-training'
  | 'reconsider-after-withdrawal'
  | 'record-leaving-care'
  | 'acknowledge-concern'
  | 'inform-social-worker-of-concern'
  | 'refer-allegation-to-lado';

export interface Obligation {
  /** Stable across recomputations: the same duty for the same occasion always has the same id. */
  id: string;
  kind: ObligationKind;
  streamId: string;
  la: string;
  /** ISO instants (UTC). The reminder goes out at remindAt; the deadline is missed if still open at dueAt. */
  remindAt: string;
  dueAt: string;
  /** The London date the duty must be met by (dueAt is the first instant after the end of this day). */
  dueOn?: string;
  /** After dueAt, escalate again every this many days until met or no longer applicable. */
  escalateEveryDays: number;
  /** A plain-English line for task lists and emails; never contains the child's name. */
  summary: string;
}
