import { addDays, daysBetween, type LocalDate, londonDateOf } from '../domain/calendar';
import type { App } from './app';

/** Short names of the duties, by obligation kind, as the reports and the audit's changes word them. */
export const DUTY_LABELS: Record<string, string> = {
  'offer-iv-by-first-review': 'Offer an IV by the first review',
  'reconsider-at-review': 'Consider an IV at the review',
  'reconsider-after-ending': 'Consider a new IV after an ending',
  'referral-waiting-too-long': 'Referral waiting too long',
  'visit-overdue': 'Visit overdue',
  'match-review-due': 'Match review due',
  'plan-before-18': 'Plan for the 18th birthday',
  'dbs-recheck-due': 'DBS re-check due',
  'renew-training': 'Training to renew',
  'reconsider-after-withdrawal': 'Consider an IV: objection withdrawn',
  'record-leaving-care': 'Record leaving care at 18',
  'acknowledge-concern': 'Acknowledge a safeguarding concern',
  'inform-social-worker-of-concern': 'Tell the social worker of a concern',
  'refer-allegation-to-lado': 'Refer an allegation to the LADO',
};

/** A volunteer whose DBS check stops being accepted soon: they cannot be matched after that date. */
export interface DbsExpiring {
  volunteerId: string;
  name: string;
  expiresOn: LocalDate;
  daysLeft: number;
}

/**
 * The approved volunteers of an LA whose DBS check runs out within `warningDays`, soonest first, from the index of
 * the volunteer read model by expiry date (so only those are read).
 */
export async function dbsExpiring(app: App, la: string, warningDays = 60): Promise<DbsExpiring[]> {
  const today = londonDateOf(app.now());
  return (await app.readModels.dbsExpiringBy(la, addDays(today, warningDays)))
    .filter((v) => v.status === 'approved' && v.dbsExpiresOn)
    .map((v) => ({
      volunteerId: v.volunteerId,
      name: v.name ?? 'Name not recorded',
      expiresOn: v.dbsExpiresOn!,
      daysLeft: daysBetween(today, v.dbsExpiresOn!),
    }))
    .sort((a, b) => a.daysLeft - b.daysLeft);
}

/** A volunteer whose training expires soon (or has expired): the course must be renewed by then. */
export interface TrainingExpiring {
  volunteerId: string;
  name: string;
  course: string;
  expiresOn: LocalDate;
  daysLeft: number;
}

/**
 * The LA's volunteers, not withdrawn, whose soonest-expiring course runs out within `warningDays` or already has,
 * soonest first, from the index of the volunteer read model by training expiry (so only those are read).
 */
export async function trainingExpiring(app: App, la: string, warningDays = 60): Promise<TrainingExpiring[]> {
  const today = londonDateOf(app.now());
  const by = addDays(today, warningDays);
  return (await app.readModels.trainingExpiringBy(la, by))
    .filter((v) => v.status !== 'withdrawn' && v.trainingExpiresOn && v.trainingExpiresOn <= by)
    .map((v) => ({
      volunteerId: v.volunteerId,
      name: v.name ?? 'Name not recorded',
      course: v.trainingToRenew!,
      expiresOn: v.trainingExpiresOn!,
      daysLeft: daysBetween(today, v.trainingExpiresOn!),
    }))
    .sort((a, b) => a.daysLeft - b.daysLeft);
}
