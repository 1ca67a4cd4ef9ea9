import type {
  ChildCommand,
  ChildState,
  EnterCare,
  ObligationCommand,
  RecordImport,
} from '../../domain/child';
import type { PersonalDataCommand } from '../../domain/personal-data';
import { type ActionInput, actionsOf, type RecordAction } from '../actions';
import { type Field, yesNo } from '../fields';
import * as L from '../labels';
import { CONCERN_ACTIONS } from './concern-actions';

/**
 * The commands staff record on a child's stream: every one but the automated reminders', entering care, imports and
 * those on the record's personal data (application/personal-data: roles and forms of their own).
 */
export type StaffChildCommand = Exclude<
  ChildCommand,
  ObligationCommand | EnterCare | RecordImport | PersonalDataCommand
>;

/** One thing staff can record about a child; see RecordAction. */
export type ChildAction = RecordAction<ChildState, StaffChildCommand>;
export type ChildActionInput = ActionInput;

const lookedAfter = (s: ChildState) => s.status === 'looked-after';
const hasIv = (s: ChildState) => s.relationship !== undefined;
const action = actionsOf<ChildState, StaffChildCommand>();

/** Whether the child can decide for themselves (s.23ZB(6), (7)), and what they said in their own words. */
const THE_CHILDS_VIEW = [
  yesNo(
    'sufficientUnderstanding',
    'Does the child have sufficient understanding to make an informed decision?',
  ),
  {
    kind: 'textarea',
    name: 'childsWords',
    label: 'The child’s own words (optional)',
    hint: 'What they said, as they said it. It is shown on their record wherever this decision is.',
    optional: true,
    max: 2000,
  },
] as const satisfies readonly Field[];

/**
 * A match review asks the child, the Independent Visitor and the carer each how the match is going, on one scale,
 * and lets each say it in their own words. The child may not want to say; that is recorded as their answer.
 */
const MATCH_REVIEW_FIELDS = [
  {
    kind: 'choice',
    name: 'outcome',
    label: 'Outcome',
    options: L.MATCH_REVIEW_OUTCOMES,
    messages: { required: 'Select the outcome of the match review' },
  },
  {
    kind: 'choice',
    name: 'childGoing',
    label: 'How does the child say the match is going?',
    hint: 'Ask the child on their own, in words they use. They do not have to answer.',
    options: L.CHILDS_MATCH_GOING,
    messages: {
      required: 'Select how the child says the match is going, or that they did not want to say',
      invalid: 'Select how the child says the match is going, or that they did not want to say',
    },
  },
  {
    kind: 'textarea',
    name: 'childsWords',
    label: 'The child’s own words (optional)',
    hint: 'What they said, as they said it. It is shown in their history.',
    optional: true,
    max: 2000,
  },
  {
    kind: 'choice',
    name: 'visitorGoing',
    label: 'How does the Independent Visitor say the match is going?',
    options: L.MATCH_GOING,
    messages: {
      required: 'Select how the Independent Visitor says the match is going',
      invalid: 'Select how the Independent Visitor says the match is going',
    },
  },
  {
    kind: 'textarea',
    name: 'visitorsWords',
    label: 'The Independent Visitor’s own words (optional)',
    optional: true,
    max: 2000,
  },
  {
    kind: 'choice',
    name: 'carerGoing',
    label: 'How does the carer say the match is going?',
    options: L.MATCH_GOING,
    messages: {
      required: 'Select how the carer says the match is going',
      invalid: 'Select how the carer says the match is going',
    },
  },
  {
    kind: 'textarea',
    name: 'carersWords',
    label: 'The carer’s own words (optional)',
    optional: true,
    max: 2000,
  },
] as const satisfies readonly Field[];

/** Where the child is placed: inside the LA's area or not, and the town or district. */
const PLACEMENT_FIELDS = [
  yesNo(
    'placementInLaArea',
    'Is the placement inside the local authority’s own area?',
    'Select yes if the placement is inside the local authority’s own area',
  ),
  {
    kind: 'text',
    name: 'placementArea',
    label: 'Town or district of the placement (optional)',
    hint: 'For example, Millbrook. A volunteer is matched by the areas they can travel to.',
    optional: true,
    max: 80,
  },
] as const satisfies readonly Field[];

