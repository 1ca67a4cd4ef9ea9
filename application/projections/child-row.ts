import { calendarFor, daysBetween, type LocalDate, londonDateOf } from '../../domain/calendar';
import { childDecider, isObjecting } from '../../domain/child';
import type { ChildState } from '../../domain/child/state';
import { obligationsOf } from '../../domain/obligations';
import { defaultPolicyFor, type PolicySource } from '../../domain/policy';
import type { ChildEvent } from '../../events/contracts/child';
import { ethnicGroupOf } from '../../events/contracts/ethnicity';
import type { RecordedEvent } from '../../events/envelope';
import { asFact, CHILD, typedEvents } from '../records';

/**
 * Read-model rows: what the lists and reports need about one stream, computed from the whole stream every time.
 * A row is a pure function of (events, now, policy), so re-projecting the same stream gives the same row, and a
 * row can always be thrown away and rebuilt. Rows keep dates, never names, so a report can be taken "as of" any
 * date up to the last event. Bump ROW_SCHEMA when the shape changes, so a rebuild knows to overwrite.
 */
export const ROW_SCHEMA = 2;

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

export interface OpenObligationRow {
  id: string;
  kind: string;
  dueOn: LocalDate;
  remindAt: string;
  /** Days from the projection date to the due date; negative when overdue. Recompute from dueOn when reading. */
  daysLeft: number;
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
  dateOfBirth: LocalDate;
  sex: 'male' | 'female';
  ethnicity: string;
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

  for (const recorded of typedEvents<ChildEvent>(CHILD, events)) {
    const fact = asFact(recorded);
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
  return {
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
    dateOfBirth: details.dateOfBirth,
    sex: details.sex,
    ethnicity: details.ethnicity,
    ethnicityGroup: ethnicGroupOf(details.ethnicity),
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
    projectedAt: now.toISOString(),
  };
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
  projectedAt: string;
}
