import { calendarFor, daysBetween, type LocalDate, londonDateOf } from '../../domain/calendar';
import { childDecider, isObjecting } from '../../domain/child';
import type { ChildState } from '../../domain/child/state';
import { withoutEntriesInError } from '../../domain/corrections';
import { obligationsOf } from '../../domain/obligations';
import { defaultPolicyFor, type PolicySource } from '../../domain/policy';
import type { ChildEvent } from '../../events/contracts/child';
import { ethnicGroupOf } from '../../events/contracts/ethnicity';
import type { RecordedEvent } from '../../events/envelope';
import { isErased } from '../../events/personal-fields';
import {
  DUTY_ATTRIBUTE,
  type DutyGroup,
  dateKey,
  folded,
  foldedId,
  groupOfKind,
  NOTHING_DUE,
} from '../lists/keys';
import { asFact, CHILD, typedEvents } from '../records';
import { type RetentionRow, retentionRowOf } from './retention-row';

/**
 * Read-model rows: what the lists and reports need about one stream, computed from the whole stream every time.
 * A row is a pure function of (events, now, policy), so re-projecting the same stream gives the same row, and a
 * row can always be thrown away and rebuilt. A child's row also names them (for the lists and search, which are
 * read by people of the child's LA only) and carries the keys of the list indexes (lists/keys.ts). Once a person's
 * personal data is erased their row keeps only what the statistics need (the month of birth, the ethnic group: from
 * the erasure's record), with no name and no search key, and the projector drops any erased field. Bump ROW_SCHEMA
 * when the shape changes, so a rebuild knows to overwrite. Schema 6: child rows are counted in their LA's list counts
 * (lists/counts.ts), and volunteer rows carry the training expiry key; run the rebuild once after deploying it.
 */
export const ROW_SCHEMA = 6;

/** Where the child is in the journey now: the first that applies, in this order. */
export type JourneyStage =
  | 'left-care'
  | 'care-leaver-with-iv'
  | 'matched'
  | 'waiting'
  | 'objected'
  | 'declined'
  | 'offered'
  | 'told'
  | 'not-yet-offered';

export interface DecisionRow {
  on: LocalDate;
  decision: 'accepted' | 'declined' | 'objected';
  sufficientUnderstanding: boolean;
}

/** One period of being looked after, with the first date each step of the journey happened in it. */
export interface PeriodRow {
  number: number;
  startedOn: LocalDate;
  endedOn?: LocalDate;
  leftReason?: string;
  toldOn?: LocalDate;
  offeredOn?: LocalDate;
  decisions: DecisionRow[];
  firstReviewOn?: LocalDate;
  reviewsHeld: number;
  reviewsConsideringIv: number;
}

/** `inLaArea` is absent when it is not known (a record imported from the case system without a postcode). */
export interface PlacementRow {
  from: LocalDate;
  inLaArea?: boolean;
}

export interface ReferralRow {
  referralId: string;
  referredOn: LocalDate;
  /** Placed inside the LA's own area when referred; absent when not known. */
  inLaArea?: boolean;
  matchedOn?: LocalDate;
  withdrawnOn?: LocalDate;
  withdrawalReason?: string;
}

export interface MatchRow {
  matchId: string;
  referralId: string;
  volunteerId: string;
  matchedOn: LocalDate;
  /** Days from the referral to this match. */
  waitDays: number;
  inLaArea?: boolean;
  endedOn?: LocalDate;
  endReason?: string;
  endedWhileLookedAfter?: boolean;
  continuingUntilAge?: number;
  visitsHeld: number;
  visitsNotHeld: number;
  lastVisitOn?: LocalDate;
  reviews: number;
}

export interface DeadlineFactRow {
  obligationId: string;
  kind: string;
  /** The date it was recorded. */
  on: LocalDate;
  escalation?: number;
}

export interface ConcernRow {
  raisedOn: LocalDate;
  allegation: boolean;
  closedOn?: LocalDate;
}

export interface OpenObligationRow {
  id: string;
  kind: string;
  dueOn: LocalDate;
  remindAt: string;
  /** Days from the projection date to the due date; negative when overdue. Recompute from dueOn when reading. */
  daysLeft: number;
}

/** The most urgent open obligation of one duty a child has: what a list shows for them. */
export interface DutyRow {
  group: DutyGroup;
  kind: string;
  dueOn: LocalDate;
}

