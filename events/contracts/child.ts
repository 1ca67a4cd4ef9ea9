import * as z from 'zod';
import { defineEvent } from '../catalog';
import { LaCode } from '../envelope';
import { ChildRecordImported } from './child-import';
import {
  AreaName,
  Availability,
  CaseSystemId,
  CorrespondenceLanguage,
  type EventOf,
  Jurisdiction,
  jurisdictionOfLa,
  LocalDateSchema,
  PersonName,
  RecordId,
  StaffRef,
  Tag,
} from './common';
import { EthnicityCode } from './ethnicity';
import type { ObligationDeadlineMissed, ObligationEscalated, ObligationReminderSent } from './obligations';
import { personal } from './personal';
import type { LegalHoldLifted, LegalHoldPlaced, PersonalDataErased } from './personal-data';

/*
 * The child's stream: one child's Independent Visitor journey, in the order it happened. When a fact happened is
 * the event's occurredAt (metadata), so no event repeats it in its data. Fields declared `personal` (who the child
 * is, their date of birth, ethnicity, needs and their own words) are sealed with the child's own data key and
 * erased with it; sex, asylum status and whether the placement is in area are coarse facts the reports count.
 */

// personal() marks the schema instance it is given, so each declaration starts from a fresh one: marking the shared
// LocalDateSchema would make every date of every event personal.
/** The child's date of birth: identifies them with the LA and sex, so it is sealed and erased. */
const DateOfBirth = personal(z.iso.date(), 'identity');
/** Ethnicity of a named child is special-category data (UK GDPR Art. 9); reports keep only the group. */
const Ethnicity = personal(z.enum(EthnicityCode.options), 'special-category');
/** What the child said, in their own words. */
const ChildsWords = personal(z.string().max(2000), 'free-text');

export const Sex = z.enum(['male', 'female']);

const ChildEnteredCareV1 = z.object({
  childId: RecordId,
  la: LaCode,
  dateOfBirth: DateOfBirth,
  sex: Sex,
  ethnicity: Ethnicity,
  unaccompaniedAsylumSeeking: z.boolean(),
  placementInLaArea: z.boolean(),
  socialWorkerRef: StaffRef,
  iroRef: StaffRef,
});

const ChildEnteredCareV2 = ChildEnteredCareV1.extend({ jurisdiction: Jurisdiction });

/**
 * Who the child is, as staff know them: the legal name, the name they like to be called, the id of their record in
 * the LA's case-management system, and the town or district they are placed in. Optional in the contract: a record
 * imported from the SSDA903 return has the case-system id but no name, and versions 1 and 2 had none of them.
 */
export const ChildIdentity = z.object({
  firstNames: personal(PersonName, 'identity').optional(),
  lastName: personal(PersonName, 'identity').optional(),
  preferredName: personal(PersonName, 'identity').optional(),
  caseSystemId: personal(CaseSystemId, 'identity').optional(),
  placementArea: personal(AreaName, 'contact').optional(),
  /** The language for letters and emails about the child; unrecorded, the LA's country's. */
  correspondenceLanguage: CorrespondenceLanguage.optional(),
});

export const ChildEnteredCare = defineEvent(
  'ChildEnteredCare',
  'The child became looked after by the local authority: the start of their first period of care. Names who ' +
    'they are, and the social worker and IRO first allocated (later changes are StaffAllocated). Asylum status ' +
    'and whether the placement is in area are absent when the source did not say (an SSDA903 extract gives no ' +
    'asylum status and, for some placements, no postcode); everything recorded through the forms gives both.',
  ChildEnteredCareV2.extend({
    ...ChildIdentity.shape,
    unaccompaniedAsylumSeeking: z.boolean().optional(),
    placementInLaArea: z.boolean().optional(),
  }),
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
      // Version 2 did not name the child, and gave asylum status and placement: it reads as version 3 as it is.
      { schemaVersion: 2, schema: ChildEnteredCareV2, upcast: (data: object) => data },
    ],
  },
);

