import type * as z from 'zod';
import type { VolunteerEvent, VolunteerProfile } from '../../events/contracts/volunteer';
import { volunteerStreamId } from '../../events/stream-id';
import { addMonths, type LocalDate, londonDateOf } from '../calendar';
import type { FactMeta } from '../decider';
import { evolveStages, type StageRecord } from '../obligations/stages';
import { evolvePersonalData, initialPersonalData, type PersonalDataState } from '../personal-data';
import type { DbsLevel, Policy } from '../policy';
import type { ExpenseClaim, TrainingRecord } from './expenses';
import type { IndependenceDeclaration } from './independence';

export interface DbsCheck {
  level: DbsLevel;
  certificateNumber: string;
  issuedOn: LocalDate;
  updateServiceSubscribed: boolean;
  lastStatusCheckOn?: LocalDate;
  /** The Update Service reported new information: the check no longer stands until renewed. */
  newInformationOn?: LocalDate;
}

export interface VolunteerState {
  kind: 'volunteer';
  version: number;
  status: 'not-recorded' | 'applied' | 'approved' | 'withdrawn';
  /** When they left the service: their record's retention period runs from here. */
  withdrawnOn?: LocalDate;
  volunteerId?: string;
  streamId?: string;
  la?: string;
  /** Who they are and what a match is judged on, as last recorded. */
  profile: z.infer<typeof VolunteerProfile>;
  /** When the volunteer applied: nothing about them can have happened before it. */
  appliedAt?: string;
  approvedAt?: string;
  references: { referenceId: string; satisfactory: boolean }[];
  dbs?: DbsCheck;
  trainingCompleted: string[];
  /** Each course as last completed, with its expiry. */
  training: Record<string, TrainingRecord>;
  /** Expense claims, in the order they were made. */
  expenseClaims: ExpenseClaim[];
  independenceDeclared: boolean;
  /** The latest declaration of independence, answering each category. */
  independence?: IndependenceDeclaration;
  capacity: number;
  paused: boolean;
  suspended: boolean;
  activeMatches: { matchId: string; childId: string }[];
  supervisionSessions: number;
  lastSupervisionOn?: LocalDate;
  stages: Record<string, StageRecord>;
  /** Legal holds and erasure. */
  personalData: PersonalDataState;
}

export const initialVolunteerState: VolunteerState = {
  kind: 'volunteer',
  version: 0,
  status: 'not-recorded',
  profile: {},
  references: [],
  trainingCompleted: [],
  training: {},
  expenseClaims: [],
  independenceDeclared: false,
  capacity: 0,
  paused: false,
  suspended: false,
  activeMatches: [],
  supervisionSessions: 0,
  stages: {},
  personalData: initialPersonalData,
};

/**
 * The last date the DBS check stands under the LA's policy, or undefined when it does not stand at all (no check,
 * a level the LA does not accept, or new information from the Update Service).
 */
export function dbsValidUntil(dbs: DbsCheck | undefined, policy: Policy): LocalDate | undefined {
  if (!dbs || dbs.newInformationOn || !policy.volunteers.dbs.acceptedLevels.includes(dbs.level))
    return undefined;
  if (dbs.updateServiceSubscribed)
    return addMonths(
      dbs.lastStatusCheckOn ?? dbs.issuedOn,
      policy.volunteers.dbs.updateServiceCheckEveryMonths,
    );
  return addMonths(dbs.issuedOn, policy.volunteers.dbs.recheckEveryMonths);
}

export const hasValidDbs = (state: VolunteerState, policy: Policy, on: LocalDate): boolean => {
  const until = dbsValidUntil(state.dbs, policy);
  return until !== undefined && state.dbs!.issuedOn <= on && on <= until;
};

export function evolveVolunteer(
  state: VolunteerState,
  event: VolunteerEvent,
  meta: FactMeta,
): VolunteerState {
  return { ...evolveFact(state, event, meta), version: meta.version };
}

