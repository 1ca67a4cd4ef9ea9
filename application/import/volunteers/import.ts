import { createHash } from 'node:crypto';
import { londonDateOf } from '../../../domain/calendar';
import { type DecisionContext, DomainRuleBroken } from '../../../domain/decider';
import type { PolicySource } from '../../../domain/policy';
import type { VolunteerState } from '../../../domain/volunteer';
import type { VolunteerEvent } from '../../../events/contracts/volunteer';
import type { Actor } from '../../../events/envelope';
import { volunteerStreamId } from '../../../events/stream-id';
import type { Principal } from '../../access';
import { actorOf } from '../../children/children';
import { recordTarget, runCommandAcross } from '../../command';
import { RecordNotFound } from '../../errors';
import type { EventStore } from '../../ports/event-store';
import { isRetryable } from '../../ports/event-store-errors';
import { foldRecord, typedEvents, VOLUNTEER } from '../../records';
import { eachLimited, mapLimited } from '../concurrency';
import { decideInTurn } from '../decide-in-turn';
import { ImportChanged } from '../ssda903/import';
import { readVolunteerFile, type VolunteerFile, type VolunteerRow } from './format';
import { type Conflict, type PlannedCommand, type PlannedFact, planVolunteer } from './plan';
import { type Reason, type Refusal, reason } from './reasons';

/*
 * The import of a volunteers spreadsheet, in two steps like the SSDA903's: a preview that writes nothing and lists,
 * volunteer by volunteer, what would be recorded and every refused row; then, once a coordinator confirms, the same
 * plan written through the volunteer decider as backdated events, each with the import's reason, the importing
 * person as its actor and the file's SHA-256 in its correlation id.
 */

export interface VolunteerImportDeps {
  store: EventStore;
  now(): Date;
  policies: PolicySource;
}

export interface VolunteerImportRequest {
  /** The LA the volunteers belong to: always the importing person's own. */
  la: string;
  file: { name: string; bytes: Uint8Array };
  actor: Actor;
}

export type VolunteerOutcome = 'new' | 'additions' | 'unchanged' | 'refused';

export interface VolunteerPreview {
  /** The service's reference for the volunteer (VOLUNTEER_REF), and their (first) row in the file. */
  ref: string;
  row: number;
  /** This system's id for the volunteer's record. */
  volunteerId: string;
  name?: string;
  outcome: VolunteerOutcome;
  /** What would be recorded, in order. */
  facts: PlannedFact[];
  unchanged: number;
  conflicts: Conflict[];
  refusals: Refusal[];
}

export interface VolunteerImportPreview {
  la: string;
  sha256: string;
  file: Pick<VolunteerFile, 'name' | 'bytes' | 'rows' | 'encoding'>;
  /** Problems with the file as a whole: when there are any, nothing can be imported. */
  fileProblems: Refusal[];
  volunteers: VolunteerPreview[];
  /** Every refused row, in row order. */
  refusals: Refusal[];
  notes: Reason[];
  totals: Record<VolunteerOutcome, number> & { volunteers: number; facts: number; conflicts: number };
  /** A digest of what would be written: a confirmation must match it, so it writes exactly what was previewed. */
  planDigest: string;
}

export interface VolunteerImportResult {
  preview: VolunteerImportPreview;
  written: { volunteers: number; events: number };
  /** Volunteers whose record changed between the preview and the write: nothing written for them. */
  failed: Array<{ ref: string; reason: Reason }>;
}

/** An import by a signed-in person: always into their own local authority, with them as the actor. */
export const volunteerImportBy = (
  principal: Principal,
  file: VolunteerImportRequest['file'],
): VolunteerImportRequest => ({ la: principal.la, file, actor: actorOf(principal) });

/** This system's id for a volunteer of the service's spreadsheet: the same reference always gets the same record. */
export const importedVolunteerId = (la: string, ref: string): string =>
  `vr-${createHash('sha256').update(`${la}\n${ref.toUpperCase()}`).digest('hex').slice(0, 32)}`;

export const volunteerImportReason = (sha256: string) =>
  `Imported from the volunteers spreadsheet (SHA-256 ${sha256.slice(0, 12)}…)`;

interface Work {
  preview: VolunteerPreview;
  commands: PlannedCommand[];
  head: number;
}

