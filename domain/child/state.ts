import type * as z from 'zod';
import type { ChildEvent, ChildEventData, ReviewOutcome } from '../../events/contracts/child';
import type { Jurisdiction } from '../../events/contracts/common';
import { childStreamId } from '../../events/stream-id';
import { type LocalDate, londonDateOf } from '../calendar';
import type { EntryRef } from '../corrections';
import type { FactMeta } from '../decider';
import { evolveStages, type StageRecord } from '../obligations/stages';
import { evolvePersonalData, initialPersonalData, type PersonalDataState } from '../personal-data';
import { type Concern, evolveConcerns } from './concerns';
import { evolveImport, type ImportedFrom } from './imported';

export type CareStatus = 'not-recorded' | 'looked-after' | 'left-care';

export interface ChildDetails {
  dateOfBirth: LocalDate;
  sex: 'male' | 'female';
  ethnicity: ChildEventData<'ChildEnteredCare'>['ethnicity'];
  /** Absent when not recorded (a record imported from the case system). */
  unaccompaniedAsylumSeeking?: boolean;
  socialWorkerRef: string;
  iroRef: string;
  firstNames?: string;
  lastName?: string;
  preferredName?: string;
  caseSystemId?: string;
  /** The language to write in about the child (Welsh Language Standards); unrecorded, the LA's country's. */
  correspondenceLanguage?: 'en' | 'cy';
}

export interface Review {
  heldOn: LocalDate;
  /** Absent for a review known only from the case system: whether it considered an IV is not on record. */
  ivConsidered?: boolean;
  outcome?: z.infer<typeof ReviewOutcome>;
  notInInterestsReason?: string;
}

/** One period of being looked after: from entering (or re-entering) care to leaving. */
export interface CarePeriod {
  number: number;
  startedAt: string;
  startedOn: LocalDate;
  toldOn?: LocalDate;
  offeredOn?: LocalDate;
  decisionOn?: LocalDate;
  referredOn?: LocalDate;
  reviews: Review[];
}

export interface Relationship {
  matchId: string;
  referralId: string;
  volunteerId: string;
  matchedAt: string;
  matchedOn: LocalDate;
  visitsHeld: number;
  lastVisitHeldOn?: LocalDate;
  matchReviews: number;
  lastMatchReviewOn?: LocalDate;
  plannedAt18?: 'continue-under-care-leaver-offer' | 'end-at-18';
  /** The age the plan continues the IV to, under the care-leaver offer. */
  plannedUntilAge?: number;
  /** Set once the child has left care and the relationship continues under the care-leaver offer. */
  continuingUntilAge?: number;
}

export interface ChildState {
  kind: 'child';
  /** The version of the last event folded in. */
  version: number;
  status: CareStatus;
  childId?: string;
  streamId?: string;
  la?: string;
  jurisdiction?: Jurisdiction;
  details?: ChildDetails;
  placementInLaArea?: boolean;
  /** The town or district the child is placed in, when recorded. */
  placementArea?: string;
  period?: CarePeriod;
  /** The latest decision on an IV of the child with sufficient understanding (wishes are not decisions). */
  decision?: { decision: 'accepted' | 'declined' | 'objected'; on: LocalDate };
  /**
   * A standing objection to having anyone as the child's IV (s.23ZB(6)-(8)): no IV may be appointed, and the duty to
   * propose one is suspended, until it is withdrawn.
   */
  objection?: { at: string; on: LocalDate };
  /** Visitors the child objected to with sufficient understanding: none of them may be appointed again. */
  objectedVolunteers: string[];
  /** The last withdrawal of an objection to having anyone: it re-opens the duty to consider an IV. */
  lastWithdrawal?: { on: LocalDate; number: number };
  /** The last date the IV question was considered: an offer, a decision, a referral or a review that asked it. */
  lastConsideredOn?: LocalDate;
  referral?: { referralId: string; referredAt: string; referredOn: LocalDate };
  referralsMade: number;
  relationship?: Relationship;
  matchesMade: number;
  /** The last ending; one while the child was looked after re-opens the duty to consider a new IV. */
  lastEnding?: { matchId: string; endedOn: LocalDate; whileLookedAfter: boolean };
  leftCare?: { at: string; on: LocalDate; reason: string };
  /** Reminder stages already recorded, by obligation id. */
  stages: Record<string, StageRecord>;
  /** Set when the record was started from the LA's case system (imported.ts). */
  importedFrom?: ImportedFrom;
  /** Imported, and nothing about the offer of an IV recorded since. */
  ivStatusUnknown?: boolean;
  /** Every entry folded in, by version and type: what a correction may name (corrections.ts). */
  entries: EntryRef[];
  /** Legal holds and erasure. */
  personalData: PersonalDataState;
  /** Safeguarding concerns, by concern id (concerns.ts). */
  concerns: Record<string, Concern>;
}

