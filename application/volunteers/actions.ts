import type { ObligationCommand } from '../../domain/child';
import type { PersonalDataCommand } from '../../domain/personal-data';
import type { VolunteerCommand, VolunteerState } from '../../domain/volunteer';
import { type ActionInput, actionsOf, type RecordAction } from '../actions';
import { type Field, type InputOf, yesNo } from '../fields';
import * as L from '../labels';

/**
 * The commands staff record on a volunteer's stream: every one but applying, the automated reminders' and those on
 * the record's personal data (application/personal-data), and expense claims (application/volunteers/expenses.ts).
 */
export type StaffVolunteerCommand = Exclude<
  VolunteerCommand,
  | ObligationCommand
  | PersonalDataCommand
  | { type: 'Apply' | 'ClaimExpense' | 'ApproveExpenseClaim' | 'RejectExpenseClaim' }
>;

/**
 * One thing IV service staff can record about a volunteer, described once like a child's action (RecordAction).
 * Applying starts the record (volunteers.ts); matching touches two streams (matching.ts); reminders and escalations
 * are the deadlines workflow's, not staff's.
 */
export type VolunteerAction = RecordAction<VolunteerState, StaffVolunteerCommand>;
export type VolunteerActionInput = ActionInput;

const action = actionsOf<VolunteerState, StaffVolunteerCommand>();
const open = (s: VolunteerState) => s.status === 'applied' || s.status === 'approved';
const approved = (s: VolunteerState) => s.status === 'approved';

/** The certificate's facts, never the certificate: DBS information is criminal-offence data (UK GDPR Art. 10). */
const DBS_FIELDS = [
  { kind: 'choice', name: 'level', label: 'Level of the check', options: L.DBS_LEVELS },
  {
    kind: 'text',
    name: 'certificateNumber',
    label: 'Certificate number',
    hint: 'The 12 digits printed on the certificate, for example 0012 3456 7890. Do not copy anything else from it.',
    pattern: /^\d{12}$/,
    strip: /[\s-]/g,
    inputmode: 'numeric',
    messages: {
      required: 'Enter the certificate number',
      invalid:
        'Certificate number must be the 12 digits printed on the certificate, for example 0012 3456 7890',
    },
  },
  { kind: 'date', name: 'issuedOn', label: 'Date of issue', hint: 'For example, 3 11 2025' },
  yesNo('updateServiceSubscribed', 'Is the volunteer subscribed to the DBS Update Service?'),
] as const satisfies readonly Field[];
const dbsOf = (i: InputOf<typeof DBS_FIELDS>) => ({
  level: i.level,
  certificateNumber: i.certificateNumber,
  issuedOn: i.issuedOn,
  updateServiceSubscribed: i.updateServiceSubscribed,
});
const CAPACITY = {
  kind: 'number',
  name: 'capacity',
  label: 'How many children may they visit at once?',
  min: 1,
  max: 10,
} as const satisfies Field;

/** When a course must be renewed: on the certificate, or the service's own rule. */
export const TRAINING_EXPIRY = {
  kind: 'date',
  name: 'expiresOn',
  label: 'Date it expires (optional)',
  hint: 'The date it must be renewed by, for example 14 9 2029. Leave it empty if it does not expire',
  optional: true,
} as const satisfies Field;