export interface ChildRow {
  streamId: string;
  version: number;
  rowSchema: number;
  la: string;
  jurisdiction: 'england' | 'wales';
  childId: string;
  status: 'looked-after' | 'left-care';
  stage: JourneyStage;
  /** The sort key of the LA index: `waiting#<referred on>#<child>` puts the waiting list in order of wait. */
  listKey: string;
  /** Absent once erased; reports count age from birthMonth alone, so their figures survive the erasure. */
  dateOfBirth?: LocalDate;
  /** YYYY-MM. */
  birthMonth: string;
  sex: 'male' | 'female';
  /** Absent once erased; reports count the group. */
  ethnicity?: string;
  ethnicityGroup: string;
  unaccompaniedAsylumSeeking?: boolean;
  placementInLaArea?: boolean;
  placements: PlacementRow[];
  /** Imported from the case system, and nothing about the offer of an IV recorded since. */
  ivStatusUnknown: boolean;
  enteredCareOn: LocalDate;
  periods: PeriodRow[];
  referrals: ReferralRow[];
  matches: MatchRow[];
  currentVolunteerId?: string;
  reminders: DeadlineFactRow[];
  missed: DeadlineFactRow[];
  escalations: DeadlineFactRow[];
  obligations: OpenObligationRow[];
  /** Safeguarding concerns as the reports count them: when, whether an allegation, when closed; never what. */
  concerns: ConcernRow[];
  /** Each duty the child has open, the earliest obligation of each, soonest first. */
  duties: DutyRow[];
  // Who the child is, and who is allocated (personal: the child's LA's staff only read rows).
  firstNames?: string;
  lastName?: string;
  preferredName?: string;
  caseSystemId?: string;
  placementArea?: string;
  socialWorkerId: string;
  iroId: string;
  /** In care now, or a care leaver whose IV continues: the children the lists show. */
  current: boolean;
  // Index keys (lists/keys.ts): the list keys only while current, the search keys always.
  currentLa?: string;
  swKey?: string;
  iroKey?: string;
  nextDue?: string;
  dueNotOffered?: string;
  dueReview?: string;
  dueWaiting?: string;
  dueVisit?: string;
  dueMatchReview?: string;
  duePlan18?: string;
  sFirst?: string;
  sLast?: string;
  sPreferred?: string;
  sCase?: string;
  sDob?: string;
  retention: RetentionRow;
  projectedAt: string;
}

