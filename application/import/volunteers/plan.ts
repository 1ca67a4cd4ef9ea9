import { type LocalDate, londonDateOf } from '../../../domain/calendar';
import type { DbsLevel } from '../../../domain/policy';
import type { VolunteerCommand, VolunteerState } from '../../../domain/volunteer';
import type { VolunteerEvent } from '../../../events/contracts/volunteer';
import type { Recorded } from '../../records';
import { occurredOn } from '../ssda903/plan';
import type { VolunteerRow } from './format';
import { type Reason, reason, type Source } from './reasons';

/*
 * What an import adds to a volunteer's record: the row's facts that are not on record yet. Importing the same file
 * again adds nothing; a fact of the file that contradicts the record (an application date, a reference or a course
 * on another day, other contact details) is never rewritten, only listed for a person to resolve.
 */

export type FactKind = 'applied' | 'email' | 'phone' | 'dbs' | 'reference' | 'training';

/** One fact to record, for the preview's line about the volunteer. */
export interface PlannedFact {
  kind: FactKind;
  on: LocalDate;
  source: Source;
  level?: DbsLevel;
  satisfactory?: boolean;
  course?: string;
}

export interface PlannedCommand {
  command: VolunteerCommand;
  fact: PlannedFact;
}

export interface Conflict {
  reason: Reason;
  source?: Source;
}

export interface VolunteerPlan {
  commands: PlannedCommand[];
  unchanged: number;
  conflicts: Conflict[];
}

/** The reference an imported reference is recorded under: its column, so a re-import finds it again. */
export const importedReferenceId = (slot: number) => `import-reference-${slot}`;

interface RecordedFacts {
  appliedOn?: LocalDate;
  dbs: Array<{ certificateNumber: string; level: DbsLevel; issuedOn: LocalDate; updateService: boolean }>;
  references: Array<{ referenceId: string; satisfactory: boolean; on: LocalDate }>;
  training: Array<{ course: string; on: LocalDate }>;
}

function recordedOf(events: readonly Recorded<VolunteerEvent>[]): RecordedFacts {
  const out: RecordedFacts = { dbs: [], references: [], training: [] };
  for (const event of events) {
    const on = londonDateOf(event.metadata.occurredAt);
    if (event.type === 'VolunteerApplied') out.appliedOn = on;
    else if (event.type === 'DbsCheckRecorded' || event.type === 'DbsCheckRenewed')
      out.dbs.push({
        certificateNumber: event.data.certificateNumber,
        level: event.data.level,
        issuedOn: event.data.issuedOn,
        updateService: event.data.updateServiceSubscribed,
      });
    else if (event.type === 'VolunteerReferenceReceived') out.references.push({ ...event.data, on });
    else if (event.type === 'VolunteerTrainingCompleted')
      out.training.push({ course: event.data.course, on });
  }
  return out;
}

/** When a planned fact happened; one of the import's own day (no occurredAt) comes after every backdated one. */
const occurredAtOf = (p: PlannedCommand) =>
  'occurredAt' in p.command && p.command.occurredAt ? p.command.occurredAt : '\uffff';
const laterOf = (a: LocalDate, b: LocalDate) => (a > b ? a : b);

