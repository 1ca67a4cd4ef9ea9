import { ageOn, calendarFor, daysBetween, type LocalDate, londonDateOf } from '../domain/calendar';
import { jurisdictionOfLa } from '../events/contracts/common';
import type { App } from './app';
import type { ChildRow } from './projections/child-row';
import { workingDaysLeft } from './timeline';

/** The duties that mean a child in care has not been offered an Independent Visitor (first, or after an ending). */
const OFFER_DUTIES = new Set(['offer-iv-by-first-review', 'reconsider-after-ending']);

export const DUTY_LABELS: Record<string, string> = {
  'offer-iv-by-first-review': 'Offer an IV by the first review',
  'reconsider-at-review': 'Consider an IV at the review',
  'reconsider-after-ending': 'Consider a new IV after an ending',
  'referral-waiting-too-long': 'Referral waiting too long',
  'visit-overdue': 'Visit overdue',
  'match-review-due': 'Match review due',
  'plan-before-18': 'Plan for the 18th birthday',
  'dbs-recheck-due': 'DBS re-check due',
  'reconsider-after-withdrawal': 'Consider an IV: objection withdrawn',
  'record-leaving-care': 'Record leaving care at 18',
};

export interface TaskRow {
  childId: string;
  age: number;
  duty: string;
  dueOn: LocalDate;
  workingDaysLeft: number;
}

export interface Tasks {
  today: LocalDate;
  /** Not offered an IV, most urgent first: overdue ones lead with negative days left. */
  notYetOffered: TaskRow[];
  /**
   * Imported from the case system, whose extract says nothing about IVs: the offer is not on record until a
   * coordinator records what happened. Their offer duty, with its date from the imported dates, most urgent first.
   */
  offerNotOnRecord: TaskRow[];
  /** The IV question due at a looked-after review in the next 20 working days. */
  reviewsDue: TaskRow[];
  /** Every other duty past its date. */
  overdue: TaskRow[];
  visitsOverdue: TaskRow[];
  waiting: Array<{
    childId: string;
    age: number;
    referredOn: LocalDate;
    daysWaiting: number;
    /** Absent when the placement's area is not known. */
    inLaArea?: boolean;
  }>;
  dbsExpiring: Array<{ volunteerId: string; expiresOn: LocalDate; daysLeft: number }>;
}

/**
 * A coordinator's Monday morning: who has not been offered an IV and how long is left, what is overdue, who is
 * waiting longest, whose visits have lapsed and which DBS checks run out soon. From the read models; the working
 * days are counted afresh from today, since a row is only rewritten when its child's record changes.
 */
export async function tasksFor(app: App, la: string, dbsWarningDays = 60): Promise<Tasks> {
  const today = londonDateOf(app.now());
  const calendar = calendarFor(jurisdictionOfLa(la));
  const [children, volunteers, waitingList] = await Promise.all([
    app.readModels.childRowsOfLa(la),
    app.readModels.volunteerRowsOfLa(la),
    app.readModels.waitingList(la),
  ]);
  const duties = children
    .filter((row) => row.status === 'looked-after' || row.currentVolunteerId)
    .flatMap((row: ChildRow) =>
      row.obligations.map((o) => ({
        childId: row.childId,
        age: ageOn(row.dateOfBirth, today),
        ivStatusUnknown: row.ivStatusUnknown,
        kind: o.kind,
        duty: DUTY_LABELS[o.kind] ?? o.kind,
        dueOn: o.dueOn,
        workingDaysLeft: workingDaysLeft(calendar, today, o.dueOn),
      })),
    )
    .sort((a, b) => a.workingDaysLeft - b.workingDaysLeft);
  const strip = ({ kind: _, ivStatusUnknown: __, ...row }: (typeof duties)[number]): TaskRow => row;
  const offerDuties = duties.filter((d) => OFFER_DUTIES.has(d.kind));
  return {
    today,
    notYetOffered: offerDuties.filter((d) => !d.ivStatusUnknown).map(strip),
    offerNotOnRecord: offerDuties.filter((d) => d.ivStatusUnknown).map(strip),
    reviewsDue: duties
      .filter((d) => d.kind === 'reconsider-at-review' && d.workingDaysLeft >= 0 && d.workingDaysLeft <= 20)
      .map(strip),
    overdue: duties.filter((d) => !OFFER_DUTIES.has(d.kind) && d.workingDaysLeft < 0).map(strip),
    visitsOverdue: duties.filter((d) => d.kind === 'visit-overdue').map(strip),
    waiting: waitingList.flatMap((row) => {
      const referral = row.referrals.at(-1);
      return referral
        ? [
            {
              childId: row.childId,
              age: ageOn(row.dateOfBirth, today),
              referredOn: referral.referredOn,
              daysWaiting: daysBetween(referral.referredOn, today),
              inLaArea: row.placementInLaArea,
            },
          ]
        : [];
    }),
    dbsExpiring: volunteers
      .filter(
        (v) =>
          v.status === 'approved' && v.dbsExpiresOn && daysBetween(today, v.dbsExpiresOn) <= dbsWarningDays,
      )
      .map((v) => ({
        volunteerId: v.volunteerId,
        expiresOn: v.dbsExpiresOn!,
        daysLeft: daysBetween(today, v.dbsExpiresOn!),
      }))
      .sort((a, b) => a.daysLeft - b.daysLeft),
  };
}