/** Who the volunteer is and what a match is judged on: asked when they apply, and changed later. */
export const PROFILE_FIELDS = [
  {
    kind: 'text',
    name: 'name',
    label: 'Full name',
    max: 100,
    messages: { required: 'Enter the volunteer’s full name' },
  },
  {
    kind: 'text',
    name: 'email',
    label: 'Email address (optional)',
    optional: true,
    max: 200,
    inputmode: 'email',
    pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
    messages: { invalid: 'Enter an email address in the correct format, like name@example.com' },
  },
  {
    kind: 'text',
    name: 'phone',
    label: 'Phone number (optional)',
    optional: true,
    inputmode: 'tel',
    pattern: /^\+?[0-9 ]{10,16}$/,
    messages: { invalid: 'Enter a phone number, like 07700 900 982 or +44 7700 900 982' },
  },
  {
    kind: 'choice',
    name: 'contactChannel',
    label: 'How would they like us to contact them? (optional)',
    hint: 'We tell them when a visit is due and what was decided about an expense claim.',
    optional: true,
    options: L.CONTACT_CHANNELS,
  },
  {
    kind: 'choice',
    name: 'correspondenceLanguage',
    label: 'Language for emails and text messages (optional)',
    hint: 'A Welsh council must write in Welsh to anyone who asks.',
    optional: true,
    options: L.CORRESPONDENCE_LANGUAGES,
  },
  { kind: 'choice', name: 'sex', label: 'Sex (optional)', optional: true, options: L.SEX },
  {
    kind: 'list',
    name: 'languages',
    label: 'Languages they speak (optional)',
    hint: 'For example: English, Polish, British Sign Language',
    optional: true,
    maxItems: 10,
  },
  {
    kind: 'list',
    name: 'interests',
    label: 'Interests (optional)',
    hint: 'One per line, or separated by commas. For example: football, drawing',
    optional: true,
  },
  {
    kind: 'list',
    name: 'travelAreas',
    label: 'Towns or districts they can travel to (optional)',
    hint: 'For example: Millbrook, Ashby Green',
    optional: true,
    phrases: true,
  },
  {
    kind: 'checkboxes',
    name: 'availability',
    label: 'When are they free to visit? (optional)',
    hint: 'Select all that apply',
    optional: true,
    options: L.AVAILABILITY,
  },
] as const satisfies readonly Field[];