export async function previewVolunteerImport(
  deps: VolunteerImportDeps,
  request: VolunteerImportRequest,
): Promise<VolunteerImportPreview> {
  return (await plan(deps, request)).preview;
}

/** Writes what the preview showed. With `planDigest`, refuses (ImportChanged) if that is no longer the plan. */
export async function runVolunteerImport(
  deps: VolunteerImportDeps,
  request: VolunteerImportRequest,
  options: { planDigest?: string } = {},
): Promise<VolunteerImportResult> {
  const { preview, work } = await plan(deps, request);
  if (options.planDigest !== undefined && options.planDigest !== preview.planDigest)
    throw new ImportChanged();
  const result: VolunteerImportResult = { preview, written: { volunteers: 0, events: 0 }, failed: [] };
  const write = { deps, request, reason: volunteerImportReason(preview.sha256), sha256: preview.sha256 };
  await eachLimited(
    work.filter((w) => w.commands.length > 0),
    async (w) => {
      try {
        // Read after the await: the writers run side by side, and `+= await` would add to a stale total.
        const events = await writeVolunteer(write, w);
        result.written.events += events;
        result.written.volunteers++;
      } catch (error) {
        // A rule, a record gone or a write that kept conflicting: this volunteer only; a fault of ours stops it.
        if (!(error instanceof DomainRuleBroken || error instanceof RecordNotFound || isRetryable(error)))
          throw error;
        result.failed.push({ ref: w.preview.ref, reason: reason('notWritten') });
      }
    },
  );
  return result;
}

async function plan(deps: VolunteerImportDeps, request: VolunteerImportRequest) {
  const file = readVolunteerFile(request.file);
  const reasonText = volunteerImportReason(file.sha256);
  const work =
    file.fileProblems.length > 0
      ? []
      : await mapLimited(file.volunteers, (row) => planFor(deps, request, row, reasonText));
  // Refused rows with a reference are listed as that volunteer, not imported.
  const planned = new Set(work.map((w) => w.preview.ref));
  for (const refused of file.rowProblems)
    if (refused.volunteer && !planned.has(refused.volunteer)) {
      const ref = refused.volunteer;
      planned.add(ref);
      work.push({
        preview: {
          ref,
          row: refused.row!,
          volunteerId: importedVolunteerId(request.la, ref),
          outcome: 'refused',
          facts: [],
          unchanged: 0,
          conflicts: [],
          refusals: [],
        },
        commands: [],
        head: 0,
      });
    }
  const volunteers = work.map((w) => w.preview).sort((a, b) => a.row - b.row);
  const totals = {
    volunteers: volunteers.length,
    new: 0,
    additions: 0,
    unchanged: 0,
    refused: 0,
    facts: 0,
    conflicts: 0,
  };
  for (const v of volunteers) {
    totals[v.outcome]++;
    totals.facts += v.facts.length;
    totals.conflicts += v.conflicts.length;
  }
  const refusals = [...file.rowProblems, ...volunteers.flatMap((v) => v.refusals)].sort(
    (a, b) => (a.row ?? 0) - (b.row ?? 0) || (a.field ?? '').localeCompare(b.field ?? ''),
  );
  const planDigest = createHash('sha256')
    .update(JSON.stringify([file.sha256, work.map((w) => [w.preview.volunteerId, w.head, w.commands])]))
    .digest('hex');
  const preview: VolunteerImportPreview = {
    la: request.la,
    sha256: file.sha256,
    file: {
      name: file.name,
      bytes: file.bytes,
      rows: file.rows,
      ...(file.encoding ? { encoding: file.encoding } : {}),
    },
    fileProblems: file.fileProblems,
    volunteers,
    refusals,
    notes: file.encoding === 'windows-1252' ? [reason('readAs1252', { name: file.name })] : [],
    totals,
    planDigest,
  };
  return { preview, work };
}

