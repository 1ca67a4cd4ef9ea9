import { londonDateOf } from '../../domain/calendar';
import { lapsedMandatoryTraining, type VolunteerState } from '../../domain/volunteer';
import type { Principal } from '../access';
import type { App } from '../app';
import type { CommandIdentity } from '../children/children';
import type { Field, InputOf } from '../fields';
import * as L from '../labels';
import { loadRecord, VOLUNTEER } from '../records';
import { TRAINING_EXPIRY } from './actions';
import { ownVolunteerId } from './expenses';
import { runVolunteerCommand } from './volunteers';

/** Training as the Independent Visitor records it themselves: the course, the day they finished, when it expires. */
export const MY_TRAINING_FIELDS = [
  {
    kind: 'choice',
    name: 'course',
    label: 'Which course did you complete?',
    options: L.TRAINING_COURSES,
    messages: { required: 'Select the course you completed' },
  },
  {
    kind: 'date',
    name: 'completedOn',
    label: 'When did you complete it?',
    hint: 'The day the course ended, for example 14 9 2026',
    messages: { required: 'Enter the date you completed the course' },
  },
  TRAINING_EXPIRY,
] as const satisfies readonly Field[];

/** One course as a person reads it: when it was done, until when it stands, and whether it has lapsed. */
export interface TrainingView {
  course: string;
  courseText: string;
  completedOn: string;
  expiresOn?: string;
  lapsed: boolean;
  mandatory: boolean;
}

/** Each course's latest completion, and the courses the LA requires that have lapsed or were never recorded. */
export function trainingOf(state: VolunteerState, app: App, la: string) {
  const today = londonDateOf(app.now());
  const mandatory = app.policies(la).volunteers.mandatoryTraining;
  const courses: TrainingView[] = Object.values(state.training).map((t) => ({
    course: t.course,
    courseText: L.labelOf(L.TRAINING_COURSES, t.course) || t.course,
    completedOn: t.completedOn,
    ...(t.expiresOn ? { expiresOn: t.expiresOn } : {}),
    lapsed: t.expiresOn !== undefined && t.expiresOn < today,
    mandatory: mandatory.includes(t.course),
  }));
  const missing = lapsedMandatoryTraining(state.training, mandatory, today).map((m) => ({
    ...m,
    courseText: L.labelOf(L.TRAINING_COURSES, m.course) || m.course,
  }));
  return {
    courses,
    lapsedMandatory: missing.filter((m) => m.expiredOn !== undefined),
    notYetRecorded: missing.filter((m) => m.expiredOn === undefined),
  };
}

/** The IV's own training record. */
export async function myTraining(app: App, principal: Principal) {
  const { state, la } = await loadRecord(app.store, VOLUNTEER, ownVolunteerId(principal), {
    la: principal.la,
    policies: app.policies,
    viewer: principal,
  });
  return trainingOf(state, app, la);
}

/** A course the IV completed, recorded on their own record. */
export async function recordMyTraining(
  app: App,
  principal: Principal,
  input: InputOf<typeof MY_TRAINING_FIELDS>,
  identity: CommandIdentity,
) {
  return runVolunteerCommand(
    app,
    principal,
    ownVolunteerId(principal),
    {
      type: 'RecordTraining',
      course: input.course,
      completedOn: input.completedOn,
      expiresOn: input.expiresOn,
    },
    identity,
  );
}
