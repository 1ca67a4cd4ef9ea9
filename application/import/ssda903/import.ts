import { createHash } from 'node:crypto';
import type { LocalDate } from '../../../domain/calendar';
import { type ChildState, MAY_END_RELATIONSHIP } from '../../../domain/child';
import { type Decided, type DecisionContext, DomainRuleBroken } from '../../../domain/decider';
import type { PolicySource } from '../../../domain/policy';
import { decideWithVisitor } from '../../../domain/relationship';
import type { VolunteerState } from '../../../domain/volunteer';
import type { ChildEvent } from '../../../events/contracts/child';
import type { VolunteerEvent } from '../../../events/contracts/volunteer';
import type { Actor } from '../../../events/envelope';
import { childStreamId } from '../../../events/stream-id';
import { recordTarget, runCommandAcross } from '../../command';
import { RecordNotFound } from '../../errors';
import type { EventStore } from '../../ports/event-store';
import { isRetryable } from '../../ports/event-store-errors';
import { CHILD, foldRecord, typedEvents, VOLUNTEER } from '../../records';
import { eachLimited, mapLimited } from '../concurrency';
import { decideInTurn } from '../decide-in-turn';
import { type Reason, reason } from '../reasons';
import { type Extract, type FileSummary, type Refusal, readExtract, type UploadedFile } from './files';
import { type ChildHistory, type Fact, historiesOf, type Source } from './histories';
import {
  type Conflict,
  commandsFor,
  detailConflicts,
  type PlannedCommand,
  planChild,
  recordedFactsOf,
} from './plan';

/*
 * The import of an SSDA903 extract, in two steps: a preview that writes nothing and lists, child by child, what
 * would be recorded and every refused row; then, once a coordinator confirms, the same plan written through the
 * real deciders as backdated events, each with the import's reason, the importing person as its actor and the
 * extract's SHA-256 in its correlation id.
 */

export interface ImportDeps {
  store: EventStore;
  now(): Date;
  policies: PolicySource;
}

export interface ImportRequest {
  /** The LA the children belong to: always the importing person's own. */
  la: string;
  files: readonly UploadedFile[];
  /** The postcode districts of the LA's own area; without them, whether a placement is in area is not known. */
  districts: ReadonlySet<string>;
  actor: Actor;
}

export type ChildOutcome = 'new' | 'additions' | 'unchanged' | 'refused';

export interface PreviewFact {
  kind: Fact['kind'];
  on: LocalDate;
  details: string;
  source: Source;
}

export interface ChildPreview {
  /** The LA's id for the child (CHILD). */
  child: string;
  /** This system's id for the child's record. */
  childId: string;
  outcome: ChildOutcome;
  /** What would be recorded, in order. */
  facts: PreviewFact[];
  unchanged: number;
  conflicts: Conflict[];
  refusals: Refusal[];
  notes: Reason[];
}

export interface Preview {
  la: string;
  sha256: string;
  files: FileSummary[];
  /** Problems with a file as a whole: when there are any, nothing can be imported. */
  fileProblems: Refusal[];
  children: ChildPreview[];
  /** Every refused row, children's and others, in file and row order. */
  refusals: Refusal[];
  notes: Reason[];
  totals: Record<ChildOutcome, number> & { children: number; facts: number; conflicts: number };
  /** A digest of what would be written: a confirmation must match it, so it writes exactly what was previewed. */
  planDigest: string;
}

export interface ImportResult {
  preview: Preview;
  written: { children: number; events: number };
  /** Children whose record changed between the preview and the write, or whose write failed: nothing written. */
  failed: Array<{ child: string; reason: Reason }>;
}

/** Thrown when a confirmation no longer matches what is there to write: nothing is written. */
export class ImportChanged extends Error {
  constructor() {
    super(
      'The records or the files changed since the preview, so nothing was written. Check the new preview, then confirm it.',
    );
    this.name = 'ImportChanged';
  }
}

/** This system's id for a child of the LA's case system: the same child always gets the same record. */
export const importedChildId = (la: string, caseSystemId: string): string =>
  `cs-${createHash('sha256').update(`${la}\n${caseSystemId}`).digest('hex').slice(0, 32)}`;

/** One command is one transaction of at most 100 items: a long history is written in several. */
const COMMANDS_PER_WRITE = 80;

interface ChildWork {
  preview: ChildPreview;
  commands: PlannedCommand[];
  head: number;
  volunteerId?: string;
}

export async function previewImport(deps: ImportDeps, request: ImportRequest): Promise<Preview> {
  return (await plan(deps, request)).preview;
}

