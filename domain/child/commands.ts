import type * as z from 'zod';
import type {
  AllegationOutcome,
  AllocatedRole,
  AppointmentTerminatedByLa,
  ChildConcernOutcome,
  ChildDecision,
  ChildDetailsCorrected,
  ChildIdentity,
  ConcernSubject,
  LeftCareReason,
  MatchReviewed,
  ObjectionScope,
  ReferralWithdrawalReason,
  ReviewOutcome,
  Sex,
  VisitRecorded,
} from '../../events/contracts/child';
import type { ImportSource } from '../../events/contracts/child-import';
import type { Availability } from '../../events/contracts/common';
import type { EthnicityCode } from '../../events/contracts/ethnicity';
import type { LocalDate } from '../calendar';
import type { PersonalDataCommand } from '../personal-data';
import type { When } from '../recording';

/** What staff ask to record on a child's stream. Each names the fact it would add; the decider may refuse it. */
export type ChildCommand =
  | EnterCare
  | RecordImport
  | ({ type: 'ReEnterCare'; placementInLaArea?: boolean; placementArea?: string } & When)
  | ({ type: 'ChangePlacement'; placementInLaArea?: boolean; placementArea?: string } & When)
  | ({ type: 'AllocateStaff'; role: z.infer<typeof AllocatedRole>; staffId: string } & When)
  | ({
      type: 'RecordReview';
      /** Both absent for a review known only from the case system, which does not record the IV question. */
      ivConsidered?: boolean;
      outcome?: z.infer<typeof ReviewOutcome>;
      /** Why appointing an IV is not, for now, in the child's interests: needed with that outcome only. */
      notInInterestsReason?: string;
    } & When)
  | ({ type: 'RecordChildTold' } & When)
  | ({ type: 'OfferIndependentVisitor' } & When)
  | ({
      type: 'RecordChildDecision';
      decision: z.infer<typeof ChildDecision>;
      /** Without it, what the child said is recorded as their wishes and feelings, not as a decision. */
      sufficientUnderstanding: boolean;
      childsWords?: string;
      /** An objection is to having anyone as the child's IV unless it names the proposed visitor. */
      objectionTo?: z.infer<typeof ObjectionScope>;
      proposedVolunteerId?: string;
    } & When)
  | ({
      type: 'ReferToIvService';
      needs: string[];
      interests: string[];
      preferences: string[];
      languages?: string[];
      visitorSex?: z.infer<typeof Sex>;
      availability?: z.infer<typeof Availability>[];
    } & When)
  | ({ type: 'WithdrawReferral'; reason: z.infer<typeof ReferralWithdrawalReason> } & When)
  | ({
      type: 'RecordVisit';
      outcome: z.infer<typeof VisitRecorded.schema>['outcome'];
      mode: z.infer<typeof VisitRecorded.schema>['mode'];
      durationMinutes?: number;
      activities?: string;
      howItWent?: z.infer<typeof VisitRecorded.schema>['howItWent'];
      childsWords?: string;
      /** Set when an Independent Visitor records it: the volunteer record they are, which must be the child's IV. */
      visitorId?: string;
    } & When)
  | ({
      type: 'RecordMatchReview';
      outcome: z.infer<typeof MatchReviewed.schema>['outcome'];
      /** The views given at the review; each absent when it was not asked (reviews recorded before they were). */
      childsView?: z.infer<typeof MatchReviewed.schema>['childsView'];
      visitorsView?: z.infer<typeof MatchReviewed.schema>['visitorsView'];
      carersView?: z.infer<typeof MatchReviewed.schema>['carersView'];
    } & When)
  | ({ type: 'RecordIvResignation'; writtenNoticeOn: LocalDate } & When)
  | ({
      type: 'TerminateAppointment';
      writtenNoticeOn: LocalDate;
      reason: z.infer<typeof AppointmentTerminatedByLa.schema>['reason'];
    } & When)
  | ({
      type: 'RecordObjectionToContinuing';
      /** Without it, the objection is recorded as the child's wishes and feelings and the appointment continues. */
      sufficientUnderstanding: boolean;
      childsWords?: string;
      /** An objection to the appointment continuing is to this visitor unless it is to having anyone. */
      objectionTo?: 'this-visitor' | 'any-visitor';
    } & When)
  | ({
      type: 'WithdrawObjection';
      /** The visitor the child objected to; without it, the objection to having anyone as their IV. */
      volunteerId?: string;
    } & When)
  | ({
      type: 'PlanForEighteenthBirthday';
      plan: 'continue-under-care-leaver-offer' | 'end-at-18';
      untilAge?: number;
    } & When)
  | ({
      type: 'LeaveCare';
      reason: z.infer<typeof LeftCareReason>;
      /** Keep the IV under the LA's care-leaver offer, until this age. */
      continueUnderCareLeaverOffer?: { untilAge: number };
    } & When)
  | ({ type: 'EndCareLeaverRelationship' } & When)
  | ({
      type: 'CorrectChildDetails';
      correctsVersion: number;
      correctsType: string;
      changes: z.infer<typeof ChildDetailsCorrected.schema>['changes'];
    } & When)
  | ({
      type: 'RecordEntryInError';
      correctsVersion: number;
      explanation: string;
    } & When)
  | ({
      type: 'RaiseConcern';
      about: z.infer<typeof ConcernSubject>;
      summary: string;
      /** Set when an Independent Visitor raises it: the volunteer record they are, which must be the child's IV. */
      visitorId?: string;
    } & When)
  /** A step on a concern: the one numbered, or the only open one still waiting for that step. */
  | ({ type: 'AcknowledgeConcern'; concernNumber?: number } & When)
  | ({ type: 'RecordSocialWorkerInformed'; concernNumber?: number } & When)
  | ({ type: 'ReferAllegationToLado'; concernNumber?: number } & When)
  | ({
      type: 'RecordConcernOutcome';
      concernNumber?: number;
      outcome: z.infer<typeof AllegationOutcome> | z.infer<typeof ChildConcernOutcome>;
      note?: string;
    } & When)
  | ObligationCommand
  | PersonalDataCommand;

export type EnterCare = {
  type: 'EnterCare';
  childId: string;
  la: string;
  dateOfBirth: LocalDate;
  sex: z.infer<typeof Sex>;
  ethnicity: EthnicityCode;
  /** Absent when the source (a case-system extract) does not say. */
  unaccompaniedAsylumSeeking?: boolean;
  placementInLaArea?: boolean;
  socialWorkerRef: string;
  iroRef: string;
} & z.infer<typeof ChildIdentity> &
  When;

/** Keeps the case system's id for a child whose record an import started (see imported.ts). */
export type RecordImport = {
  type: 'RecordImport';
  source: z.infer<typeof ImportSource>;
  caseSystemId: string;
};

/** Issued only by the deadlines workflow (actor role `system`), on the child's or the volunteer's stream. */
export type ObligationCommand =
  | { type: 'RecordObligationReminder'; obligationId: string }
  | { type: 'RecordMissedDeadline'; obligationId: string }
  | { type: 'RecordEscalation'; obligationId: string; escalation: number };

/** Commands that can end an IV relationship, so they also write to the volunteer's stream (see relationship.ts). */
export const MAY_END_RELATIONSHIP: ReadonlySet<ChildCommand['type']> = new Set([
  'LeaveCare',
  'RecordIvResignation',
  'TerminateAppointment',
  'RecordObjectionToContinuing',
  'EndCareLeaverRelationship',
]);
