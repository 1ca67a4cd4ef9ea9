import { type Jurisdiction, jurisdictionOfLa } from '../events/contracts/common';
import type { ObligationKind } from './obligations/obligation';

export type DbsLevel = 'enhanced' | 'enhanced-with-childrens-barred-list';

/** When an obligation's reminder goes out before it is due, and how often it escalates once overdue. */
export interface ObligationTiming {
  remindWorkingDaysBefore: number;
  escalateEveryDays: number;
}

/**
 * One local authority's rules. Statutory figures come from the law of the LA's jurisdiction (docs/domain-rules.md
 * names the regulation of each); every figure that is unconfirmed, or that is local practice, is listed in
 * UNCONFIRMED_POLICY_VALUES so an LA can set its own.
 */
export interface Policy {
  jurisdiction: Jurisdiction;
  reviews: {
    /** First looked-after review within this many working days of entering care. */
    firstWithinWorkingDays: number;
    /** Second review not more than this many months after the first. */
    secondWithinMonths: number;
    /** Each later review not more than this many months after the one before. */
    laterEveryMonths: number;
  };
  /** After an ending while the child is still in care, consider a new IV within this many working days. */
  reconsiderAfterEndingWithinWorkingDays: number;
  /** After the child withdraws an objection to having anyone as their IV, consider one within this many. */
  reconsiderAfterWithdrawalWithinWorkingDays: number;
  /** A referral waiting longer than this many days for a match is escalated. */
  referralWaitMaxDays: number;
  /** Visits are about monthly: a visit is overdue this many days after the last one held (or the match). */
  visitOverdueAfterDays: number;
  /** Match reviews every this many months (NIVN standards: six-monthly). */
  matchReviewEveryMonths: number;
  /** Plan what happens at 18 by this many months before the 18th birthday. */
  planBeforeEighteenthBirthdayMonths: number;
  /** A young person of 18 is no longer looked after: record leaving care within this many working days of it. */
  recordLeavingCareWithinWorkingDays: number;
  careLeaverOffer: {
    /** Whether the LA continues IV relationships for care leavers at all. */
    available: boolean;
    untilAge: number;
    untilAgeWithAdditionalNeeds: number;
  };
  volunteers: {
    referencesRequired: number;
    defaultCapacity: number;
    /** Whether the independence declaration also asks about a connection with a provider of placements. */
    independenceIncludesPlacementProvider: boolean;
    /** Courses every volunteer must hold: one that has lapsed is shown on the volunteer's record. */
    mandatoryTraining: string[];
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
  /**
   * Safeguarding concerns, in working days from the day raised (0 = the same working day): Working Together to
   * Safeguard Children 2023 (a concern to the child's social worker at once; an allegation about a person who
   * works with children to the LADO within one working day). Acknowledgement the same day is the product's own.
   */
  safeguarding: {
    acknowledgeWithinWorkingDays: number;
    informSocialWorkerWithinWorkingDays: number;
    referToLadoWithinWorkingDays: number;
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

/** The product's own reminder and escalation cadence, the same in both jurisdictions. */
const OBLIGATION_TIMINGS: Record<ObligationKind, ObligationTiming> = {
  'offer-iv-by-first-review': { remindWorkingDaysBefore: 5, escalateEveryDays: 7 },
  'reconsider-at-review': { remindWorkingDaysBefore: 10, escalateEveryDays: 14 },
  'reconsider-after-ending': { remindWorkingDaysBefore: 5, escalateEveryDays: 14 },
  'reconsider-after-withdrawal': { remindWorkingDaysBefore: 5, escalateEveryDays: 14 },
  'referral-waiting-too-long': { remindWorkingDaysBefore: 10, escalateEveryDays: 30 },
  'visit-overdue': { remindWorkingDaysBefore: 5, escalateEveryDays: 14 },
  'match-review-due': { remindWorkingDaysBefore: 10, escalateEveryDays: 14 },
  'plan-before-18': { remindWorkingDaysBefore: 20, escalateEveryDays: 14 },
  'record-leaving-care': { remindWorkingDaysBefore: 10, escalateEveryDays: 7 },
  'dbs-recheck-due': { remindWorkingDaysBefore: 40, escalateEveryDays: 7 },
  'renew-training': { remindWorkingDaysBefore: 20, escalateEveryDays: 7 },
  // Safeguarding duties are due within a day: reminded on the day, escalated every day they stay overdue.
  'acknowledge-concern': { remindWorkingDaysBefore: 0, escalateEveryDays: 1 },
  'inform-social-worker-of-concern': { remindWorkingDaysBefore: 0, escalateEveryDays: 1 },
  'refer-allegation-to-lado': { remindWorkingDaysBefore: 0, escalateEveryDays: 1 },
};

/** The induction and safeguarding children: what NIVN standards expect of every Independent Visitor. */
const MANDATORY_TRAINING = ['iv-induction', 'safeguarding-children'];

const SAFEGUARDING = {
  acknowledgeWithinWorkingDays: 0,
  informSocialWorkerWithinWorkingDays: 0,
  referToLadoWithinWorkingDays: 1,
};

/** England: Children Act 1989 s.23ZB and the Care Planning, Placement and Case Review (England) Regulations 2010. */
export const ENGLAND_DEFAULT_POLICY: Policy = {
  jurisdiction: 'england',
  // 2010 Regs reg 33(1) (20 working days) and reg 33(2) (3 months, then 6 months).
  reviews: { firstWithinWorkingDays: 20, secondWithinMonths: 3, laterEveryMonths: 6 },
  reconsiderAfterEndingWithinWorkingDays: 20,
  reconsiderAfterWithdrawalWithinWorkingDays: 20,
  referralWaitMaxDays: 90,
  visitOverdueAfterDays: 42,
  matchReviewEveryMonths: 6,
  planBeforeEighteenthBirthdayMonths: 6,
  recordLeavingCareWithinWorkingDays: 5,
  careLeaverOffer: { available: true, untilAge: 21, untilAgeWithAdditionalNeeds: 25 },
  volunteers: {
    referencesRequired: 2,
    defaultCapacity: 1,
    // Reg 47 names the LA's elected members and employees, and their relatives and households; not providers.
    independenceIncludesPlacementProvider: false,
    mandatoryTraining: MANDATORY_TRAINING,
    dbs: {
      acceptedLevels: ['enhanced', 'enhanced-with-childrens-barred-list'],
      recheckEveryMonths: 36,
      updateServiceCheckEveryMonths: 12,
    },
  },
  recording: { futureToleranceMinutes: 5 },
  safeguarding: SAFEGUARDING,
  retention: {
    childRecordRule: 'Care Planning, Placement and Case Review (England) Regulations 2010, reg 50',
    childYearsFromBirth: 75,
    childDiedYoungYearsFromDeath: 15,
    volunteerYearsAfterLeaving: 6,
  },
  obligations: OBLIGATION_TIMINGS,
};

/**
 * Wales: Social Services and Well-being (Wales) Act 2014 s.98 (the Welsh s.23ZB) and the Care Planning, Placement
 * and Case Review (Wales) Regulations 2015 (SI 2015/1818 (W. 261)). Written out in full, not copied from England, so
 * each Welsh figure is read against its own source; where they are the same it is because the law is.
 */
export const WALES_DEFAULT_POLICY: Policy = {
  jurisdiction: 'wales',
  // 2015 Regs Part 6 (reviews of the child's case): 20 working days, then 3 months, then 6 months (unconfirmed).
  reviews: { firstWithinWorkingDays: 20, secondWithinMonths: 3, laterEveryMonths: 6 },
  // s.98(5) keeps the duty after an ending, s.98(8) after a withdrawal; neither sets a timescale.
  reconsiderAfterEndingWithinWorkingDays: 20,
  reconsiderAfterWithdrawalWithinWorkingDays: 20,
  referralWaitMaxDays: 90,
  // NIVN practice ("around monthly"), not the 2015 Regs reg 31 visits, which are by the LA's own representative.
  visitOverdueAfterDays: 42,
  matchReviewEveryMonths: 6,
  planBeforeEighteenthBirthdayMonths: 6,
  recordLeavingCareWithinWorkingDays: 5,
  careLeaverOffer: { available: true, untilAge: 21, untilAgeWithAdditionalNeeds: 25 },
  volunteers: {
    referencesRequired: 2,
    defaultCapacity: 1,
    // Asked in Wales until the 2015 Regs' definition of an independent person is confirmed (see below).
    independenceIncludesPlacementProvider: true,
    mandatoryTraining: MANDATORY_TRAINING,
    dbs: {
      acceptedLevels: ['enhanced', 'enhanced-with-childrens-barred-list'],
      recheckEveryMonths: 36,
      updateServiceCheckEveryMonths: 12,
    },
  },
  recording: { futureToleranceMinutes: 5 },
  // Working Together to Safeguard Children is England's guidance; Wales is taken to be the same until checked.
  safeguarding: SAFEGUARDING,
  obligations: OBLIGATION_TIMINGS,
  retention: {
    ...ENGLAND_DEFAULT_POLICY.retention,
    childRecordRule:
      'Care Planning, Placement and Case Review (Wales) Regulations 2015 (as England: unconfirmed)',
  },
};

/** Every policy value that is local practice or unconfirmed, with why: for the LA's configuration. */
export const UNCONFIRMED_POLICY_VALUES: ReadonlyArray<{
  path: string;
  /** Set when only one jurisdiction's value is unconfirmed. */
  jurisdiction?: Jurisdiction;
  why: string;
}> = [
  {
    path: 'reconsiderAfterEndingWithinWorkingDays',
    why: 's.23ZB(5) and s.98(5) set the duty, not a timescale',
  },
  {
    path: 'reconsiderAfterWithdrawalWithinWorkingDays',
    why: 's.23ZB(8) and s.98(8) re-open the duty on withdrawal, with no timescale',
  },
  { path: 'referralWaitMaxDays', why: 'no statutory wait; local service standard' },
  { path: 'visitOverdueAfterDays', why: 'NIVN: visits "around monthly"; the grace period is local' },
  { path: 'matchReviewEveryMonths', why: 'NIVN standards: six-monthly reviews or quarterly calls' },
  { path: 'planBeforeEighteenthBirthdayMonths', why: 'no statutory figure for planning the IV at 18' },
  {
    path: 'recordLeavingCareWithinWorkingDays',
    why: "the product's own: the law ends care at 18, recording it is practice",
  },
  { path: 'careLeaverOffer', why: 'LA practice: many continue to 21, or 25 with additional needs' },
  {
    path: 'volunteers.referencesRequired',
    why: 'NIVN guidance: references before matching; number is local',
  },
  { path: 'volunteers.dbs.recheckEveryMonths', why: 'local policy, commonly 3 years' },
  {
    path: 'volunteers.mandatoryTraining',
    why: 'local policy: NIVN standards expect an induction and safeguarding training, not a list of courses',
  },
  {
    path: 'volunteers.dbs.updateServiceCheckEveryMonths',
    why: 'local policy for Update Service status checks',
  },
  { path: 'volunteers.dbs.acceptedLevels', why: 'whether the barred-list check is required is unconfirmed' },
  {
    path: 'volunteers.defaultCapacity',
    why: 'practice: one child per volunteer unless the service agrees more',
  },
  {
    path: 'volunteers.independenceIncludesPlacementProvider',
    jurisdiction: 'england',
    why: 'the full wording of 2010 Regs reg 47 is unconfirmed; as known, it names no placement provider',
  },
  {
    path: 'volunteers.independenceIncludesPlacementProvider',
    jurisdiction: 'wales',
    why:
      'the 2015 Regs definition of an independent person (made under s.98(9)) was not checked; the 1991 ' +
      'Definition of Independent Visitors Regulations, which it replaced, also excluded people connected with ' +
      'the voluntary organisation or children’s home providing the placement, so Wales asks until confirmed',
  },
  {
    path: 'reviews',
    jurisdiction: 'wales',
    why:
      'the 2015 Regs Part 6 timing of reviews (a regulation before reg 40) was not checked here; the figures ' +
      'are taken to be the same as England’s reg 33 (20 working days, 3 months, 6 months) until it is',
  },
  { path: 'obligations.*', why: "the product's own reminder and escalation cadence" },
  { path: 'recording.futureToleranceMinutes', why: 'clock differences between devices' },
  {
    path: 'safeguarding.acknowledgeWithinWorkingDays',
    why: "the product's own: the coordinator acknowledges a concern the working day it is raised",
  },
  {
    path: 'safeguarding',
    jurisdiction: 'wales',
    why: 'the Wales Safeguarding Procedures were not checked here; the same day and one working day are assumed',
  },
  {
    path: 'retention.volunteerYearsAfterLeaving',
    why: 'local policy: the brief sets no period for volunteer and DBS records (6 years is common practice)',
  },
  {
    path: 'retention (Wales)',
    why: "Wales mirrors England's reg 50 periods until confirmed against the 2015 Regulations",
  },
];

/** The default policy for an LA, from the jurisdiction its ONS code names. */
export const defaultPolicyFor = (la: string): Policy =>
  jurisdictionOfLa(la) === 'wales' ? WALES_DEFAULT_POLICY : ENGLAND_DEFAULT_POLICY;

/** Where a decider gets an LA's policy: the defaults, or an LA's own configuration supplied by the caller. */
export type PolicySource = (la: string) => Policy;