/** Writes what the preview showed. With `planDigest`, refuses (ImportChanged) if that is no longer the plan. */
export async function runImport(
  deps: ImportDeps,
  request: ImportRequest,
  options: { planDigest?: string } = {},
): Promise<ImportResult> {
  const { preview, work } = await plan(deps, request);
  if (options.planDigest !== undefined && options.planDigest !== preview.planDigest)
    throw new ImportChanged();
  const result: ImportResult = { preview, written: { children: 0, events: 0 }, failed: [] };
  if (preview.fileProblems.length > 0) return result;
  const reason = reasonOf(preview.sha256);
  const write = { deps, request, reason, sha256: preview.sha256 };
  await eachLimited(
    work.filter((w) => w.commands.length > 0),
    async (w) => {
      try {
        // Read after the await: the writers run side by side, and `+= await` would add to a stale total.
        const events = await writeChild(write, w);
        result.written.events += events;
        result.written.children++;
      } catch (error) {
        // A rule, a record gone or a write that kept conflicting: this child only; a fault of ours stops the import.
        if (!(error instanceof DomainRuleBroken || error instanceof RecordNotFound || isRetryable(error)))
          throw error;
        result.failed.push({ child: w.preview.child, reason: notWritten(error as Error) });
      }
    },
  );
  return result;
}

/** Why a child's write failed: a rule the record now breaks (by its name, for the page to word), or another cause. */
const notWritten = (error: Error): Reason =>
  reason('notWritten', {
    message: error.message,
    ...(error instanceof DomainRuleBroken && error.rule ? { rule: error.rule } : {}),
  });

export const reasonOf = (sha256: string) =>
  `Imported from the case system’s SSDA903 extract (SHA-256 ${sha256.slice(0, 12)}…)`;

async function plan(
  deps: ImportDeps,
  request: ImportRequest,
): Promise<{ preview: Preview; work: ChildWork[] }> {
  const extract = readExtract(request.files);
  const notes = extractNotes(extract, request.districts);
  const histories = extract.fileProblems.length > 0 ? [] : historiesOf(extract, request.districts);
  const reason = reasonOf(extract.sha256);
  const work = await mapLimited(histories, (history) => planFor(deps, request, history, reason));
  const children = work.map((w) => w.preview);
  const totals = {
    children: children.length,
    new: 0,
    additions: 0,
    unchanged: 0,
    refused: 0,
    facts: 0,
    conflicts: 0,
  };
  for (const c of children) {
    totals[c.outcome]++;
    totals.facts += c.facts.length;
    totals.conflicts += c.conflicts.length;
  }
  const refusals = [
    ...extract.rowProblems.filter((r) => !r.child),
    ...children.flatMap((c) => c.refusals),
  ].sort(
    (a, b) =>
      FILE_ORDER.indexOf(a.file) - FILE_ORDER.indexOf(b.file) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.field ?? '').localeCompare(b.field ?? ''),
  );
  const planDigest = createHash('sha256')
    .update(
      JSON.stringify([
        extract.sha256,
        [...request.districts].sort(),
        work.map((w) => [w.preview.childId, w.head, w.commands]),
      ]),
    )
    .digest('hex');
  const preview: Preview = {
    la: request.la,
    sha256: extract.sha256,
    files: extract.files,
    fileProblems: extract.fileProblems,
    children,
    refusals,
    notes,
    totals,
    planDigest,
  };
  return { preview, work };
}

const FILE_ORDER = ['Header', 'Episodes', 'Reviews'];

function extractNotes(extract: Extract, districts: ReadonlySet<string>): Reason[] {
  const notes = extract.files
    .filter((f) => f.encoding === 'windows-1252')
    .map((f) => reason('readAs1252', { name: f.name }));
  if (districts.size === 0) notes.push(reason('noDistricts'));
  return notes;
}

