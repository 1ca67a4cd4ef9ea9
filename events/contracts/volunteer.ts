import * as z from 'zod';
import { defineEvent } from '../catalog';
import { LaCode } from '../envelope';
import { EndingReason, Sex } from './child';
import {
  AreaName,
  Availability,
  CorrespondenceLanguage,
  type EventOf,
  LocalDateSchema,
  PersonName,
  RecordId,
  Tag,
} from './common';
import { expenseEvents } from './expenses';
import type { ObligationDeadlineMissed, ObligationEscalated, ObligationReminderSent } from './obligations';
import { personal } from './personal';
import type { LegalHoldLifted, LegalHoldPlaced, PersonalDataErased } from './personal-data';

/*
 * The volunteer's stream: recruitment, vetting, approval and matches of one volunteer. DBS information is
 * criminal-offence data (UK GDPR Art. 10): only the level, certificate number, issue date and Update Service
 * status are kept, never the certificate or its contents; the certificate number points at one person's criminal
 * record check, so it is sealed with the volunteer's data key and erased with it, as are the volunteer's name and
 * contact details, declared personal field by field. How they like to be contacted, and in which language, are
 * preferences, not contact details: the notifier reads them to choose a Notify template.
 */

export const DbsLevel = z.enum(['enhanced', 'enhanced-with-childrens-barred-list']);
const DbsCertificate = z.object({
  level: DbsLevel,
  certificateNumber: personal(
    z.string().regex(/^\d{12}$/, 'must be the 12-digit DBS certificate number'),
    'identity',
  ),
  issuedOn: LocalDateSchema,
  updateServiceSubscribed: z.boolean(),
});

const VolunteerAppliedV1 = z.object({ volunteerId: RecordId, la: LaCode });

export const ContactChannel = z.enum(['email', 'sms']);

/**
 * Who the volunteer is and what a match is judged on: their name and how to reach them, their sex (a child may ask
 * for a woman or a man), the languages they speak, their interests, the areas they can travel to and when they are
 * free, and how and in which language they want the service's messages. Optional in the contract, because version
 * 1 recorded none of it; the contact channel and the language were added later, optional, so every event recorded
 * before reads as it was (no new version: nothing recorded changes meaning).
 */
export const VolunteerProfile = z.object({
  name: personal(PersonName, 'identity').optional(),
  email: personal(z.email().max(200), 'contact').optional(),
  phone: personal(
    z
      .string()
      .trim()
      .regex(/^\+?[0-9 ]{10,16}$/, 'must be a phone number'),
    'contact',
  ).optional(),
  sex: Sex.optional(),
  languages: z.array(Tag).max(10).optional(),
  interests: z.array(Tag).max(20).optional(),
  travelAreas: z.array(AreaName).max(20).optional(),
  availability: z.array(Availability).max(3).optional(),
  /** How they want the service's messages: by email or by text message; unrecorded, by email. */
  contactChannel: ContactChannel.optional(),
  /** The language of those messages; unrecorded, the language of the LA's country. */
  correspondenceLanguage: CorrespondenceLanguage.optional(),
});

export const VolunteerApplied = defineEvent(
  'VolunteerApplied',
  'Someone applied to be an Independent Visitor with the LA (or its commissioned service), with who they are and ' +
    'what a match is judged on.',
  VolunteerAppliedV1.extend(VolunteerProfile.shape),
  {
    currentVersion: 2,
    // Version 1 recorded no profile: it reads as version 2 without one.
    previous: [{ schemaVersion: 1, schema: VolunteerAppliedV1, upcast: (data: object) => data }],
  },
);

export const VolunteerDetailsChanged = defineEvent(
  'VolunteerDetailsChanged',
  "A change to the volunteer's details or profile: only the fields that changed.",
  z.object({
    changes: VolunteerProfile.refine((c) => Object.keys(c).length > 0, 'must change at least one detail'),
  }),
);

export const VolunteerReferenceReceived = defineEvent(
  'VolunteerReferenceReceived',
  "A reference for the volunteer was received; whether it was satisfactory (never the referee's words).",
  z.object({ referenceId: z.string().min(1).max(64), satisfactory: z.boolean() }),
);

export const DbsCheckRecorded = defineEvent(
  'DbsCheckRecorded',
  "The volunteer's enhanced DBS check: level, certificate number, issue date and Update Service subscription.",
  DbsCertificate,
);

export const DbsCheckRenewed = defineEvent(
  'DbsCheckRenewed',
  'A new DBS certificate replaced the previous one at the re-check.',
  DbsCertificate,
);

export const DbsUpdateServiceChecked = defineEvent(
  'DbsUpdateServiceChecked',
  'A status check on the DBS Update Service: no change, or new information (a new check is then needed).',
  z.object({ result: z.enum(['no-change', 'new-information']) }),
);