/** Compares a volunteer's row with their record; a volunteer not on record yet is all additions. */
export function planVolunteer(options: {
  volunteerId: string;
  la: string;
  row: VolunteerRow;
  state: VolunteerState;
  events: readonly Recorded<VolunteerEvent>[];
  /** The import's day: what the file adds without a date of its own is recorded as of it. */
  today: LocalDate;
}): VolunteerPlan {
  const { row, state } = options;
  const recorded = recordedOf(options.events);
  const plan: VolunteerPlan = { commands: [], unchanged: 0, conflicts: [] };
  const at = (field: string): Source => ({ row: row.row, field });
  const differ = (key: string, field: string, values?: Reason['values'], dates?: Reason['dates']) =>
    plan.conflicts.push({ reason: reason(key, { field, ...values }, dates), source: at(field) });
  const add = (command: VolunteerCommand, fact: PlannedFact) => plan.commands.push({ command, fact });
  // The volunteer's facts happen on or after the day they applied: a certificate issued before it is recorded then.
  const appliedOn = recorded.appliedOn ?? row.appliedOn;

  if (state.status === 'not-recorded')
    add(
      {
        type: 'Apply',
        volunteerId: options.volunteerId,
        la: options.la,
        name: row.name,
        ...(row.email ? { email: row.email } : {}),
        ...(row.phone ? { phone: row.phone } : {}),
        occurredAt: occurredOn(row.appliedOn),
      },
      { kind: 'applied', on: row.appliedOn, source: at('APPLIED') },
    );
  else {
    if (recorded.appliedOn !== row.appliedOn)
      differ('differentApplied', 'APPLIED', {}, { fileOn: row.appliedOn, recordOn: recorded.appliedOn! });
    else plan.unchanged++;
    if (row.name !== state.profile.name) differ('differentName', 'GIVEN_NAME');
    // Contact details the record lacks are added, as of the import (the file does not say since when).
    for (const [kind, field, value, onRecord] of [
      ['email', 'EMAIL', row.email, state.profile.email],
      ['phone', 'PHONE', row.phone, state.profile.phone],
    ] as const)
      if (value === undefined || value === onRecord) continue;
      else if (onRecord === undefined)
        add(
          { type: 'ChangeDetails', changes: { [kind]: value } },
          { kind, on: options.today, source: at(field) },
        );
      else differ(kind === 'email' ? 'differentEmail' : 'differentPhone', field);
  }

  if (row.dbs) {
    const dbs = row.dbs;
    const same = recorded.dbs.find((d) => d.certificateNumber === dbs.certificateNumber);
    const latest = recorded.dbs.at(-1);
    if (same) {
      if (same.level !== dbs.level) differ('differentDbs', 'DBS_LEVEL');
      else if (same.issuedOn !== dbs.issuedOn) differ('differentDbs', 'DBS_ISSUED');
      else if (same.updateService !== dbs.updateServiceSubscribed)
        differ('differentDbs', 'DBS_UPDATE_SERVICE');
      else plan.unchanged++;
    } else if (latest && latest.issuedOn >= dbs.issuedOn)
      differ('olderDbs', 'DBS_CERTIFICATE', {}, { fileOn: dbs.issuedOn, recordOn: latest.issuedOn });
    else
      add(
        {
          type: latest ? 'RenewDbsCheck' : 'RecordDbsCheck',
          ...dbs,
          occurredAt: occurredOn(laterOf(dbs.issuedOn, appliedOn)),
        },
        { kind: 'dbs', on: dbs.issuedOn, source: at('DBS_ISSUED'), level: dbs.level },
      );
  }

  const matchedReferences = new Set<(typeof recorded.references)[number]>();
  for (const ref of row.references) {
    const field = `REFERENCE_${ref.slot}_RECEIVED`;
    const referenceId = importedReferenceId(ref.slot);
    // The reference this column imported before, or one recorded by hand on the same day.
    const same =
      recorded.references.find((r) => r.referenceId === referenceId) ??
      recorded.references.find((r) => !matchedReferences.has(r) && r.on === ref.receivedOn);
    if (same) {
      matchedReferences.add(same);
      if (same.on !== ref.receivedOn)
        differ('referenceMoved', field, {}, { fileOn: ref.receivedOn, recordOn: same.on });
      else if (same.satisfactory !== ref.satisfactory)
        differ('referenceSatisfactory', `REFERENCE_${ref.slot}_SATISFACTORY`);
      else plan.unchanged++;
      continue;
    }
    add(
      {
        type: 'RecordReference',
        referenceId,
        satisfactory: ref.satisfactory,
        occurredAt: occurredOn(ref.receivedOn),
      },
      { kind: 'reference', on: ref.receivedOn, source: at(field), satisfactory: ref.satisfactory },
    );
  }

  for (const t of row.training) {
    const field = `TRAINING_${t.slot}_COMPLETED`;
    const ofCourse = recorded.training.filter((r) => r.course === t.course);
    if (ofCourse.some((r) => r.on === t.completedOn)) plan.unchanged++;
    else if (ofCourse.length > 0)
      differ(
        'trainingMoved',
        field,
        { course: t.course },
        { fileOn: t.completedOn, recordOn: ofCourse.at(-1)!.on },
      );
    else
      add(
        { type: 'RecordTraining', course: t.course, occurredAt: occurredOn(t.completedOn) },
        { kind: 'training', on: t.completedOn, source: at(field), course: t.course },
      );
  }

  // Applying first, then in the order they happened, as the record would have them.
  plan.commands.sort(
    (a, b) =>
      Number(b.command.type === 'Apply') - Number(a.command.type === 'Apply') ||
      occurredAtOf(a).localeCompare(occurredAtOf(b)),
  );
  return plan;
}
