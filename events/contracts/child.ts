import { z } from 'zod';
import { defineEvent } from '../catalog';
import { LaCode } from '../envelope';
import { ChildRecordImported } from './child-import';
import {
  type EventOf,
  Jurisdiction,
  jurisdictionOfLa,
  LocalDateSchema,
  RecordId,
  StaffRef,
  Tag,
} from './common';
import { EthnicityCode } from './ethnicity';
import type { ObligationDeadlineMissed, ObligationEscalated, ObligationReminderSent } from './obligations';

/*
 * The child's stream: one child's Independent Visitor journey, in the order it happened. When a fact happened is
 * the event's occurredAt (metadata), so no event repeats it in its data. Personal data is limited to what the
 * national reports need (date of birth, sex, ethnicity, asylum status, placement area); no names.
 */

export const Sex = z.enum(['male', 'female']);

const ChildEnteredCareV1 = z.object({
  childId: RecordId,
  la: LaCode,
  dateOfBirth: LocalDateSchema,
  sex: Sex,
  ethnicity: EthnicityCode,
  unaccompaniedAsylumSeeking: z.boolean(),
  placementInLaArea: z.boolean(),
  socialWorkerRef: StaffRef,
  iroRef: StaffRef,
});

const ChildEnteredCareV2 = ChildEnteredCareV1.extend({ jurisdiction: Jurisdiction });

/*
 * Absent means "not recorded": a record started from the LA's case system (an SSDA903 extract) knows only what the
 * extract says, and the 903's CSV files give no asylum status and, for some placements, no postcode. Version 3
 * lets those two be absent rather than invented; everything recorded through the forms still gives both.
 */
const PlacementArea = { placementInLaArea: z.boolean().optional() };

export const ChildEnteredCare = defineEvent(
  'ChildEnteredCare',
  'The child became looked after by the local authority: the start of their first period of care.',
  ChildEnteredCareV2.extend({ unaccompaniedAsylumSeeking: z.boolean().optional(), ...PlacementArea }),
  {
    currentVersion: 3,
    previous: [
      {
        schemaVersion: 1,
        schema: ChildEnteredCareV1,
        // Version 1 did not record the jurisdiction; it is a property of the LA, so it follows from the LA's code.
        upcast: (data: z.infer<typeof ChildEnteredCareV1>) => ({
          ...data,
          jurisdiction: jurisdictionOfLa(data.la),
        }),
      },
      // Version 3 only lets two facts be absent; every version 2 event is a version 3 event as it is.
      {
        schemaVersion: 2,
        schema: ChildEnteredCareV2,
        upcast: (data: z.infer<typeof ChildEnteredCareV2>) => data,
      },
    ],
  },
);

const PlacementV1 = z.object({ placementInLaArea: z.boolean() });
const placementV1 = {
  schemaVersion: 1,
  schema: PlacementV1,
  upcast: (data: z.infer<typeof PlacementV1>) => data,
};

export const ChildReEnteredCare = defineEvent(
  'ChildReEnteredCare',
  'The child became looked after again after leaving care: a new period of care, and a new duty to offer an IV. ' +
    'Whether the placement is in area is absent when the source did not say.',
  z.object(PlacementArea),
  { currentVersion: 2, previous: [placementV1] },
);

export const ChildPlacementChanged = defineEvent(
  'ChildPlacementChanged',
  "The child moved placement; records whether the new placement is inside the LA's own area, when known.",
  z.object(PlacementArea),
  { currentVersion: 2, previous: [placementV1] },
);

export const ReviewOutcome = z.enum([
  'iv-to-be-offered',
  'iv-offered-awaiting-decision',
  'referral-in-progress',
  'iv-in-place',
  'child-declined',
  'child-objected',
  'not-in-childs-interests-now',
  'not-considered',
]);