/** What the referral asks of a visitor: what a volunteer's profile is matched against. */
const REFERRAL_FIELDS = [
  {
    kind: 'list',
    name: 'interests',
    label: 'Interests (optional)',
    hint: 'One per line, or separated by commas. For example: football, drawing',
    optional: true,
  },
  {
    kind: 'list',
    name: 'languages',
    label: 'Languages the child speaks (optional)',
    hint: 'For example: English, Polish, British Sign Language',
    optional: true,
    maxItems: 10,
  },
  {
    kind: 'choice',
    name: 'visitorSex',
    label: 'Would the child like a woman or a man as their visitor? (optional)',
    optional: true,
    options: L.VISITOR_SEX,
  },
  {
    kind: 'checkboxes',
    name: 'availability',
    label: 'When can the child be visited? (optional)',
    hint: 'Select all that apply',
    optional: true,
    options: L.AVAILABILITY,
  },
  {
    kind: 'list',
    name: 'needs',
    label: 'Other needs (optional)',
    hint: 'For example: BSL signer, wheelchair access',
    optional: true,
  },
  {
    kind: 'list',
    name: 'preferences',
    label: 'Other wishes (optional)',
    hint: 'For example: someone who likes animals',
    optional: true,
  },
] as const satisfies readonly Field[];

/** The child's details that can be corrected; each is optional, and only what differs is recorded. */
export const DETAILS_FIELDS = [
  { kind: 'text', name: 'firstNames', label: 'First names (optional)', optional: true, max: 100 },
  { kind: 'text', name: 'lastName', label: 'Last name (optional)', optional: true, max: 100 },
  { kind: 'text', name: 'preferredName', label: 'Preferred name (optional)', optional: true, max: 100 },
  {
    kind: 'text',
    name: 'caseSystemId',
    label: 'Case-system id (optional)',
    hint: 'The id of the child’s record in Mosaic, LCS or Eclipse',
    optional: true,
    max: 40,
    pattern: /^[0-9A-Za-z][0-9A-Za-z/._-]{0,39}$/,
    messages: {
      invalid: 'Case-system id must be letters and numbers, as the case-management system shows it',
    },
  },
  { kind: 'date', name: 'dateOfBirth', label: 'Date of birth (optional)', optional: true },
  { kind: 'choice', name: 'sex', label: 'Sex (optional)', optional: true, options: L.SEX },
  {
    kind: 'choice',
    name: 'ethnicity',
    label: 'Ethnicity (optional)',
    optional: true,
    options: L.ETHNICITY_OPTIONS,
  },
  {
    kind: 'text',
    name: 'placementArea',
    label: 'Town or district of the placement (optional)',
    optional: true,
    max: 80,
  },
] as const satisfies readonly Field[];