export const VOLUNTEER_ACTIONS: readonly VolunteerAction[] = [
  action({
    slug: 'details',
    title: 'Change the volunteer’s details',
    permission: 'volunteer:record',
    fields: PROFILE_FIELDS.map((f) => ({ ...f, optional: true as const })),
    offeredWhen: (s) => s.status !== 'withdrawn',
    command: (i) => ({
      type: 'ChangeDetails',
      changes: Object.fromEntries(
        Object.entries(i).filter(([k, v]) => v !== undefined && k !== 'occurredOn' && k !== 'reason'),
      ),
    }),
  }),
  action({
    slug: 'reference',
    title: 'Record a reference',
    permission: 'volunteer:record',
    fields: [
      {
        kind: 'text',
        name: 'referenceId',
        label: 'Your reference for it',
        hint: 'The service’s own reference, not the referee’s name, for example REF-2026-014',
        max: 64,
        messages: { required: 'Enter your reference for it' },
      },
      yesNo('satisfactory', 'Was the reference satisfactory?'),
    ],
    offeredWhen: (s) => s.status === 'applied',
    command: (i) => ({
      type: 'RecordReference',
      referenceId: i.referenceId,
      satisfactory: i.satisfactory,
    }),
  }),
  action({
    slug: 'dbs-check',
    title: 'Record the DBS check',
    permission: 'volunteer:record',
    fields: DBS_FIELDS,
    offeredWhen: (s) => open(s) && !s.dbs,
    command: (i) => ({ type: 'RecordDbsCheck', ...dbsOf(i) }),
  }),
  action({
    slug: 'dbs-renewal',
    title: 'Record a renewed DBS check',
    permission: 'volunteer:record',
    fields: DBS_FIELDS,
    offeredWhen: (s) => open(s) && !!s.dbs,
    command: (i) => ({ type: 'RenewDbsCheck', ...dbsOf(i) }),
  }),
  action({
    slug: 'update-service-check',
    title: 'Record a DBS Update Service status check',
    permission: 'volunteer:record',
    fields: [
      {
        kind: 'choice',
        name: 'result',
        label: 'What did the status check show?',
        options: L.UPDATE_SERVICE_RESULTS,
      },
    ],
    offeredWhen: (s) => open(s) && !!s.dbs?.updateServiceSubscribed,
    command: (i) => ({ type: 'RecordUpdateServiceCheck', result: i.result }),
  }),
  action({
    slug: 'training',
    title: 'Record training completed',
    permission: 'volunteer:record',
    fields: [
      {
        kind: 'choice',
        name: 'course',
        label: 'Which course did they complete?',
        options: L.TRAINING_COURSES,
        messages: { required: 'Select the course they completed' },
      },
      TRAINING_EXPIRY,
    ],
    offeredWhen: open,
    command: (i) => ({ type: 'RecordTraining', course: i.course, expiresOn: i.expiresOn }),
  }),
  action({
    slug: 'independence',
    title: 'Record the declaration of independence',
    permission: 'volunteer:record',
    fields: [
      {
        kind: 'choice',
        name: 'wordingVersion',
        label: 'Which declaration did the volunteer sign?',
        hint: 'Care Planning, Placement and Case Review (England) Regulations 2010, reg 47',
        options: L.INDEPENDENCE_WORDINGS,
      },
      yesNo('electedMemberOfLa', 'Is the volunteer an elected member of the local authority?'),
      yesNo('employeeOfLa', 'Is the volunteer an employee of the local authority?'),
      yesNo(
        'relativeOrHouseholdMemberOfEither',
        'Is the volunteer a relative or a member of the household of an elected member or an employee of the local authority?',
      ),
      {
        ...yesNo(
          'connectedWithPlacementProvider',
          'Is the volunteer connected with a provider of placements for the children the local authority looks after?',
          'For example a foster carer, a fostering service or a children’s home. Welsh local authorities ask this.',
        ),
        optional: true,
      },
    ],
    offeredWhen: (s) => open(s) && !s.independenceDeclared,
    command: (i) => ({
      type: 'DeclareIndependence',
      wordingVersion: i.wordingVersion,
      electedMemberOfLa: i.electedMemberOfLa,
      employeeOfLa: i.employeeOfLa,
      relativeOrHouseholdMemberOfEither: i.relativeOrHouseholdMemberOfEither,
      connectedWithPlacementProvider: i.connectedWithPlacementProvider,
    }),
  }),
  action({
    slug: 'approval',
    title: 'Approve as an Independent Visitor',
    permission: 'volunteer:record',
    fields: [
      {
        ...CAPACITY,
        optional: true,
        label: 'How many children may they visit at once? (optional)',
        hint: 'Leave empty for the local authority’s usual number',
      },
    ],
    offeredWhen: (s) => s.status === 'applied',
    command: (i) => ({ type: 'Approve', capacity: i.capacity }),
  }),
  action({
    slug: 'capacity',
    title: 'Change how many children they may visit',
    permission: 'volunteer:record',
    fields: [CAPACITY],
    offeredWhen: approved,
    command: (i) => ({ type: 'ChangeCapacity', capacity: i.capacity }),
  }),
  action({
    slug: 'pause',
    title: 'Pause: no new matches for now',
    permission: 'volunteer:record',
    // Not "reason": that name is the form's reason for recording late.
    fields: [
      { kind: 'choice', name: 'pauseReason', label: 'Why are they pausing?', options: L.PAUSE_REASONS },
    ],
    offeredWhen: (s) => open(s) && !s.paused,
    command: (i) => ({ type: 'Pause', reason: i.pauseReason }),
  }),
  action({
    slug: 'resumption',
    title: 'Resume after a pause',
    permission: 'volunteer:record',
    fields: [],
    offeredWhen: (s) => open(s) && s.paused,
    command: () => ({ type: 'Resume' }),
  }),
  action({
    slug: 'supervision',
    title: 'Record a supervision session',
    permission: 'volunteer:record',
    fields: [],
    offeredWhen: approved,
    command: () => ({ type: 'RecordSupervision' }),
  }),
  action({
    slug: 'suspension',
    title: 'Suspend',
    permission: 'volunteer:record',
    fields: [
      {
        kind: 'choice',
        name: 'suspensionReason',
        label: 'Why are they suspended?',
        options: L.SUSPENSION_REASONS,
      },
    ],
    offeredWhen: (s) => open(s) && !s.suspended,
    command: (i) => ({ type: 'Suspend', reason: i.suspensionReason }),
  }),
  action({
    slug: 'suspension-lift',
    title: 'Lift the suspension',
    permission: 'volunteer:record',
    fields: [],
    offeredWhen: (s) => open(s) && s.suspended,
    command: () => ({ type: 'LiftSuspension' }),
  }),
  action({
    slug: 'withdrawal',
    title: 'Record that the volunteer has withdrawn',
    permission: 'volunteer:record',
    fields: [
      {
        kind: 'choice',
        name: 'withdrawalReason',
        label: 'Why are they leaving the service?',
        options: L.VOLUNTEER_WITHDRAWAL_REASONS,
      },
    ],
    offeredWhen: (s) => open(s) && s.activeMatches.length === 0,
    command: (i) => ({ type: 'Withdraw', reason: i.withdrawalReason }),
  }),
];

export const volunteerActionBySlug = (slug: string) => VOLUNTEER_ACTIONS.find((a) => a.slug === slug);