const LookedAfterReviewHeldV1 = z.object({ ivConsidered: z.boolean(), outcome: ReviewOutcome });
const LookedAfterReviewHeldV2 = LookedAfterReviewHeldV1.extend({
  notInInterestsReason: z.string().trim().min(1).max(500).optional(),
});
export const LookedAfterReviewHeld = defineEvent(
  'LookedAfterReviewHeld',
  'A looked-after review was held; records whether the IRO considered the IV question, and what was decided. ' +
    "A review may decide that appointing an IV is not, for now, in the child's interests (s.23ZB(1)(b)), with " +
    'the reason; the question returns at the next review. Whether it was considered and the outcome are both ' +
    'absent for a review known only from the case system (the SSDA903 records the date, not the IV question).',
  LookedAfterReviewHeldV2.extend({
    ivConsidered: z.boolean().optional(),
    outcome: ReviewOutcome.optional(),
  }).refine((d) => (d.ivConsidered === undefined) === (d.outcome === undefined), {
    message: 'give both whether the IV question was considered and its outcome, or neither',
  }),
  {
    currentVersion: 3,
    previous: [
      // Version 1 had no reason: it reads as version 2 without one.
      { schemaVersion: 1, schema: LookedAfterReviewHeldV1, upcast: (data: object) => data },
      // Version 3 only lets both be absent; every version 2 event is a version 3 event as it is.
      { schemaVersion: 2, schema: LookedAfterReviewHeldV2, upcast: (data: object) => data },
    ],
  },
);

export const ChildToldOfEntitlement = defineEvent(
  'ChildToldOfEntitlement',
  'The child was told they are entitled to an Independent Visitor.',
  z.object({}),
);

export const IndependentVisitorOffered = defineEvent(
  'IndependentVisitorOffered',
  'The child was offered an Independent Visitor.',
  z.object({}),
);

export const ChildDecision = z.enum(['accepted', 'declined', 'objected']);
/** s.23ZB(8): an objection is to one visitor, or to having anyone as the child's visitor. */
export const ObjectionScope = z.enum(['any-visitor', 'proposed-visitor']);
const ChildsWords = z.string().max(2000);
const ChildDecisionRecordedV1 = z.object({
  decision: ChildDecision,
  sufficientUnderstanding: z.boolean(),
  childsWords: ChildsWords.optional(),
});
export const ChildDecisionRecorded = defineEvent(
  'ChildDecisionRecorded',
  'The decision on the offer of an IV of a child the LA is satisfied has sufficient understanding to make an ' +
    'informed decision. An objection means no appointment may be made (Children Act 1989 s.23ZB(6); Wales: SSWBA ' +
    '2014 s.98(6)): to the proposed visitor only, or to having anyone (s.23ZB(8)), which also suspends the duty ' +
    'to propose one until withdrawn. sufficientUnderstanding is false only in events recorded before wishes and ' +
    "feelings had their own event; those are read as wishes, not a decision. The child's own words are optional.",
  ChildDecisionRecordedV1.extend({
    objectionTo: ObjectionScope.optional(),
    proposedVolunteerId: RecordId.optional(),
  }).refine((d) => (d.objectionTo === 'proposed-visitor') === (d.proposedVolunteerId !== undefined), {
    message: 'names the proposed volunteer exactly when the objection is to them',
    path: ['proposedVolunteerId'],
  }),
  {
    currentVersion: 2,
    previous: [
      {
        schemaVersion: 1,
        schema: ChildDecisionRecordedV1,
        // Version 1 objections were to the offer of an IV, so to having anyone as the child's visitor.
        upcast: (data: z.infer<typeof ChildDecisionRecordedV1>) =>
          data.decision === 'objected' && data.sufficientUnderstanding
            ? { ...data, objectionTo: 'any-visitor' as const }
            : data,
      },
    ],
  },
);

export const ChildWishes = z.enum([
  'wants-a-visitor',
  'does-not-want-a-visitor',
  'does-not-want-this-visitor',
]);
export const ChildWishesAndFeelingsRecorded = defineEvent(
  'ChildWishesAndFeelingsRecorded',
  'What a child the LA is not satisfied has sufficient understanding to make an informed decision said about an ' +
    'IV: their wishes and feelings, which the LA weighs in their interests. Never a decision: they neither bar an ' +
    'appointment nor end one. matchId is set when they are about the current appointment.',
  z.object({
    wishes: ChildWishes,
    matchId: z.string().min(1).max(64).optional(),
    childsWords: ChildsWords.optional(),
  }),
);