export const CHILD_ACTIONS: readonly ChildAction[] = [
  action({
    slug: 'told',
    title: 'Record that the child was told about Independent Visitors',
    permission: 'child:record',
    fields: [],
    offeredWhen: (s) => lookedAfter(s) && !s.period?.toldOn,
    command: () => ({ type: 'RecordChildTold' }),
  }),
  action({
    slug: 'offer',
    title: 'Record the offer of an Independent Visitor',
    permission: 'child:record',
    fields: [],
    offeredWhen: (s) => lookedAfter(s) && !hasIv(s) && !s.referral,
    command: () => ({ type: 'OfferIndependentVisitor' }),
  }),
  action({
    slug: 'decision',
    title: 'Record the child’s decision',
    permission: 'child:record',
    fields: [
      {
        kind: 'choice',
        name: 'decision',
        label: 'What did the child decide?',
        options: L.CHILD_DECISIONS,
        messages: { required: 'Select what the child decided' },
      },
      ...THE_CHILDS_VIEW,
      {
        kind: 'choice',
        name: 'objectionTo',
        label:
          'If the child objected: is the objection to the visitor proposed, or to having any Independent Visitor?',
        hint: 'Only for an objection made with sufficient understanding. Leave it unanswered otherwise.',
        optional: true,
        options: L.OBJECTION_AT_OFFER,
      },
      {
        kind: 'text',
        name: 'proposedVolunteerId',
        label: 'The proposed visitor’s volunteer reference (if the objection is to them)',
        optional: true,
        pattern: /^[0-9A-Za-z-]{1,64}$/,
        messages: { invalid: 'Enter the volunteer’s reference as it is shown on their record' },
      },
    ],
    offeredWhen: (s) => lookedAfter(s) && !!s.period?.offeredOn && !hasIv(s),
    command: (i) => ({
      type: 'RecordChildDecision',
      decision: i.decision,
      sufficientUnderstanding: i.sufficientUnderstanding,
      childsWords: i.childsWords,
      objectionTo: i.objectionTo,
      proposedVolunteerId: i.proposedVolunteerId,
    }),
  }),
  action({
    slug: 'referral',
    title: 'Refer to the Independent Visitor service',
    permission: 'child:record',
    fields: REFERRAL_FIELDS,
    offeredWhen: (s) => lookedAfter(s) && !hasIv(s) && !s.referral && s.decision?.decision === 'accepted',
    command: (i) => ({
      type: 'ReferToIvService',
      needs: i.needs ?? [],
      interests: i.interests ?? [],
      preferences: i.preferences ?? [],
      languages: i.languages ?? [],
      availability: i.availability ?? [],
      visitorSex: i.visitorSex === 'female' || i.visitorSex === 'male' ? i.visitorSex : undefined,
    }),
  }),
  action({
    slug: 'referral-withdrawal',
    title: 'Withdraw the referral',
    permission: 'child:record',
    fields: [
      {
        kind: 'choice',
        name: 'withdrawalReason',
        label: 'Why is the referral withdrawn?',
        options: L.WITHDRAWAL_REASONS,
      },
    ],
    offeredWhen: (s) => !!s.referral && !hasIv(s),
    // The form's own "reason" (why it is recorded late) cannot share a name with the withdrawal's reason.
    command: (i) => ({ type: 'WithdrawReferral', reason: i.withdrawalReason }),
  }),
  action({
    slug: 'review',
    title: 'Record a looked-after review',
    permission: 'review:record',
    fields: [
      yesNo('ivConsidered', 'Was the Independent Visitor question considered?'),
      {
        kind: 'choice',
        name: 'outcome',
        label: 'Outcome for the Independent Visitor question',
        options: L.REVIEW_OUTCOMES,
      },
      {
        kind: 'textarea',
        name: 'notInInterestsReason',
        label:
          'If not in the child’s interests now: why is an Independent Visitor not in their interests for now?',
        hint: 'Needed with that outcome only. The question returns at the next review.',
        optional: true,
        max: 500,
      },
    ],
    offeredWhen: lookedAfter,
    command: (i) => ({
      type: 'RecordReview',
      ivConsidered: i.ivConsidered,
      outcome: i.outcome,
      notInInterestsReason: i.notInInterestsReason,
    }),
  }),
  action({
    slug: 'visit',
    title: 'Record a visit',
    permission: 'child:record',
    fields: [
      { kind: 'choice', name: 'outcome', label: 'Was the visit held?', options: L.VISIT_OUTCOMES },
      { kind: 'choice', name: 'mode', label: 'How was it held, or planned?', options: L.VISIT_MODES },
      {
        kind: 'number',
        name: 'durationMinutes',
        label: 'How long, in minutes (optional)',
        optional: true,
        min: 1,
        max: 1440,
      },
    ],
    offeredWhen: hasIv,
    command: (i) => ({
      type: 'RecordVisit',
      outcome: i.outcome,
      mode: i.mode,
      durationMinutes: i.durationMinutes,
    }),
  }),
  action({
    slug: 'match-review',
    title: 'Record a match review',
    permission: 'child:record',
    fields: MATCH_REVIEW_FIELDS,
    offeredWhen: hasIv,
    command: (i) => ({
      type: 'RecordMatchReview',
      outcome: i.outcome,
      childsView: { going: i.childGoing, ...(i.childsWords ? { words: i.childsWords } : {}) },
      visitorsView: { going: i.visitorGoing, ...(i.visitorsWords ? { words: i.visitorsWords } : {}) },
      carersView: { going: i.carerGoing, ...(i.carersWords ? { words: i.carersWords } : {}) },
    }),
  }),
  action({
    slug: 'placement-change',
    title: 'Record a change of placement',
    permission: 'child:record',
    fields: PLACEMENT_FIELDS,
    offeredWhen: lookedAfter,
    command: (i) => ({
      type: 'ChangePlacement',
      placementInLaArea: i.placementInLaArea,
      placementArea: i.placementArea,
    }),
  }),
  ...(['social-worker', 'iro'] as const).map((role) =>
    action({
      slug: role === 'iro' ? 'iro-allocation' : 'social-worker-allocation',
      title: role === 'iro' ? 'Change the allocated IRO' : 'Change the allocated social worker',
      permission: 'child:record',
      fields: [
        {
          kind: 'staff',
          role,
          name: 'staffId',
          label: role === 'iro' ? 'Independent reviewing officer' : 'Social worker',
          messages: {
            required:
              role === 'iro' ? 'Select the independent reviewing officer' : 'Select the social worker',
          },
        },
      ],
      offeredWhen: (s) => s.status !== 'not-recorded',
      command: (i) => ({ type: 'AllocateStaff', role, staffId: i.staffId }),
    }),
  ),
  action({
    slug: 'details-correction',
    title: 'Correct the child’s details',
    permission: 'child:record',
    fields: DETAILS_FIELDS,
    offeredWhen: (s) => s.status !== 'not-recorded',
    // The details were first recorded when the child entered care, the first entry of every child's record.
    command: (i) => ({
      type: 'CorrectChildDetails',
      correctsVersion: 1,
      correctsType: 'ChildEnteredCare',
      changes: Object.fromEntries(
        Object.entries(i).filter(([k, v]) => v !== undefined && k !== 'occurredOn' && k !== 'reason'),
      ),
    }),
  }),
  action({
    slug: 'eighteenth-birthday-plan',
    title: 'Plan for the 18th birthday',
    permission: 'child:record',
    fields: [
      {
        kind: 'choice',
        name: 'plan',
        label: 'What happens to the Independent Visitor at 18?',
        options: L.EIGHTEEN_PLANS,
      },
      {
        kind: 'number',
        name: 'untilAge',
        label: 'Until what age (if continuing)',
        optional: true,
        min: 19,
        max: 25,
      },
    ],
    offeredWhen: (s) => lookedAfter(s) && hasIv(s),
    command: (i) => ({
      type: 'PlanForEighteenthBirthday',
      plan: i.plan,
      untilAge: i.untilAge,
    }),
  }),
  action({
    slug: 'iv-resignation',
    title: 'Record the Independent Visitor’s resignation',
    permission: 'child:record',
    fields: [{ kind: 'date', name: 'writtenNoticeOn', label: 'Date of the written notice' }],
    offeredWhen: hasIv,
    command: (i) => ({ type: 'RecordIvResignation', writtenNoticeOn: i.writtenNoticeOn }),
  }),
  action({
    slug: 'termination',
    title: 'End the appointment by written notice',
    permission: 'child:record',
    fields: [
      { kind: 'date', name: 'writtenNoticeOn', label: 'Date of the written notice' },
      {
        kind: 'choice',
        name: 'terminationReason',
        label: 'Why is it ended?',
        options: L.TERMINATION_REASONS,
      },
    ],
    offeredWhen: hasIv,
    command: (i) => ({
      type: 'TerminateAppointment',
      writtenNoticeOn: i.writtenNoticeOn,
      reason: i.terminationReason,
    }),
  }),
  action({
    slug: 'objection-to-continuing',
    title: 'Record the child’s objection to continuing',
    permission: 'child:record',
    fields: [
      ...THE_CHILDS_VIEW,
      {
        kind: 'choice',
        name: 'objectionTo',
        label: 'Is the objection to this visitor, or to having any Independent Visitor?',
        optional: true,
        options: L.OBJECTION_TO_CONTINUING,
      },
    ],
    offeredWhen: hasIv,
    command: (i) => ({
      type: 'RecordObjectionToContinuing',
      sufficientUnderstanding: i.sufficientUnderstanding,
      childsWords: i.childsWords,
      objectionTo: i.objectionTo,
    }),
  }),
  action({
    slug: 'objection-withdrawal',
    title: 'Record that the child withdrew their objection',
    permission: 'child:record',
    fields: [
      {
        kind: 'text',
        name: 'volunteerId',
        label: 'The visitor the objection was to (optional)',
        hint: 'Leave empty when the child withdrew their objection to having any Independent Visitor.',
        optional: true,
        pattern: /^[0-9A-Za-z-]{1,64}$/,
        messages: { invalid: 'Enter the volunteer’s reference as it is shown on their record' },
      },
    ],
    offeredWhen: (s) => s.objection !== undefined || s.objectedVolunteers.length > 0,
    command: (i) => ({ type: 'WithdrawObjection', volunteerId: i.volunteerId }),
  }),
  action({
    slug: 'leaving-care',
    title: 'Record leaving care',
    permission: 'child:record',
    fields: [
      {
        kind: 'choice',
        name: 'leftCareReason',
        label: 'Why did the child leave care?',
        options: L.LEFT_CARE_REASONS,
      },
      {
        kind: 'number',
        name: 'continueUntilAge',
        label: 'Keep the Independent Visitor under the care-leaver offer until age (optional)',
        optional: true,
        min: 19,
        max: 25,
      },
    ],
    offeredWhen: lookedAfter,
    command: (i) => ({
      type: 'LeaveCare',
      reason: i.leftCareReason,
      continueUnderCareLeaverOffer: i.continueUntilAge ? { untilAge: i.continueUntilAge } : undefined,
    }),
  }),
  action({
    slug: 'care-leaver-relationship-end',
    title: 'End the care-leaver Independent Visitor relationship',
    permission: 'child:record',
    fields: [],
    offeredWhen: (s) => s.status === 'left-care' && hasIv(s),
    command: () => ({ type: 'EndCareLeaverRelationship' }),
  }),
  action({
    slug: 're-entry',
    title: 'Record re-entering care',
    permission: 'child:record',
    fields: PLACEMENT_FIELDS,
    offeredWhen: (s) => s.status === 'left-care',
    command: (i) => ({
      type: 'ReEnterCare',
      placementInLaArea: i.placementInLaArea,
      placementArea: i.placementArea,
    }),
  }),
  ...CONCERN_ACTIONS,
];