const TrainingCourse = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a course code');
const VolunteerTrainingCompletedV1 = z.object({ course: TrainingCourse });
export const VolunteerTrainingCompleted = defineEvent(
  'VolunteerTrainingCompleted',
  'The volunteer completed a training course: on `completedOn` (else the day it was recorded as happening), and ' +
    'valid until `expiresOn` when the course must be renewed.',
  VolunteerTrainingCompletedV1.extend({
    completedOn: LocalDateSchema.optional(),
    expiresOn: LocalDateSchema.optional(),
  }),
  {
    currentVersion: 2,
    // Version 1 recorded the course only: it reads as a course completed when it was recorded, that never lapses.
    // Both dates stay optional, so a writer of the course alone (the volunteers' CSV import) is still valid.
    previous: [{ schemaVersion: 1, schema: VolunteerTrainingCompletedV1, upcast: (data: object) => data }],
  },
);

const IndependenceDeclaredV1 = z.object({
  notAnLaMemberOrEmployee: z.literal(true),
  notRelativeOrHouseholdMemberOfOne: z.literal(true),
  wordingVersion: z.string().min(1).max(32),
});
export const IndependenceDeclared = defineEvent(
  'IndependenceDeclared',
  "The volunteer's declaration of independence from the LA (s.23ZB(9); England: 2010 Regs reg 47; wording " +
    'unconfirmed, so its version is recorded), answering each category: true means it applies, and approval is ' +
    'refused while any applies. connectedWithPlacementProvider is answered where the LA policy asks it.',
  z.object({
    wordingVersion: z.string().min(1).max(32),
    electedMemberOfLa: z.boolean(),
    employeeOfLa: z.boolean(),
    relativeOrHouseholdMemberOfEither: z.boolean(),
    connectedWithPlacementProvider: z.boolean().optional(),
  }),
  {
    currentVersion: 2,
    previous: [
      {
        schemaVersion: 1,
        schema: IndependenceDeclaredV1,
        // Version 1 declared, in one wording, that none of the LA categories applies; it did not ask about
        // placement providers.
        upcast: (data: z.infer<typeof IndependenceDeclaredV1>) => ({
          wordingVersion: data.wordingVersion,
          electedMemberOfLa: false,
          employeeOfLa: false,
          relativeOrHouseholdMemberOfEither: false,
        }),
      },
    ],
  },
);

export const VolunteerApproved = defineEvent(
  'VolunteerApproved',
  'The volunteer was approved as an Independent Visitor, for up to `capacity` children at once.',
  z.object({ capacity: z.number().int().min(1).max(10) }),
);

export const VolunteerCapacityChanged = defineEvent(
  'VolunteerCapacityChanged',
  'How many children the volunteer may visit at once changed.',
  z.object({ capacity: z.number().int().min(1).max(10) }),
);

export const VolunteerPaused = defineEvent(
  'VolunteerPaused',
  'The volunteer paused: no new matches until they resume.',
  z.object({ reason: z.enum(['personal', 'health', 'work', 'other']) }),
);
export const VolunteerResumed = defineEvent(
  'VolunteerResumed',
  'The volunteer resumed after a pause.',
  z.object({}),
);

export const SupervisionSessionHeld = defineEvent(
  'SupervisionSessionHeld',
  'A supervision session with the volunteer was held.',
  z.object({}),
);

export const VolunteerSuspended = defineEvent(
  'VolunteerSuspended',
  'The volunteer was suspended: no new matches until the suspension is lifted.',
  z.object({ reason: z.enum(['safeguarding-concern', 'dbs-new-information', 'conduct', 'other']) }),
);
export const VolunteerSuspensionLifted = defineEvent(
  'VolunteerSuspensionLifted',
  "The volunteer's suspension was lifted.",
  z.object({}),
);

export const VolunteerWithdrew = defineEvent(
  'VolunteerWithdrew',
  'The volunteer withdrew, or was withdrawn, from the service.',
  z.object({ reason: z.enum(['own-choice', 'not-approved', 'removed', 'other']) }),
);

export const VolunteerMatchedWithChild = defineEvent(
  'VolunteerMatchedWithChild',
  "The volunteer became a child's Independent Visitor (written in the same transaction as the child's VisitorMatched).",
  z.object({ matchId: z.string().min(1).max(64), childId: RecordId }),
);

export const VolunteerMatchEnded = defineEvent(
  'VolunteerMatchEnded',
  "One of the volunteer's matches ended (written with the child's RelationshipEnded); frees capacity.",
  z.object({ matchId: z.string().min(1).max(64), childId: RecordId, reason: EndingReason }),
);

export const volunteerEvents = [
  VolunteerApplied,
  VolunteerDetailsChanged,
  VolunteerReferenceReceived,
  DbsCheckRecorded,
  DbsCheckRenewed,
  DbsUpdateServiceChecked,
  VolunteerTrainingCompleted,
  IndependenceDeclared,
  VolunteerApproved,
  VolunteerCapacityChanged,
  VolunteerPaused,
  VolunteerResumed,
  SupervisionSessionHeld,
  VolunteerSuspended,
  VolunteerSuspensionLifted,
  VolunteerWithdrew,
  VolunteerMatchedWithChild,
  VolunteerMatchEnded,
  ...expenseEvents,
] as const;

export type VolunteerEvent =
  | EventOf<(typeof volunteerEvents)[number]>
  | EventOf<typeof ObligationReminderSent>
  | EventOf<typeof ObligationDeadlineMissed>
  | EventOf<typeof ObligationEscalated>
  | EventOf<typeof PersonalDataErased>
  | EventOf<typeof LegalHoldPlaced>
  | EventOf<typeof LegalHoldLifted>;
