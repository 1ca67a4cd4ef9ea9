import type { LocalDate } from '../../../domain/calendar';
import type { DbsCertificateInput, VolunteerCommand, VolunteerState } from '../../../domain/volunteer';
import type { Action } from '../access';
import type { ChildActionInput } from './child-actions';
import type { Field } from './fields';
import * as L from './labels';

/** The same shape as a child's action input: the fields, plus when it happened and why it is recorded late. */
export type VolunteerActionInput = ChildActionInput;

/**
 * One thing IV service staff can record about a volunteer, described once like a child's action: the API route,
 * the form on the volunteer's page and the command all come from it. `offeredWhen` only decides which forms the
 * page shows; the domain alone decides what is allowed. Applying starts the record (volunteers.ts); matching
 * touches two streams (matching.ts); reminders and escalations are the deadlines workflow's, not staff's.
 */
export interface VolunteerAction {
  slug: string;
  title: string;
  permission: Action;
  fields: readonly Field[];
  offeredWhen(state: VolunteerState): boolean;
  toCommand(input: VolunteerActionInput): VolunteerCommand;
}

const open = (s: VolunteerState) => s.status === 'applied' || s.status === 'approved';
const approved = (s: VolunteerState) => s.status === 'approved';
const yesNo = (name: string, label: string, hint?: string): Field => ({ kind: 'boolean', name, label, hint });

/** The certificate's facts, never the certificate: DBS information is criminal-offence data (UK GDPR Art. 10). */
const DBS_FIELDS: readonly Field[] = [
  { kind: 'choice', name: 'level', label: 'Level of the check', options: L.DBS_LEVELS },
  {
    kind: 'text',
    name: 'certificateNumber',
    label: 'Certificate number',
    hint: 'The 12 digits printed on the certificate. Do not upload or copy anything else from it.',
    pattern: /^\d{12}$/,
    patternMessage: 'must be the 12-digit DBS certificate number',
  },
  { kind: 'date', name: 'issuedOn', label: 'Date of issue', hint: 'For example, 3 11 2025' },
  yesNo('updateServiceSubscribed', 'Is the volunteer subscribed to the DBS Update Service?'),
];
const dbsOf = (i: VolunteerActionInput): DbsCertificateInput => ({
  level: i.level as DbsCertificateInput['level'],
  certificateNumber: i.certificateNumber as string,
  issuedOn: i.issuedOn as LocalDate,
  updateServiceSubscribed: i.updateServiceSubscribed as boolean,
});
const CAPACITY: Field = {
  kind: 'number',
  name: 'capacity',
  label: 'How many children may they visit at once?',
  min: 1,
  max: 10,
};

export const VOLUNTEER_ACTIONS: readonly VolunteerAction[] = [
  {
    slug: 'reference',
    title: 'Record a reference',
    permission: 'volunteer:record',
    fields: [
      {
        kind: 'text',
        name: 'referenceId',
        label: 'Your reference for it',
        hint: 'The service’s own reference, not the referee’s name',
        pattern: /^[0-9A-Za-z._:-]{1,64}$/,
        patternMessage: 'must be letters, digits and . _ : -',
      },
      yesNo('satisfactory', 'Was the reference satisfactory?'),
    ],
    offeredWhen: (s) => s.status === 'applied',
    toCommand: (i) => ({
      type: 'RecordReference',
      referenceId: i.referenceId as string,
      satisfactory: i.satisfactory as boolean,
    }),
  },
  {
    slug: 'dbs-check',
    title: 'Record the DBS check',
    permission: 'volunteer:record',
    fields: DBS_FIELDS,
    offeredWhen: (s) => open(s) && !s.dbs,
    toCommand: (i) => ({ type: 'RecordDbsCheck', ...dbsOf(i) }),
  },
  {
    slug: 'dbs-renewal',
    title: 'Record a renewed DBS check',
    permission: 'volunteer:record',
    fields: DBS_FIELDS,
    offeredWhen: (s) => open(s) && !!s.dbs,
    toCommand: (i) => ({ type: 'RenewDbsCheck', ...dbsOf(i) }),
  },
  {
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
    toCommand: (i) => ({ type: 'RecordUpdateServiceCheck', result: i.result as 'no-change' }),
  },
  {
    slug: 'training',
    title: 'Record training completed',
    permission: 'volunteer:record',
    fields: [
      {
        kind: 'text',
        name: 'course',
        label: 'Course code',
        hint: 'For example, iv-induction',
        pattern: /^[a-z0-9][a-z0-9-]{0,63}$/,
        patternMessage: 'must be a course code: lower-case letters, digits and dashes',
      },
    ],
    offeredWhen: open,
    toCommand: (i) => ({ type: 'RecordTraining', course: i.course as string }),
  },
  {
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
    ],
    offeredWhen: (s) => open(s) && !s.independenceDeclared,
    // The 2026-01 wording the volunteer signs states that none of the three categories applies. A form asking each
    // category (and the placement provider, which Welsh LAs ask) is still to be wired: issue 17.
    toCommand: (i) => ({
      type: 'DeclareIndependence',
      wordingVersion: i.wordingVersion as string,
      electedMemberOfLa: false,
      employeeOfLa: false,
      relativeOrHouseholdMemberOfEither: false,
    }),
  },
  {
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
    toCommand: (i) => ({ type: 'Approve', capacity: i.capacity as number | undefined }),
  },
  {
    slug: 'capacity',
    title: 'Change how many children they may visit',
    permission: 'volunteer:record',
    fields: [CAPACITY],
    offeredWhen: approved,
    toCommand: (i) => ({ type: 'ChangeCapacity', capacity: i.capacity as number }),
  },
  {
    slug: 'pause',
    title: 'Pause: no new matches for now',
    permission: 'volunteer:record',
    // Not "reason": that name is the form's reason for recording late.
    fields: [
      { kind: 'choice', name: 'pauseReason', label: 'Why are they pausing?', options: L.PAUSE_REASONS },
    ],
    offeredWhen: (s) => open(s) && !s.paused,
    toCommand: (i) => ({ type: 'Pause', reason: i.pauseReason as 'other' }),
  },
  {
    slug: 'resumption',
    title: 'Resume after a pause',
    permission: 'volunteer:record',
    fields: [],
    offeredWhen: (s) => open(s) && s.paused,
    toCommand: () => ({ type: 'Resume' }),
  },
  {
    slug: 'supervision',
    title: 'Record a supervision session',
    permission: 'volunteer:record',
    fields: [],
    offeredWhen: approved,
    toCommand: () => ({ type: 'RecordSupervision' }),
  },
  {
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
    toCommand: (i) => ({ type: 'Suspend', reason: i.suspensionReason as 'other' }),
  },
  {
    slug: 'suspension-lift',
    title: 'Lift the suspension',
    permission: 'volunteer:record',
    fields: [],
    offeredWhen: (s) => open(s) && s.suspended,
    toCommand: () => ({ type: 'LiftSuspension' }),
  },
  {
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
    toCommand: (i) => ({ type: 'Withdraw', reason: i.withdrawalReason as 'other' }),
  },
];

export const volunteerActionBySlug = (slug: string) => VOLUNTEER_ACTIONS.find((a) => a.slug === slug);