/** Where a placement is: inside the LA's area or not (absent when the source did not say), and the town or district. */
const PlacementV1 = z.object({ placementInLaArea: z.boolean() });
const Placement = z.object({
  placementInLaArea: z.boolean().optional(),
  placementArea: ChildIdentity.shape.placementArea,
});
const placementVersions = {
  currentVersion: 2,
  previous: [{ schemaVersion: 1, schema: PlacementV1, upcast: (data: object) => data }],
};

export const ChildReEnteredCare = defineEvent(
  'ChildReEnteredCare',
  'The child became looked after again after leaving care: a new period of care, and a new duty to offer an IV.',
  Placement,
  placementVersions,
);

export const ChildPlacementChanged = defineEvent(
  'ChildPlacementChanged',
  "The child moved placement; records whether the new placement is inside the LA's own area, and where it is.",
  Placement,
  placementVersions,
);

export const AllocatedRole = z.enum(['social-worker', 'iro']);
export const StaffAllocated = defineEvent(
  'StaffAllocated',
  "A social worker or an independent reviewing officer was allocated to the child, from the LA's staff directory, " +
    'in place of the one before. The first allocation is part of ChildEnteredCare.',
  z.object({ role: AllocatedRole, staffId: StaffRef }),
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
  notInInterestsReason: personal(z.string().trim().min(1).max(500), 'free-text').optional(),
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

const ReferredToIvServiceV1 = z.object({
  referralId: z.string().min(1).max(64),
  // Needs (health, disability) and preferences (culture, faith, language) are special-category data.
  needs: personal(z.array(Tag).max(20), 'special-category'),
  interests: z.array(Tag).max(20),
  preferences: personal(z.array(Tag).max(20), 'special-category'),
});
export const ReferredToIvService = defineEvent(
  'ReferredToIvService',
  'The child was referred to the Independent Visitor service, with coded needs, interests and preferences, the ' +
    'languages they speak, whether they want a visitor of a particular sex, and when they can be visited: what a ' +
    'volunteer is matched against.',
  ReferredToIvServiceV1.extend({
    languages: z.array(Tag).max(10),
    visitorSex: Sex.optional(),
    availability: z.array(Availability).max(3),
  }),
  {
    currentVersion: 2,
    previous: [
      {
        schemaVersion: 1,
        schema: ReferredToIvServiceV1,
        // Version 1 kept a wish for a woman or a man as the preference tag female-visitor or male-visitor.
        upcast: (data: z.infer<typeof ReferredToIvServiceV1>) => {
          // Preferences erased, or hidden from this reader, read as a marker, not a list: they say nothing more.
          const preferences: unknown = data.preferences;
          if (!Array.isArray(preferences)) return { ...data, languages: [], availability: [] };
          const visitorSex = preferences.includes('female-visitor')
            ? ('female' as const)
            : preferences.includes('male-visitor')
              ? ('male' as const)
              : undefined;
          return {
            ...data,
            preferences: data.preferences.filter((p) => p !== 'female-visitor' && p !== 'male-visitor'),
            languages: [],
            availability: [],
            ...(visitorSex ? { visitorSex } : {}),
          };
        },
      },
    ],
  },
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

const VisitRecordedV1 = z.object({
  matchId: z.string().min(1).max(64),
  outcome: z.enum(['held', 'cancelled', 'missed']),
  mode: z.enum(['in-person', 'remote']),
  durationMinutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .optional(),
});
export const HowItWent = z.enum(['well', 'mixed', 'difficult']);
export const VisitRecorded = defineEvent(
  'VisitRecorded',
  'A visit by the Independent Visitor: held, cancelled or missed; in person or remote; how long, when held. From ' +
    "version 2, what they did, how it went and the child's own words, as the Independent Visitor (or staff) " +
    'recorded them; who recorded it is the actor.',
  VisitRecordedV1.extend({
    activities: personal(z.string().trim().min(1).max(1000), 'free-text').optional(),
    howItWent: HowItWent.optional(),
    childsWords: ChildsWords.optional(),
  }),
  {
    currentVersion: 2,
    // Version 1 said nothing of what happened at the visit: it reads as version 2 without it.
    previous: [{ schemaVersion: 1, schema: VisitRecordedV1, upcast: (data: object) => data }],
  },
);

/** How the match is going, on the match review's five-point scale, best first. */
export const MatchGoing = z.enum(['really-well', 'well', 'okay', 'not-so-well', 'not-well']);
/** The child may rather not say: that is their answer, recorded as such, not a gap. */
export const ChildsMatchGoing = z.enum([...MatchGoing.options, 'did-not-want-to-say']);
const MatchReviewedV1 = z.object({
  matchId: z.string().min(1).max(64),
  outcome: z.enum(['continuing', 'continuing-with-support', 'ending-planned']),
});
export const MatchReviewed = defineEvent(
  'MatchReviewed',
  'The match between the child and their IV was reviewed by the IV service. From version 2, the views given at ' +
    'the review by the child, the Independent Visitor and the carer: each how it is going on a five-point scale ' +
    '(the child may not want to say) and, if they wish, in their own words. The carer is not the record’s person: ' +
    'their words are sealed with the record and withheld from the child’s subject access copy.',
  MatchReviewedV1.extend({
    childsView: z.object({ going: ChildsMatchGoing, words: ChildsWords.optional() }).optional(),
    visitorsView: z
      .object({
        going: MatchGoing,
        words: personal(z.string().trim().min(1).max(2000), 'free-text').optional(),
      })
      .optional(),
    carersView: z
      .object({
        going: MatchGoing,
        words: personal(z.string().trim().min(1).max(2000), 'free-text', { thirdParty: true }).optional(),
      })
      .optional(),
  }),
  {
    currentVersion: 2,
    // Version 1 recorded the outcome only: it reads as version 2 with no views.
    previous: [{ schemaVersion: 1, schema: MatchReviewedV1, upcast: (data: object) => data }],
  },
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
  'died',
  'other',
]);
export const ChildLeftCare = defineEvent(
  'ChildLeftCare',
  'The child stopped being looked after (at 18 or earlier). A child who died before 18 has their record kept ' +
    'for 15 years from the death, not to their 75th birthday (2010 Regulations reg 50).',
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

const CorrectableV1 = z.object({
  dateOfBirth: DateOfBirth,
  sex: Sex,
  ethnicity: Ethnicity,
  unaccompaniedAsylumSeeking: z.boolean(),
  placementInLaArea: z.boolean(),
  socialWorkerRef: StaffRef,
  iroRef: StaffRef,
});
const changesOf = <S extends z.ZodObject>(schema: S) =>
  schema.partial().refine((c) => Object.keys(c).length > 0, 'must change at least one detail');
const ChildDetailsCorrectedV1 = z.object({
  correctsVersion: z.number().int().positive(),
  correctsType: z.string().min(1).max(64),
  changes: changesOf(CorrectableV1),
});
export const ChildDetailsCorrected = defineEvent(
  'ChildDetailsCorrected',
  'A correction of details recorded earlier; names the event it corrects. Nothing recorded is ever edited. From ' +
    'version 2 the names, the case-system id and the placement area can be corrected too.',
  ChildDetailsCorrectedV1.extend({
    changes: changesOf(
      CorrectableV1.extend({
        firstNames: personal(PersonName, 'identity'),
        lastName: personal(PersonName, 'identity'),
        preferredName: personal(PersonName, 'identity'),
        caseSystemId: personal(CaseSystemId, 'identity'),
        placementArea: personal(AreaName, 'contact'),
      }),
    ),
  }),
  {
    currentVersion: 2,
    previous: [{ schemaVersion: 1, schema: ChildDetailsCorrectedV1, upcast: (data: object) => data }],
  },
);

export const EntryRecordedInError = defineEvent(
  'EntryRecordedInError',
  'An earlier entry of the record was made by mistake (the wrong child, something that did not happen): names ' +
    'the entry by its version and type, with why. The entry stays in the history, marked, and the record reads ' +
    'as if it had never been made. Nothing recorded is ever edited or deleted.',
  z.object({
    correctsVersion: z.number().int().positive(),
    correctsType: z.string().min(1).max(64),
    explanation: personal(z.string().trim().min(1).max(500), 'free-text'),
  }),
);

/*
 * Safeguarding (Working Together to Safeguard Children 2023): a concern about the child, or an allegation that their
 * Independent Visitor has harmed a child or may pose a risk. Each is numbered on the child's record (concern-1, ...);
 * what was seen or said is the child's personal data, and only the roles that act on concerns read it.
 */
export const ConcernSubject = z.enum(['child', 'visitor']);
const ConcernId = z.string().regex(/^concern-\d{1,4}$/, 'must be a concern id such as concern-1');
export const SafeguardingConcernRaised = defineEvent(
  'SafeguardingConcernRaised',
  'A safeguarding concern was raised, by an Independent Visitor, a coordinator or a social worker: about the child, ' +
    'or an allegation about their Independent Visitor (volunteerId, matchId), which suspends the match until its ' +
    'outcome is recorded. Opens duties due in working days: acknowledge it the same working day, inform the ' +
    "child's social worker the same working day, and refer an allegation to the LADO within one working day.",
  z
    .object({
      concernId: ConcernId,
      about: ConcernSubject,
      summary: personal(z.string().trim().min(1).max(2000), 'free-text'),
      volunteerId: RecordId.optional(),
      matchId: z.string().min(1).max(64).optional(),
    })
    .refine((d) => (d.about === 'visitor') === (d.volunteerId !== undefined && d.matchId !== undefined), {
      message: 'names the visitor and the match exactly when the allegation is about the visitor',
      path: ['volunteerId'],
    }),
);

export const SafeguardingConcernAcknowledged = defineEvent(
  'SafeguardingConcernAcknowledged',
  'The IV coordinator acknowledged the safeguarding concern (due the working day it was raised).',
  z.object({ concernId: ConcernId }),
);

export const ConcernSocialWorkerInformed = defineEvent(
  'ConcernSocialWorkerInformed',
  "The child's social worker (staffId, as allocated then) was informed of the safeguarding concern (due the " +
    'working day it was raised).',
  z.object({ concernId: ConcernId, staffId: StaffRef }),
);

export const AllegationReferredToLado = defineEvent(
  'AllegationReferredToLado',
  'The allegation about the Independent Visitor was referred to the local authority designated officer (LADO), ' +
    'within one working day (Working Together to Safeguard Children 2023).',
  z.object({ concernId: ConcernId }),
);

/** Working Together 2023's outcomes of an allegation, and what became of a concern about the child. */
export const AllegationOutcome = z.enum([
  'substantiated',
  'unsubstantiated',
  'unfounded',
  'false',
  'malicious',
]);
export const ChildConcernOutcome = z.enum([
  'no-further-action',
  'support-in-place',
  'child-protection-enquiry',
]);
export const SafeguardingConcernOutcomeRecorded = defineEvent(
  'SafeguardingConcernOutcomeRecorded',
  'The outcome of the safeguarding concern: for an allegation, the LADO process outcome (substantiated, ' +
    'unsubstantiated, unfounded, false, malicious); the suspension of the match lifts unless it was substantiated, ' +
    'when the appointment is to be ended. The note is the staff member’s, about the child.',
  z.object({
    concernId: ConcernId,
    outcome: z.union([AllegationOutcome, ChildConcernOutcome]),
    note: personal(z.string().trim().min(1).max(1000), 'free-text').optional(),
  }),
);

export const childEvents = [
  ChildEnteredCare,
  ChildRecordImported,
  ChildReEnteredCare,
  ChildPlacementChanged,
  StaffAllocated,
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
  EntryRecordedInError,
  SafeguardingConcernRaised,
  SafeguardingConcernAcknowledged,
  ConcernSocialWorkerInformed,
  AllegationReferredToLado,
  SafeguardingConcernOutcomeRecorded,
] as const;

export type ChildEvent =
  | EventOf<(typeof childEvents)[number]>
  | EventOf<typeof ObligationReminderSent>
  | EventOf<typeof ObligationDeadlineMissed>
  | EventOf<typeof ObligationEscalated>
  | EventOf<typeof PersonalDataErased>
  | EventOf<typeof LegalHoldPlaced>
  | EventOf<typeof LegalHoldLifted>;
export type ChildEventType = ChildEvent['type'];
export type ChildEventData<T extends ChildEventType> = Extract<ChildEvent, { type: T }>['data'];