export const initialChildState: ChildState = {
  kind: 'child',
  version: 0,
  status: 'not-recorded',
  referralsMade: 0,
  matchesMade: 0,
  objectedVolunteers: [],
  stages: {},
  entries: [],
  personalData: initialPersonalData,
  concerns: {},
};

/** The child objects to having anyone as their IV, and has not withdrawn it. */
export const isObjecting = (state: ChildState): boolean => state.objection !== undefined;

const later = (a: LocalDate | undefined, b: LocalDate): LocalDate => (a && a > b ? a : b);
const withVolunteer = (volunteers: string[], volunteerId: string) =>
  volunteers.includes(volunteerId) ? volunteers : [...volunteers, volunteerId];

export function evolveChild(state: ChildState, event: ChildEvent, meta: FactMeta): ChildState {
  const next = evolveImport(evolveFact(state, event, meta), event, meta);
  // The automated reminders' entries are many and can never be marked as a mistake: they are not remembered.
  const remembered = !event.type.startsWith('Obligation');
  return {
    ...next,
    version: meta.version,
    entries: remembered ? [...state.entries, { version: meta.version, type: event.type }] : state.entries,
  };
}

function evolveFact(state: ChildState, event: ChildEvent, meta: FactMeta): ChildState {
  const on = londonDateOf(meta.occurredAt);
  const period = state.period;
  const relationship = state.relationship;
  switch (event.type) {
    case 'ChildEnteredCare': {
      const { childId, la, jurisdiction, placementInLaArea, placementArea, ...details } = event.data;
      return {
        ...state,
        status: 'looked-after',
        childId,
        streamId: childStreamId(childId),
        la,
        jurisdiction,
        details,
        placementInLaArea,
        placementArea,
        period: { number: 1, startedAt: meta.occurredAt, startedOn: on, reviews: [] },
      };
    }
    case 'ChildRecordImported':
      // The import's part of the state is evolveImport's.
      return state;
    case 'ChildReEnteredCare':
      return {
        ...state,
        status: 'looked-after',
        placementInLaArea: event.data.placementInLaArea,
        placementArea: event.data.placementArea ?? state.placementArea,
        period: { number: (period?.number ?? 0) + 1, startedAt: meta.occurredAt, startedOn: on, reviews: [] },
        leftCare: undefined,
        lastEnding: undefined,
      };
    case 'ChildPlacementChanged':
      return {
        ...state,
        placementInLaArea: event.data.placementInLaArea,
        // A move recorded without the area leaves the area unknown rather than where the child used to be.
        placementArea: event.data.placementArea,
      };
    case 'StaffAllocated':
      return state.details
        ? {
            ...state,
            details: {
              ...state.details,
              [event.data.role === 'iro' ? 'iroRef' : 'socialWorkerRef']: event.data.staffId,
            },
          }
        : state;
    case 'EntryRecordedInError':
      // The fold leaves the marked entry out (corrections.ts); the correction itself changes nothing more.
      return state;
    case 'LookedAfterReviewHeld':
      if (!period) return state;
      return {
        ...state,
        period: { ...period, reviews: [...period.reviews, { heldOn: on, ...event.data }] },
        lastConsideredOn: event.data.ivConsidered
          ? later(state.lastConsideredOn, on)
          : state.lastConsideredOn,
      };
    case 'ChildToldOfEntitlement':
      return period ? { ...state, period: { ...period, toldOn: on } } : state;
    case 'IndependentVisitorOffered':
      return {
        ...state,
        period: period && { ...period, offeredOn: on },
        lastConsideredOn: later(state.lastConsideredOn, on),
      };
    case 'ChildDecisionRecorded': {
      // Recorded before wishes had their own event: without sufficient understanding it was never a decision.
      if (!event.data.sufficientUnderstanding)
        return { ...state, lastConsideredOn: later(state.lastConsideredOn, on) };
      const { decision, objectionTo, proposedVolunteerId } = event.data;
      const decided: ChildState = {
        ...state,
        decision: { decision, on },
        period: period && { ...period, decisionOn: on },
        lastConsideredOn: later(state.lastConsideredOn, on),
      };
      if (decision !== 'objected') return decided;
      return objectionTo === 'proposed-visitor' && proposedVolunteerId
        ? { ...decided, objectedVolunteers: withVolunteer(state.objectedVolunteers, proposedVolunteerId) }
        : { ...decided, objection: { at: meta.occurredAt, on } };
    }
    case 'ChildWishesAndFeelingsRecorded':
      // Wishes about the offer mean the question was put to the child; about the current IV, nothing changes.
      return event.data.matchId ? state : { ...state, lastConsideredOn: later(state.lastConsideredOn, on) };
    case 'ReferredToIvService':
      return {
        ...state,
        referral: { referralId: event.data.referralId, referredAt: meta.occurredAt, referredOn: on },
        referralsMade: state.referralsMade + 1,
        period: period && { ...period, referredOn: on },
        lastConsideredOn: later(state.lastConsideredOn, on),
      };
    case 'ReferralWithdrawn':
      return { ...state, referral: undefined };
    case 'VisitorMatched':
      return {
        ...state,
        referral: undefined,
        matchesMade: state.matchesMade + 1,
        relationship: {
          matchId: event.data.matchId,
          referralId: event.data.referralId,
          volunteerId: event.data.volunteerId,
          matchedAt: meta.occurredAt,
          matchedOn: on,
          visitsHeld: 0,
          matchReviews: 0,
        },
      };
    case 'VisitRecorded':
      if (!relationship || event.data.outcome !== 'held') return state;
      return {
        ...state,
        relationship: {
          ...relationship,
          visitsHeld: relationship.visitsHeld + 1,
          lastVisitHeldOn: later(relationship.lastVisitHeldOn, on),
        },
      };
    case 'MatchReviewed':
      if (!relationship) return state;
      return {
        ...state,
        relationship: {
          ...relationship,
          matchReviews: relationship.matchReviews + 1,
          lastMatchReviewOn: later(relationship.lastMatchReviewOn, on),
        },
      };
    case 'IndependentVisitorResigned':
    case 'AppointmentTerminatedByLa':
      // The ending itself is the RelationshipEnded that follows.
      return state;
    case 'ChildObjectedToContinuing':
      // The ending itself is the RelationshipEnded that follows; this records what the objection was to.
      if (event.data.objectionTo === 'any-visitor')
        return { ...state, objection: { at: meta.occurredAt, on } };
      return relationship
        ? { ...state, objectedVolunteers: withVolunteer(state.objectedVolunteers, relationship.volunteerId) }
        : state;
    case 'ObjectionWithdrawn':
      if (event.data.objectionTo === 'this-visitor')
        return {
          ...state,
          objectedVolunteers: state.objectedVolunteers.filter((v) => v !== event.data.volunteerId),
        };
      return {
        ...state,
        objection: undefined,
        lastWithdrawal: { on, number: (state.lastWithdrawal?.number ?? 0) + 1 },
      };
    case 'EighteenthBirthdayPlanned':
      return relationship
        ? {
            ...state,
            relationship: {
              ...relationship,
              plannedAt18: event.data.plan,
              plannedUntilAge: event.data.untilAge,
            },
          }
        : state;
    case 'ChildLeftCare':
      return {
        ...state,
        status: 'left-care',
        leftCare: { at: meta.occurredAt, on, reason: event.data.reason },
      };
    case 'IvContinuedUnderCareLeaverOffer':
      return relationship
        ? { ...state, relationship: { ...relationship, continuingUntilAge: event.data.untilAge } }
        : state;
    case 'RelationshipEnded':
      return {
        ...state,
        relationship: undefined,
        lastEnding: {
          matchId: event.data.matchId,
          endedOn: on,
          whileLookedAfter: event.data.whileLookedAfter,
        },
      };
    case 'ChildDetailsCorrected': {
      const { placementInLaArea, placementArea, ...changes } = event.data.changes;
      return {
        ...state,
        details: state.details && { ...state.details, ...changes },
        placementInLaArea: placementInLaArea ?? state.placementInLaArea,
        placementArea: placementArea ?? state.placementArea,
      };
    }
    case 'ObligationReminderSent':
    case 'ObligationDeadlineMissed':
    case 'ObligationEscalated':
      return { ...state, stages: evolveStages(state.stages, event) };
    case 'PersonalDataErased':
    case 'LegalHoldPlaced':
    case 'LegalHoldLifted':
      return { ...state, personalData: evolvePersonalData(state.personalData, event, on) };
    case 'SafeguardingConcernRaised':
    case 'SafeguardingConcernAcknowledged':
    case 'ConcernSocialWorkerInformed':
    case 'AllegationReferredToLado':
    case 'SafeguardingConcernOutcomeRecorded':
      return { ...state, concerns: evolveConcerns(state.concerns, event, on, meta.actor.id) };
  }
}