function evolveFact(state: VolunteerState, event: VolunteerEvent, meta: FactMeta): VolunteerState {
  const on = londonDateOf(meta.occurredAt);
  switch (event.type) {
    case 'VolunteerApplied': {
      const { volunteerId, la, ...profile } = event.data;
      return {
        ...state,
        status: 'applied',
        volunteerId,
        streamId: volunteerStreamId(volunteerId),
        la,
        profile,
        appliedAt: meta.occurredAt,
      };
    }
    case 'VolunteerDetailsChanged':
      return { ...state, profile: { ...state.profile, ...event.data.changes } };
    case 'VolunteerReferenceReceived':
      return { ...state, references: [...state.references, event.data] };
    case 'DbsCheckRecorded':
    case 'DbsCheckRenewed':
      return { ...state, dbs: { ...event.data } };
    case 'DbsUpdateServiceChecked':
      if (!state.dbs) return state;
      return {
        ...state,
        dbs: {
          ...state.dbs,
          lastStatusCheckOn: on,
          ...(event.data.result === 'new-information' ? { newInformationOn: on } : {}),
        },
      };
    case 'VolunteerTrainingCompleted': {
      const { course, completedOn = on, expiresOn } = event.data;
      const latest = state.training[course];
      // A completion recorded late, older than the one on record, does not replace it.
      const training =
        latest && latest.completedOn > completedOn
          ? state.training
          : { ...state.training, [course]: { course, completedOn, ...(expiresOn ? { expiresOn } : {}) } };
      return { ...state, trainingCompleted: [...state.trainingCompleted, course], training };
    }
    case 'ExpenseClaimed':
      return {
        ...state,
        expenseClaims: [...state.expenseClaims, { ...event.data, claimedOn: on, status: 'waiting' }],
      };
    case 'ExpenseClaimApproved':
    case 'ExpenseClaimRejected': {
      const decided = {
        status: event.type === 'ExpenseClaimApproved' ? ('approved' as const) : ('rejected' as const),
        decidedOn: on,
        ...('reason' in event.data ? { reason: event.data.reason } : {}),
      };
      return {
        ...state,
        expenseClaims: state.expenseClaims.map((c) =>
          c.claimId === event.data.claimId ? { ...c, ...decided } : c,
        ),
      };
    }
    case 'IndependenceDeclared':
      return { ...state, independenceDeclared: true, independence: { ...event.data } };
    case 'VolunteerApproved':
      return { ...state, status: 'approved', approvedAt: meta.occurredAt, capacity: event.data.capacity };
    case 'VolunteerCapacityChanged':
      return { ...state, capacity: event.data.capacity };
    case 'VolunteerPaused':
      return { ...state, paused: true };
    case 'VolunteerResumed':
      return { ...state, paused: false };
    case 'SupervisionSessionHeld':
      return { ...state, supervisionSessions: state.supervisionSessions + 1, lastSupervisionOn: on };
    case 'VolunteerSuspended':
      return { ...state, suspended: true };
    case 'VolunteerSuspensionLifted':
      return { ...state, suspended: false };
    case 'VolunteerWithdrew':
      return { ...state, status: 'withdrawn', withdrawnOn: on };
    case 'VolunteerMatchedWithChild':
      return { ...state, activeMatches: [...state.activeMatches, event.data] };
    case 'VolunteerMatchEnded':
      return {
        ...state,
        activeMatches: state.activeMatches.filter(
          (m) => !(m.matchId === event.data.matchId && m.childId === event.data.childId),
        ),
      };
    case 'ObligationReminderSent':
    case 'ObligationDeadlineMissed':
    case 'ObligationEscalated':
      return { ...state, stages: evolveStages(state.stages, event) };
    case 'PersonalDataErased':
    case 'LegalHoldPlaced':
    case 'LegalHoldLifted':
      return { ...state, personalData: evolvePersonalData(state.personalData, event, on) };
  }
}