/** The row of a child's stream, or undefined for a stream with no entry into care (nothing to show). */
export function childRow(
  events: readonly RecordedEvent[],
  now: Date,
  policies: PolicySource = defaultPolicyFor,
): ChildRow | undefined {
  let state: ChildState = childDecider.initialState;
  const periods: PeriodRow[] = [];
  const placements: PlacementRow[] = [];
  const referrals: ReferralRow[] = [];
  const matches: MatchRow[] = [];
  const reminders: DeadlineFactRow[] = [];
  const missed: DeadlineFactRow[] = [];
  const escalations: DeadlineFactRow[] = [];
  let retained: { birthMonth?: string; ethnicGroup?: string } = {};

  // An entry marked as made by mistake is read as if it had never been made, as every fold reads it.
  for (const fact of withoutEntriesInError(typedEvents<ChildEvent>(CHILD, events).map(asFact))) {
    const event = fact.event;
    const before = state;
    state = childDecider.evolve(state, event, fact.meta);
    const on = londonDateOf(fact.meta.occurredAt);
    const period = periods.at(-1);
    switch (event.type) {
      case 'ChildEnteredCare':
      case 'ChildReEnteredCare':
        periods.push({
          number: periods.length + 1,
          startedOn: on,
          decisions: [],
          reviewsHeld: 0,
          reviewsConsideringIv: 0,
        });
        placements.push({ from: on, inLaArea: event.data.placementInLaArea });
        break;
      case 'ChildPlacementChanged':
        placements.push({ from: on, inLaArea: event.data.placementInLaArea });
        break;
      case 'ChildDetailsCorrected': {
        const corrected = event.data.changes.placementInLaArea;
        const last = placements.at(-1);
        if (corrected !== undefined && last) last.inLaArea = corrected;
        break;
      }
      case 'LookedAfterReviewHeld':
        if (!period) break;
        period.firstReviewOn ??= on;
        period.reviewsHeld++;
        if (event.data.ivConsidered) period.reviewsConsideringIv++;
        break;
      case 'ChildToldOfEntitlement':
        if (period) period.toldOn ??= on;
        break;
      case 'IndependentVisitorOffered':
        if (period) period.offeredOn ??= on;
        break;
      case 'ChildDecisionRecorded':
        period?.decisions.push({
          on,
          decision: event.data.decision,
          sufficientUnderstanding: event.data.sufficientUnderstanding,
        });
        break;
      case 'ChildObjectedToContinuing':
        period?.decisions.push({ on, decision: 'objected', sufficientUnderstanding: true });
        break;
      case 'ReferredToIvService':
        referrals.push({
          referralId: event.data.referralId,
          referredOn: on,
          inLaArea: before.placementInLaArea,
        });
        break;
      case 'ReferralWithdrawn': {
        const referral = referrals.find((r) => r.referralId === event.data.referralId);
        if (referral) {
          referral.withdrawnOn = on;
          referral.withdrawalReason = event.data.reason;
        }
        break;
      }
      case 'VisitorMatched': {
        const referral = referrals.find((r) => r.referralId === event.data.referralId);
        if (referral) referral.matchedOn = on;
        matches.push({
          matchId: event.data.matchId,
          referralId: event.data.referralId,
          volunteerId: event.data.volunteerId,
          matchedOn: on,
          waitDays: referral ? daysBetween(referral.referredOn, on) : 0,
          inLaArea: before.placementInLaArea,
          visitsHeld: 0,
          visitsNotHeld: 0,
          reviews: 0,
        });
        break;
      }
      case 'VisitRecorded': {
        const match = matches.find((m) => m.matchId === event.data.matchId);
        if (!match) break;
        if (event.data.outcome === 'held') {
          match.visitsHeld++;
          if (!match.lastVisitOn || on > match.lastVisitOn) match.lastVisitOn = on;
        } else match.visitsNotHeld++;
        break;
      }
      case 'MatchReviewed': {
        const match = matches.find((m) => m.matchId === event.data.matchId);
        if (match) match.reviews++;
        break;
      }
      case 'IvContinuedUnderCareLeaverOffer': {
        const match = matches.find((m) => m.matchId === event.data.matchId);
        if (match) match.continuingUntilAge = event.data.untilAge;
        break;
      }
      case 'RelationshipEnded': {
        const match = matches.find((m) => m.matchId === event.data.matchId);
        if (match) {
          match.endedOn = on;
          match.endReason = event.data.reason;
          match.endedWhileLookedAfter = event.data.whileLookedAfter;
        }
        break;
      }
      case 'ChildLeftCare':
        if (period) {
          period.endedOn = on;
          period.leftReason = event.data.reason;
        }
        break;
      case 'ObligationReminderSent':
        reminders.push({ obligationId: event.data.obligationId, kind: event.data.kind, on });
        break;
      case 'ObligationDeadlineMissed':
        missed.push({ obligationId: event.data.obligationId, kind: event.data.kind, on });
        break;
      case 'PersonalDataErased':
        retained = event.data.retained;
        break;
      case 'ObligationEscalated':
        escalations.push({
          obligationId: event.data.obligationId,
          kind: event.data.kind,
          on,
          escalation: event.data.escalation,
        });
        break;
      default:
        break;
    }
  }

  const { details, la, childId, streamId, jurisdiction } = state;
  if (state.status === 'not-recorded' || !details || !la || !childId || !streamId || !jurisdiction)
    return undefined;
  const policy = policies(la);
  const today = londonDateOf(now);
  const obligations = obligationsOf(state, policy, calendarFor(jurisdiction), now).map((o) => {
    // dueAt is the first instant after the due day, so the day before it is the due date.
    const dueOn = o.dueOn ?? londonDateOf(new Date(Date.parse(o.dueAt) - 1));
    return { id: o.id, kind: o.kind, dueOn, remindAt: o.remindAt, daysLeft: daysBetween(today, dueOn) };
  });
  const stage = stageOf(state, periods.at(-1));
  const waitingSince = state.referral?.referredOn;
  const duties = dutiesOf(obligations);
  const current = state.status === 'looked-after' || state.relationship !== undefined;
  const key = (date: string) => dateKey(date, childId);
  const listKeys = current
    ? {
        currentLa: la,
        swKey: `${la}#${details.socialWorkerRef}`,
        iroKey: `${la}#${details.iroRef}`,
        nextDue: key(duties[0]?.dueOn ?? NOTHING_DUE),
        ...Object.fromEntries(duties.map((d) => [DUTY_ATTRIBUTE[d.group], key(d.dueOn)])),
      }
    : {};
  // An erased value is no name to find a child by.
  const held = (value: string | undefined) => (value === undefined || isErased(value) ? undefined : value);
  const searchKey = (name: string | undefined) => (held(name) ? `${folded(name!)}#${childId}` : undefined);
  const identity = {
    firstNames: details.firstNames,
    lastName: details.lastName,
    preferredName: details.preferredName,
    caseSystemId: details.caseSystemId,
    placementArea: state.placementArea,
  };
  return {
    ...Object.fromEntries(Object.entries(identity).filter(([, v]) => held(v) !== undefined)),
    socialWorkerId: details.socialWorkerRef,
    iroId: details.iroRef,
    current,
    duties,
    ...listKeys,
    ...(held(details.firstNames) ? { sFirst: searchKey(details.firstNames) } : {}),
    ...(held(details.lastName) ? { sLast: searchKey(details.lastName) } : {}),
    ...(held(details.preferredName) ? { sPreferred: searchKey(details.preferredName) } : {}),
    ...(held(details.caseSystemId) ? { sCase: `${foldedId(details.caseSystemId!)}#${childId}` } : {}),
    ...(held(details.dateOfBirth) ? { sDob: key(details.dateOfBirth) } : {}),
    streamId,
    version: state.version,
    rowSchema: ROW_SCHEMA,
    la,
    jurisdiction,
    childId,
    status: state.status,
    stage,
    listKey:
      stage === 'waiting' && waitingSince
        ? `waiting#${waitingSince}#${childId}`
        : `${stage}#${periods.at(-1)?.startedOn ?? ''}#${childId}`,
    ...(isErased(details.dateOfBirth) ? {} : { dateOfBirth: details.dateOfBirth }),
    birthMonth: isErased(details.dateOfBirth) ? (retained.birthMonth ?? '') : details.dateOfBirth.slice(0, 7),
    sex: details.sex,
    ...(isErased(details.ethnicity) ? {} : { ethnicity: details.ethnicity }),
    ethnicityGroup: isErased(details.ethnicity)
      ? (retained.ethnicGroup ?? '')
      : ethnicGroupOf(details.ethnicity),
    unaccompaniedAsylumSeeking: details.unaccompaniedAsylumSeeking,
    placementInLaArea: state.placementInLaArea,
    placements,
    ivStatusUnknown: state.ivStatusUnknown === true,
    enteredCareOn: periods[0]?.startedOn ?? today,
    periods,
    referrals,
    matches,
    ...(state.relationship ? { currentVolunteerId: state.relationship.volunteerId } : {}),
    reminders,
    missed,
    escalations,
    obligations,
    concerns: Object.values(state.concerns).map((c) => ({
      raisedOn: c.raisedOn,
      allegation: c.about === 'visitor',
      ...(c.outcomeOn ? { closedOn: c.outcomeOn } : {}),
    })),
    retention: retentionRowOf(state, policy),
    projectedAt: now.toISOString(),
  };
}

