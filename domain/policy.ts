import { type Jurisdiction, jurisdictionOfLa } from '../events/contracts/common';
import type { ObligationKind } from './obligations/obligation';

export type DbsLevel = 'enhanced' | 'enhanced-with-childrens-barred-list';

/** When an obligation's reminder goes out before it is due, and how often it escalates once overdue. */
export interface ObligationTiming {
  remindWorkingDaysBefore: number;
  escalateEveryDays: number;
}

/**
 * One local authority's rules. Statutory figures come from the domain brief; every figure the brief marks
 * unconfirmed, or that is local practice, is listed in UNCONFIRMED_POLICY_VALUES so an LA can set its own.
 */
export interface Policy {
  jurisdiction: Jurisdiction;
  reviews: {
    /** First looked-after review within this many working days of entering care (reg 33(1)). */
    firstWithinWorkingDays: number;
    /** Second review not more than this many months after the first (reg 33(2)). */
    secondWithinMonths: number;
    /** Each later review not more than this many months after the one before (reg 33(2)). */
    laterEveryMonths: number;
  };
  /** After an ending while the child is still in care, consider a new IV within this many working days. */
  reconsiderAfterEndingWithinWorkingDays: number;
  /** A referral waiting longer than this many days for a match is escalated. */
  referralWaitMaxDays: number;
  /** Visits are about monthly: a visit is overdue this many days after the last one held (or the match). */
  visitOverdueAfterDays: number;
  /** Match reviews every this many months (NIVN standards: six-monthly). */
  matchReviewEveryMonths: number;
  /** Plan what happens at 18 by this many months before the 18th birthday. */
  planBeforeEighteenthBirthdayMonths: number;
  careLeaverOffer: {
    /** Whether the LA continues IV relationships for care leavers at all. */
    available: boolean;
    untilAge: number;
    untilAgeWithAdditionalNeeds: number;
  };
  volunteers: {
    referencesRequired: number;
    defaultCapacity: number;
    dbs: {
      acceptedLevels: DbsLevel[];
      /** A certificate is accepted for this many months after its issue date. */
      recheckEveryMonths: number;
      /** With the Update Service, a status check keeps it valid for this many months. */
      updateServiceCheckEveryMonths: number;
    };
  };
  recording: {
    /** How far in the future a date may be (clock differences between devices) before it is refused. */
    futureToleranceMinutes: number;
  };
  /** How long personal data is kept: at the end, the record's personal data is erased. */
  retention: {
    /** The rule a child's case record is kept under, named on the record and on the erasure. */
    childRecordRule: string;
    /** A child's case record is kept until this anniversary of their birth (reg 50: 75). */
    childYearsFromBirth: number;
    /** ...or, for a child who died before 18, for this many years from the death (reg 50: 15). */
    childDiedYoungYearsFromDeath: number;
    /** A volunteer's record (DBS details included) is kept this many years after they leave: local policy. */
    volunteerYearsAfterLeaving: number;
  };
  obligations: Record<ObligationKind, ObligationTiming>;
}

export const ENGLAND_DEFAULT_POLICY: Policy = {
  jurisdiction: 'england',
  reviews: { firstWithinWorkingDays: 20, secondWithinMonths: 3, laterEveryMonths: 6 },
  reconsiderAfterEndingWithinWorkingDays: 20,
  referralWaitMaxDays: 90,
  visitOverdueAfterDays: 42,
  matchReviewEveryMonths: 6,
  planBeforeEighteenthBirthdayMonths: 6,
  careLeaverOffer: { available: true, untilAge: 21, untilAgeWithAdditionalNeeds: 25 },
  volunteers: {
    referencesRequired: 2,
    defaultCapacity: 1,
    dbs: {
      acceptedLevels: ['enhanced', 'enhanced-with-childrens-barred-list'],
      recheckEveryMonths: 36,
      updateServiceCheckEveryMonths: 12,
    },
  },
  recording: { futureToleranceMinutes: 5 },
  retention: {
    childRecordRule: 'Care Planning, Placement and Case Review (England) Regulations 2010, reg 50',
    childYearsFromBirth: 75,
    childDiedYoungYearsFromDeath: 15,
    volunteerYearsAfterLeaving: 6,
  },
  obligations: {
    'offer-iv-by-first-review': { remindWorkingDaysBefore: 5, escalateEveryDays: 7 },
    'reconsider-at-review': { remindWorkingDaysBefore: 10, escalateEveryDays: 14 },
    'reconsider-after-ending': { remindWorkingDaysBefore: 5, escalateEveryDays: 14 },
    'referral-waiting-too-long': { remindWorkingDaysBefore: 10, escalateEveryDays: 30 },
    'visit-overdue': { remindWorkingDaysBefore: 5, escalateEveryDays: 14 },
    'match-review-due': { remindWorkingDaysBefore: 10, escalateEveryDays: 14 },
    'plan-before-18': { remindWorkingDaysBefore: 20, escalateEveryDays: 14 },
    'dbs-recheck-due': { remindWorkingDaysBefore: 40, escalateEveryDays: 7 },
  },
};