export const ReferredToIvService = defineEvent(
  'ReferredToIvService',
  'The child was referred to the Independent Visitor service, with coded needs, interests and preferences.',
  z.object({
    referralId: z.string().min(1).max(64),
    needs: z.array(Tag).max(20),
    interests: z.array(Tag).max(20),
    preferences: z.array(Tag).max(20),
  }),
);

export const ReferralWithdrawalReason = z.enum([
  'child-declined',
  'child-objected',
  'no-longer-appropriate',
  'left-care',
  'other',
]);
export const ReferralWithdrawn = defineEvent(
  'ReferralWithdrawn',
  'The referral to the IV service was withdrawn before a match was made.',
  z.object({ referralId: z.string().min(1).max(64), reason: ReferralWithdrawalReason }),
);

export const VisitorMatched = defineEvent(
  'VisitorMatched',
  'The child was matched with an approved volunteer: the appointment of their Independent Visitor.',
  z.object({
    matchId: z.string().min(1).max(64),
    referralId: z.string().min(1).max(64),
    volunteerId: RecordId,
  }),
);

export const VisitRecorded = defineEvent(
  'VisitRecorded',
  'A visit by the Independent Visitor: held, cancelled or missed; in person or remote; how long, when held.',
  z.object({
    matchId: z.string().min(1).max(64),
    outcome: z.enum(['held', 'cancelled', 'missed']),
    mode: z.enum(['in-person', 'remote']),
    durationMinutes: z
      .number()
      .int()
      .positive()
      .max(24 * 60)
      .optional(),
  }),
);

export const MatchReviewed = defineEvent(
  'MatchReviewed',
  'The match between the child and their IV was reviewed by the IV service.',
  z.object({
    matchId: z.string().min(1).max(64),
    outcome: z.enum(['continuing', 'continuing-with-support', 'ending-planned']),
  }),
);

export const IndependentVisitorResigned = defineEvent(
  'IndependentVisitorResigned',
  'The IV resigned the appointment by written notice (s.23ZB(4)(b)).',
  z.object({ matchId: z.string().min(1).max(64), writtenNoticeOn: LocalDateSchema }),
);

export const AppointmentTerminatedByLa = defineEvent(
  'AppointmentTerminatedByLa',
  'The local authority ended the appointment by written notice (s.23ZB(4)(c)).',
  z.object({
    matchId: z.string().min(1).max(64),
    writtenNoticeOn: LocalDateSchema,
    reason: z.enum(['safeguarding', 'visitor-not-independent', 'child-wishes', 'not-working', 'other']),
  }),
);

const ChildObjectedToContinuingV1 = z.object({
  matchId: z.string().min(1).max(64),
  childsWords: ChildsWords.optional(),
});
export const ChildObjectedToContinuing = defineEvent(
  'ChildObjectedToContinuing',
  'The child, with sufficient understanding, objected to the appointment continuing, so it ends (s.23ZB(7); ' +
    'Wales: s.98(7)); the RelationshipEnded follows. The objection is to this visitor, or to having anyone, which ' +
    'suspends the duty to propose another until withdrawn (s.23ZB(8)).',
  ChildObjectedToContinuingV1.extend({ objectionTo: z.enum(['this-visitor', 'any-visitor']) }),
  {
    currentVersion: 2,
    previous: [
      {
        schemaVersion: 1,
        schema: ChildObjectedToContinuingV1,
        // Version 1 did not say; an objection to the appointment continuing is to this visitor, and reading it so
        // keeps the duty to consider another IV (s.23ZB(5)) rather than suspending it without the child's word.
        upcast: (data: z.infer<typeof ChildObjectedToContinuingV1>) => ({
          ...data,
          objectionTo: 'this-visitor' as const,
        }),
      },
    ],
  },
);