/** The earliest open obligation of each duty, soonest first. */
function dutiesOf(obligations: readonly OpenObligationRow[]): DutyRow[] {
  const byGroup = new Map<DutyGroup, DutyRow>();
  for (const o of obligations) {
    const group = groupOfKind(o.kind);
    if (!group) continue;
    const earlier = byGroup.get(group);
    if (!earlier || o.dueOn < earlier.dueOn) byGroup.set(group, { group, kind: o.kind, dueOn: o.dueOn });
  }
  return [...byGroup.values()].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

function stageOf(state: ChildState, period: PeriodRow | undefined): JourneyStage {
  if (state.status === 'left-care') return state.relationship ? 'care-leaver-with-iv' : 'left-care';
  if (state.relationship) return 'matched';
  if (state.referral) return 'waiting';
  // Objected while the objection to having anyone stands (s.23ZB(8)); a withdrawn one, or one to a single visitor,
  // leaves the child where the offer left them.
  if (isObjecting(state)) return 'objected';
  const decision = period?.decisions.at(-1)?.decision;
  if (decision === 'declined') return 'declined';
  if (period?.offeredOn) return 'offered';
  if (period?.toldOn) return 'told';
  return 'not-yet-offered';
}

export type VolunteerStatus = 'applied' | 'approved' | 'paused' | 'suspended' | 'withdrawn';

export interface VolunteerMatchRow {
  matchId: string;
  childId: string;
  matchedOn: LocalDate;
  endedOn?: LocalDate;
  endReason?: string;
}

export interface VolunteerRow {
  streamId: string;
  version: number;
  rowSchema: number;
  la: string;
  volunteerId: string;
  /** Their name, for the pages that name them (personal: read by their LA's staff only). */
  name?: string;
  status: VolunteerStatus;
  /** The sort key of the LA index: `<status>#<volunteer>`, so one status lists together. */
  listKey: string;
  appliedOn: LocalDate;
  approvedOn?: LocalDate;
  withdrawnOn?: LocalDate;
  capacity: number;
  activeMatches: number;
  matches: VolunteerMatchRow[];
  dbsIssuedOn?: LocalDate;
  /** When the DBS certificate stops being accepted under the LA's policy (the re-check falls due). */
  dbsExpiresOn?: LocalDate;
  /** The key of the DBS expiry index, `<expires on>#<volunteer>`: approved volunteers only. */
  dbsDue?: string;
  /** The soonest expiry of a course they hold, and which course: the task list's training to renew. */
  trainingExpiresOn?: LocalDate;
  trainingToRenew?: string;
  /** The key of the training expiry index, `<expires on>#<volunteer>`: volunteers not withdrawn only. */
  trainingDue?: string;
  retention: RetentionRow;
  projectedAt: string;
}
