import type { ChildState } from '../../domain/child';
import type { Concern } from '../../domain/child/concerns';
import { actionsOf, type RecordAction } from '../actions';
import type { Field } from '../fields';
import * as L from '../labels';
import type { StaffChildCommand } from './actions';

/**
 * Safeguarding concerns as staff record them on the child's record: raising one, then each step its duties ask for
 * (domain/child/concerns.ts). A step names the concern by its number, or leaves it out when only one is waiting.
 */
const action = actionsOf<ChildState, StaffChildCommand>();

const open = (s: ChildState, waiting: (c: Concern) => boolean = () => true) =>
  Object.values(s.concerns).some((c) => c.outcome === undefined && waiting(c));

const CONCERN_NUMBER = {
  kind: 'number',
  name: 'concernNumber',
  label: 'Which concern? (optional)',
  hint: 'Its number, as the child’s record shows it. Leave it empty when only one concern is waiting for this.',
  optional: true,
  min: 1,
  max: 9999,
} as const satisfies Field;

/** What a concern says: the child's personal data, read only by those who act on concerns. */
export const CONCERN_SUMMARY = {
  kind: 'textarea',
  name: 'summary',
  label: 'What is the concern?',
  hint: 'What you saw or were told, when and by whom. If a child is in immediate danger, call 999 first.',
  max: 2000,
  messages: { required: 'Enter what the concern is' },
} as const satisfies Field;

export const CONCERN_ACTIONS: readonly RecordAction<ChildState, StaffChildCommand>[] = [
  action({
    slug: 'concern',
    title: 'Raise a safeguarding concern',
    permission: 'concern:raise',
    fields: [
      {
        kind: 'choice',
        name: 'about',
        label: 'Is it a concern about the child, or an allegation about their Independent Visitor?',
        hint: 'An allegation is referred to the LADO, and the match is suspended until its outcome is recorded.',
        options: L.CONCERN_SUBJECTS,
        messages: { required: 'Select whether it is about the child or their Independent Visitor' },
      },
      CONCERN_SUMMARY,
    ],
    offeredWhen: (s) => s.status !== 'not-recorded',
    command: (i) => ({ type: 'RaiseConcern', about: i.about, summary: i.summary }),
  }),
  action({
    slug: 'concern-acknowledgement',
    title: 'Acknowledge a safeguarding concern',
    permission: 'concern:acknowledge',
    fields: [CONCERN_NUMBER],
    offeredWhen: (s) => open(s, (c) => !c.acknowledgedOn),
    command: (i) => ({ type: 'AcknowledgeConcern', concernNumber: i.concernNumber }),
  }),
  action({
    slug: 'concern-social-worker',
    title: 'Record that the child’s social worker was told of a concern',
    permission: 'concern:manage',
    fields: [CONCERN_NUMBER],
    offeredWhen: (s) => open(s, (c) => !c.socialWorkerInformedOn),
    command: (i) => ({ type: 'RecordSocialWorkerInformed', concernNumber: i.concernNumber }),
  }),
  action({
    slug: 'concern-lado-referral',
    title: 'Record the referral of an allegation to the LADO',
    permission: 'concern:manage',
    fields: [CONCERN_NUMBER],
    offeredWhen: (s) => open(s, (c) => c.about === 'visitor' && !c.referredToLadoOn),
    command: (i) => ({ type: 'ReferAllegationToLado', concernNumber: i.concernNumber }),
  }),
  action({
    slug: 'concern-outcome',
    title: 'Record the outcome of a safeguarding concern',
    permission: 'concern:manage',
    fields: [
      CONCERN_NUMBER,
      {
        kind: 'choice',
        name: 'outcome',
        label: 'What was the outcome?',
        hint: 'For an allegation, the outcome of the LADO process.',
        options: L.CONCERN_OUTCOMES,
        messages: { required: 'Select the outcome' },
      },
      {
        kind: 'textarea',
        name: 'note',
        label: 'Anything to add (optional)',
        optional: true,
        max: 1000,
      },
    ],
    offeredWhen: (s) => open(s),
    command: (i) => ({
      type: 'RecordConcernOutcome',
      concernNumber: i.concernNumber,
      outcome: i.outcome,
      note: i.note,
    }),
  }),
];