async function planFor(
  deps: ImportDeps,
  request: ImportRequest,
  history: ChildHistory,
  importReason: string,
): Promise<ChildWork> {
  const childId = importedChildId(request.la, history.child);
  const preview: ChildPreview = {
    child: history.child,
    childId,
    outcome: 'refused',
    facts: [],
    unchanged: 0,
    conflicts: [],
    refusals: [...history.refusals],
    notes: [...history.notes],
  };
  const work: ChildWork = { preview, commands: [], head: 0 };
  if (preview.refusals.length > 0 || !history.header) return work;

  const stored = await deps.store.read(childStreamId(childId));
  if (stored.length > 0 && stored[0]!.la !== request.la) {
    preview.refusals.push({
      file: 'Header',
      row: history.header.row,
      field: 'CHILD',
      child: history.child,
      reason: reason('otherAuthority', { child: history.child }),
    });
    return work;
  }
  const events = typedEvents<ChildEvent>(CHILD, stored);
  const state = foldRecord(CHILD, deps.policies, stored);
  const childPlan = planChild(history.facts, recordedFactsOf(events));
  preview.unchanged = childPlan.unchanged;
  preview.conflicts = [...detailConflicts(history.header, state), ...childPlan.conflicts];
  const commands = commandsFor({
    childId,
    la: request.la,
    child: history.child,
    header: history.header,
    additions: childPlan.additions,
    state,
  });
  // Decided now, in memory, by the same deciders the write uses: a fact the domain refuses keeps the child out.
  const decided = decideAll(deps, commands, state, {
    now: deps.now(),
    actor: request.actor,
    reason: importReason,
  });
  if (decided.refused) {
    const { planned, error } = decided.refused;
    preview.refusals.push({
      file: planned.source?.file ?? 'Header',
      row: planned.source?.row ?? history.header.row,
      field: planned.source?.field,
      child: history.child,
      reason: reason('domain', { message: error.message, ...(error.rule ? { rule: error.rule } : {}) }),
    });
    return work;
  }
  preview.facts = childPlan.additions.map(({ kind, on, details, source }) => ({ kind, on, details, source }));
  preview.outcome =
    state.status === 'not-recorded' ? 'new' : preview.facts.length > 0 ? 'additions' : 'unchanged';
  work.commands = commands;
  work.head = stored.length;
  work.volunteerId = state.relationship?.volunteerId;
  return work;
}

interface Decisions {
  child: Decided<ChildEvent>[];
  volunteer: Decided<VolunteerEvent>[];
  refused?: { planned: PlannedCommand; error: DomainRuleBroken };
}

/** The commands decided in turn (decide-in-turn.ts), the visitor's events beside the child's; or the first refusal. */
function decideAll(
  deps: ImportDeps,
  commands: readonly PlannedCommand[],
  initial: ChildState,
  context: DecisionContext,
): Decisions {
  const { decisions, refused } = decideInTurn(commands, initial, context, {
    decide: (planned, state) => decideWithVisitor(planned.command, state, context, deps.policies),
    evolving: ([childEvents]) => childEvents,
    evolve: CHILD.decider(deps.policies).evolve,
  });
  return {
    child: decisions.flatMap(([childEvents]) => childEvents),
    volunteer: decisions.flatMap(([, volunteerEvents]) => volunteerEvents),
    ...(refused ? { refused } : {}),
  };
}

interface Write {
  deps: ImportDeps;
  request: ImportRequest;
  reason: string;
  sha256: string;
}

/** Who, why and the extract's hash, on every event of the import; the command id names exactly this decision. */
const commandOf = (write: Write, decision: unknown) => ({
  commandId: `ssda903-${createHash('sha256').update(JSON.stringify(decision)).digest('hex').slice(0, 40)}`,
  actor: write.request.actor,
  reason: write.reason,
  correlationId: `ssda903:${write.sha256}`,
});

const contextOf = (write: Write) => ({
  actor: write.request.actor,
  reason: write.reason,
  now: () => write.deps.now(),
});

/** Decides commands on the state as it is now; a refusal (the record changed since the preview) is thrown. */
function decideNow(
  write: Write,
  commands: readonly PlannedCommand[],
  state: ChildState,
  context: DecisionContext,
) {
  const decided = decideAll(write.deps, commands, state, context);
  if (decided.refused) throw decided.refused.error;
  return decided;
}

/** One child's commands, a transaction per chunk; the volunteer's record too when an ending frees them. */
async function writeChild(write: Write, work: ChildWork): Promise<number> {
  let events = 0;
  const options = { la: write.request.la, policies: write.deps.policies, mustExist: false };
  for (let start = 0; start < work.commands.length; start += COMMANDS_PER_WRITE) {
    const chunk = work.commands.slice(start, start + COMMANDS_PER_WRITE);
    const command = commandOf(write, [work.preview.childId, work.head, start, chunk]);
    const child = recordTarget(CHILD, work.preview.childId, options);
    const endsWithVisitor =
      work.volunteerId !== undefined && chunk.some((c) => MAY_END_RELATIONSHIP.has(c.command.type));
    const outcome = endsWithVisitor
      ? await runCommandAcross<[ChildState, VolunteerState]>({
          store: write.deps.store,
          targets: [child, recordTarget(VOLUNTEER, work.volunteerId!, { ...options, mustExist: true })],
          decide: ([state], context) => {
            if (state.relationship?.volunteerId !== work.volunteerId)
              throw new DomainRuleBroken('The child’s Independent Visitor changed since the preview.', 409);
            const decided = decideNow(write, chunk, state, context);
            return [decided.child, decided.volunteer];
          },
          context: contextOf(write),
          command,
        })
      : await runCommandAcross<[ChildState]>({
          store: write.deps.store,
          targets: [child],
          decide: ([state], context) => [decideNow(write, chunk, state, context).child],
          context: contextOf(write),
          command,
        });
    events += outcome.result.eventIds.length;
  }
  return events;
}