export const ObjectionWithdrawn = defineEvent(
  'ObjectionWithdrawn',
  'The child withdrew an objection: to having anyone as their visitor (the duty to propose an IV re-opens, ' +
    's.23ZB(8)), or to one visitor (volunteerId), who may then be appointed again.',
  z
    .object({ objectionTo: z.enum(['any-visitor', 'this-visitor']), volunteerId: RecordId.optional() })
    .refine((d) => (d.objectionTo === 'this-visitor') === (d.volunteerId !== undefined), {
      message: 'names the volunteer exactly when the objection was to one visitor',
      path: ['volunteerId'],
    }),
);

export const EighteenthBirthdayPlanned = defineEvent(
  'EighteenthBirthdayPlanned',
  "What happens to the IV appointment at 18: it ends in law unless the LA's care-leaver offer continues it.",
  z.object({
    matchId: z.string().min(1).max(64),
    plan: z.enum(['continue-under-care-leaver-offer', 'end-at-18']),
    untilAge: z.number().int().min(19).max(25).optional(),
  }),
);

export const LeftCareReason = z.enum([
  'reached-18',
  'returned-home',
  'adopted',
  'special-guardianship-order',
  'child-arrangements-order',
  'moved-to-independent-living',
  'transferred-to-another-la',
  'other',
]);
export const ChildLeftCare = defineEvent(
  'ChildLeftCare',
  'The child stopped being looked after (at 18 or earlier).',
  z.object({ reason: LeftCareReason }),
);

export const IvContinuedUnderCareLeaverOffer = defineEvent(
  'IvContinuedUnderCareLeaverOffer',
  "On leaving care, the IV relationship continues under the LA's care-leaver offer until the given age.",
  z.object({ matchId: z.string().min(1).max(64), untilAge: z.number().int().min(19).max(25) }),
);

export const EndingReason = z.enum([
  'child-left-care',
  'iv-resigned',
  'la-terminated',
  'child-objected',
  'care-leaver-offer-ended',
]);
export const RelationshipEnded = defineEvent(
  'RelationshipEnded',
  'The IV relationship ended. Every ending records this one event (after its cause), so reports count endings ' +
    'in one place; whileLookedAfter marks the endings that re-open the duty to consider a new IV (s.23ZB(5)).',
  z.object({
    matchId: z.string().min(1).max(64),
    volunteerId: RecordId,
    reason: EndingReason,
    whileLookedAfter: z.boolean(),
  }),
);

export const ChildDetailsCorrected = defineEvent(
  'ChildDetailsCorrected',
  'A correction of details recorded earlier; names the event it corrects. Nothing recorded is ever edited.',
  z.object({
    correctsVersion: z.number().int().positive(),
    correctsType: z.string().min(1).max(64),
    changes: z
      .object({
        dateOfBirth: LocalDateSchema,
        sex: Sex,
        ethnicity: EthnicityCode,
        unaccompaniedAsylumSeeking: z.boolean(),
        placementInLaArea: z.boolean(),
        socialWorkerRef: StaffRef,
        iroRef: StaffRef,
      })
      .partial()
      .refine((c) => Object.keys(c).length > 0, 'must change at least one detail'),
  }),
);

export const childEvents = [
  ChildEnteredCare,
  ChildRecordImported,
  ChildReEnteredCare,
  ChildPlacementChanged,
  LookedAfterReviewHeld,
  ChildToldOfEntitlement,
  IndependentVisitorOffered,
  ChildDecisionRecorded,
  ChildWishesAndFeelingsRecorded,
  ReferredToIvService,
  ReferralWithdrawn,
  VisitorMatched,
  VisitRecorded,
  MatchReviewed,
  IndependentVisitorResigned,
  AppointmentTerminatedByLa,
  ChildObjectedToContinuing,
  ObjectionWithdrawn,
  EighteenthBirthdayPlanned,
  ChildLeftCare,
  IvContinuedUnderCareLeaverOffer,
  RelationshipEnded,
  ChildDetailsCorrected,
] as const;

export type ChildEvent =
  | EventOf<(typeof childEvents)[number]>
  | EventOf<typeof ObligationReminderSent>
  | EventOf<typeof ObligationDeadlineMissed>
  | EventOf<typeof ObligationEscalated>;
export type ChildEventType = ChildEvent['type'];
export type ChildEventData<T extends ChildEventType> = Extract<ChildEvent, { type: T }>['data'];