async function planFor(
  deps: VolunteerImportDeps,
  request: VolunteerImportRequest,
  row: VolunteerRow,
  reasonText: string,
): Promise<Work> {
  const volunteerId = importedVolunteerId(request.la, row.ref);
  const preview: VolunteerPreview = {
    ref: row.ref,
    row: row.row,
    volunteerId,
    name: row.name,
    outcome: 'refused',
    facts: [],
    unchanged: 0,
    conflicts: [],
    refusals: [],
  };
  const work: Work = { preview, commands: [], head: 0 };
  const stored = await deps.store.read(volunteerStreamId(volunteerId));
  const state = foldRecord(VOLUNTEER, deps.policies, stored);
  const refuse = (field: string, why: Reason) =>
    preview.refusals.push({ file: 'Volunteers', row: row.row, field, volunteer: row.ref, reason: why });
  if (state.personalData.erased) {
    refuse('VOLUNTEER_REF', reason('erased'));
    return work;
  }
  const volunteerPlan = planVolunteer({
    volunteerId,
    la: request.la,
    row,
    state,
    events: typedEvents<VolunteerEvent>(VOLUNTEER, stored),
    today: londonDateOf(deps.now()),
  });
  preview.unchanged = volunteerPlan.unchanged;
  preview.conflicts = volunteerPlan.conflicts;
  // Decided now, in memory, by the decider the write uses: a fact the domain refuses keeps the volunteer out.
  const context = { now: deps.now(), actor: request.actor, reason: reasonText };
  const refused = decideAll(deps, volunteerPlan.commands, state, context).refused;
  if (refused) {
    refuse(refused.planned.fact.source.field ?? 'VOLUNTEER_REF', ruleReason(refused.error, refused.planned));
    return work;
  }
  preview.facts = volunteerPlan.commands.map((c) => c.fact);
  preview.outcome =
    state.status === 'not-recorded' ? 'new' : preview.facts.length > 0 ? 'additions' : 'unchanged';
  work.commands = volunteerPlan.commands;
  work.head = stored.length;
  return work;
}

/** The domain's refusal in the import's words, naming the column; a rule it does not know, as the domain says it. */
function ruleReason(error: DomainRuleBroken, planned: PlannedCommand): Reason {
  const field = planned.fact.source.field ?? '';
  switch (error.rule) {
    case 'future-date':
    case 'dbs-future':
      return reason('future', { field });
    case 'before-application':
      return reason('beforeApplied', { field });
    case 'dbs-lapsed':
      return reason('dbsLapsed', { field }, { issuedOn: planned.fact.on });
    case 'withdrawn':
      return reason('withdrawn');
    default:
      return reason('domain', { message: error.message });
  }
}

/** The commands decided in turn (decide-in-turn.ts): their events, or the first refusal. */
function decideAll(
  deps: VolunteerImportDeps,
  commands: readonly PlannedCommand[],
  initial: VolunteerState,
  context: DecisionContext,
) {
  const decider = VOLUNTEER.decider(deps.policies);
  const { decisions, refused } = decideInTurn(commands, initial, context, {
    decide: (planned, state) => decider.decide(planned.command, state, context),
    evolving: (events) => events,
    evolve: decider.evolve,
  });
  return { events: decisions.flat(), ...(refused ? { refused } : {}) };
}

/** One volunteer's commands in one transaction (a row is at most a handful of facts). */
async function writeVolunteer(
  write: { deps: VolunteerImportDeps; request: VolunteerImportRequest; reason: string; sha256: string },
  work: Work,
): Promise<number> {
  const { deps, request } = write;
  const decision = [work.preview.volunteerId, work.head, work.commands];
  const outcome = await runCommandAcross<[VolunteerState]>({
    store: deps.store,
    targets: [
      recordTarget(VOLUNTEER, work.preview.volunteerId, {
        la: request.la,
        policies: deps.policies,
        mustExist: false,
      }),
    ],
    decide: ([state], context) => {
      // On the record as it is now: one that moved since the preview refuses here, and nothing is written.
      const decided = decideAll(deps, work.commands, state, context);
      if (decided.refused) throw decided.refused.error;
      return [decided.events];
    },
    context: { actor: request.actor, reason: write.reason, now: () => deps.now() },
    command: {
      // Who, why and the file's hash on every event; the command id names exactly this decision.
      commandId: `volunteers-${createHash('sha256').update(JSON.stringify(decision)).digest('hex').slice(0, 40)}`,
      actor: request.actor,
      reason: write.reason,
      correlationId: `volunteers:${write.sha256}`,
    },
  });
  return outcome.result.eventIds.length;
}