export const childActionBySlug = (slug: string) => CHILD_ACTIONS.find((a) => a.slug === slug);

/** Entering care starts a child's stream; its fields are the first facts of the record. */
export const ENTER_CARE_FIELDS = [
  {
    kind: 'text',
    name: 'firstNames',
    label: 'First names',
    hint: 'Their legal first and middle names',
    max: 100,
    messages: { required: 'Enter the child’s first names' },
  },
  {
    kind: 'text',
    name: 'lastName',
    label: 'Last name',
    max: 100,
    messages: { required: 'Enter the child’s last name' },
  },
  {
    kind: 'text',
    name: 'preferredName',
    label: 'Preferred name (optional)',
    hint: 'What they like to be called, if it is not their first name',
    optional: true,
    max: 100,
  },
  {
    kind: 'text',
    name: 'caseSystemId',
    label: 'Case-system id (optional)',
    hint: 'The id of the child’s record in Mosaic, LCS or Eclipse',
    optional: true,
    max: 40,
    pattern: /^[0-9A-Za-z][0-9A-Za-z/._-]{0,39}$/,
    messages: {
      invalid: 'Case-system id must be letters and numbers, as the case-management system shows it',
    },
  },
  {
    kind: 'date',
    name: 'dateOfBirth',
    label: 'Date of birth',
    hint: 'For example, 27 3 2012',
    messages: { required: 'Enter the child’s date of birth' },
  },
  {
    kind: 'choice',
    name: 'sex',
    label: 'Sex',
    options: L.SEX,
    messages: { required: 'Select the child’s sex' },
  },
  {
    kind: 'choice',
    name: 'ethnicity',
    label: 'Ethnicity',
    hint: 'The categories of the DfE’s children looked after return',
    options: L.ETHNICITY_OPTIONS,
    messages: { required: 'Select the child’s ethnicity' },
  },
  yesNo(
    'unaccompaniedAsylumSeeking',
    'Is the child an unaccompanied asylum-seeking child?',
    'Select yes if the child is an unaccompanied asylum-seeking child',
  ),
  ...PLACEMENT_FIELDS,
  {
    kind: 'staff',
    role: 'social-worker',
    name: 'socialWorkerRef',
    label: 'Allocated social worker',
    messages: { required: 'Select the allocated social worker' },
  },
  {
    kind: 'staff',
    role: 'iro',
    name: 'iroRef',
    label: 'Independent reviewing officer',
    messages: { required: 'Select the independent reviewing officer' },
  },
  {
    kind: 'choice',
    name: 'correspondenceLanguage',
    label: 'Language for letters and emails (optional)',
    hint: 'Ask the child. A Welsh council must write in Welsh to anyone who asks.',
    optional: true,
    options: [
      { value: 'en', text: 'English' },
      { value: 'cy', text: 'Welsh (Cymraeg)' },
    ],
  },
] as const satisfies readonly Field[];