/**
 * Wales: the Social Services and Well-being (Wales) Act 2014 s.98 mirrors s.23ZB, and the Care Planning, Placement
 * and Case Review (Wales) Regulations 2015 set the review timescales; the figures here mirror England's until an
 * LA confirms otherwise (unconfirmed).
 */
export const WALES_DEFAULT_POLICY: Policy = {
  ...ENGLAND_DEFAULT_POLICY,
  jurisdiction: 'wales',
  retention: {
    ...ENGLAND_DEFAULT_POLICY.retention,
    childRecordRule:
      'Care Planning, Placement and Case Review (Wales) Regulations 2015 (as England: unconfirmed)',
  },
};

/** Every policy value that is local practice or unconfirmed in the brief, with why: for the LA's configuration. */
export const UNCONFIRMED_POLICY_VALUES: ReadonlyArray<{ path: string; why: string }> = [
  { path: 'reconsiderAfterEndingWithinWorkingDays', why: 's.23ZB(5) sets the duty, not a timescale' },
  { path: 'referralWaitMaxDays', why: 'no statutory wait; local service standard' },
  { path: 'visitOverdueAfterDays', why: 'NIVN: visits "around monthly"; the grace period is local' },
  { path: 'matchReviewEveryMonths', why: 'NIVN standards: six-monthly reviews or quarterly calls' },
  { path: 'planBeforeEighteenthBirthdayMonths', why: 'no statutory figure for planning the IV at 18' },
  { path: 'careLeaverOffer', why: 'LA practice: many continue to 21, or 25 with additional needs' },
  {
    path: 'volunteers.referencesRequired',
    why: 'NIVN guidance: references before matching; number is local',
  },
  { path: 'volunteers.dbs.recheckEveryMonths', why: 'local policy, commonly 3 years' },
  {
    path: 'volunteers.dbs.updateServiceCheckEveryMonths',
    why: 'local policy for Update Service status checks',
  },
  { path: 'volunteers.dbs.acceptedLevels', why: 'whether the barred-list check is required is unconfirmed' },
  {
    path: 'volunteers.defaultCapacity',
    why: 'practice: one child per volunteer unless the service agrees more',
  },
  { path: 'obligations.*', why: "the product's own reminder and escalation cadence" },
  { path: 'recording.futureToleranceMinutes', why: 'clock differences between devices' },
  {
    path: 'retention.volunteerYearsAfterLeaving',
    why: 'local policy: the brief sets no period for volunteer and DBS records (6 years is common practice)',
  },
  {
    path: 'retention (Wales)',
    why: "Wales mirrors England's reg 50 periods until confirmed against the 2015 Regulations",
  },
  {
    path: 'jurisdiction=wales',
    why: 'Welsh figures mirror England until confirmed against the 2015 Regulations',
  },
];

/** The default policy for an LA, from the jurisdiction its ONS code names. */
export const defaultPolicyFor = (la: string): Policy =>
  jurisdictionOfLa(la) === 'wales' ? WALES_DEFAULT_POLICY : ENGLAND_DEFAULT_POLICY;

/** Where a decider gets an LA's policy: the defaults, or an LA's own configuration supplied by the caller. */
export type PolicySource = (la: string) => Policy;
