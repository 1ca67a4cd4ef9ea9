import type { Obligation } from '../../domain/obligations';
import type { StageRecord } from '../../domain/obligations/stages';
import { defaultPolicyFor, type PolicySource } from '../../domain/policy';
import { streamKind } from '../../events/stream-id';
import type { Clock } from '../ports/clock';
import type { EventStore } from '../ports/event-store';
import type { Log } from '../ports/log';
import type { ReadModels } from '../ports/read-models';
import type { WorkflowStarter } from '../ports/workflows';
import type { StreamProjector } from '../projections/project';
import { openObligationsOf, streamStateOf } from './obligations';
import { deadlineInputOf, executionNameFor } from './plan';

export interface ReconcilerDeps {
  /** Every local authority with records. */
  las(): Promise<string[]>;
  store: Pick<EventStore, 'read' | 'listStreams'>;
  readModels: Pick<ReadModels, 'childRow' | 'volunteerRow'>;
  project: StreamProjector;
  /** The names of every deadline execution running now (one listing, taken before the streams are read). */
  runningExecutions(): Promise<ReadonlySet<string>>;
  workflows: WorkflowStarter;
  clock: Clock;
  log: Log;
  policies?: PolicySource;
  /** Streams read at once. */
  concurrency?: number;
}

export interface ReconcileReport {
  at: string;
  streams: number;
  /** Open obligations compared with the running executions. */
  obligations: number;
  /** Read-model rows compared with their stream's version. */
  rows: number;
  /** Obligations that had no running execution, and were given one. */
  rearmed: Array<{ streamId: string; obligationId: string; execution: string }>;
  /** Rows missing or behind their stream, and re-projected. */
  reprojected: Array<{ streamId: string; rowVersion?: number; streamVersion: number }>;
  /** How many things had to be put right: 0 is the proof that no child's deadline or row was missing. */
  repaired: number;
}

/** A continuation or a re-armed execution carries its obligation's name before `--`. */
const baseOf = (execution: string) => execution.replace(/--.*$/, '');

/** An execution name for a re-arming: the obligation's own name was used by an execution that has ended. */
const rearmName = (obligationId: string, at: Date) =>
  `${executionNameFor(obligationId)}--a${at.toISOString().replace(/\D/g, '').slice(0, 14)}`;

/** Whether an open obligation still needs a workflow: all do, unless missed with no escalations to make. */
const needsWorkflow = (obligation: Obligation, stage: StageRecord | undefined) =>
  obligation.escalateEveryDays > 0 || !stage?.missed;

/**
 * "No child missed", as a proof rather than a hope: every stream of every LA is read, and
 * - every obligation open on it now must have a running deadline execution; one that has none is armed again (its
 *   steps are idempotent, so an execution that turns out to be a duplicate records nothing twice);
 * - its read-model row must exist at the stream's version; one missing or behind is re-projected.
 * The report says what was checked and what had to be repaired. Runs on every local start and daily, and in AWS on
 * a schedule with an alarm whenever it repaired anything.
 */
export async function reconcile(deps: ReconcilerDeps): Promise<ReconcileReport> {
  const policies = deps.policies ?? defaultPolicyFor;
  const now = deps.clock.now();
  const running = new Set([...(await deps.runningExecutions())].map(baseOf));
  const report: ReconcileReport = {
    at: now.toISOString(),
    streams: 0,
    obligations: 0,
    rows: 0,
    rearmed: [],
    reprojected: [],
    repaired: 0,
  };

  const checkStream = async (streamId: string) => {
    const events = await deps.store.read(streamId);
    const head = events.at(-1);
    if (!head) return;
    report.streams++;
    const { state, la } = streamStateOf(streamId, events, policies);
    for (const obligation of openObligationsOf(state, la!, now, policies)) {
      report.obligations++;
      if (running.has(executionNameFor(obligation.id))) continue;
      if (!needsWorkflow(obligation, state.stages[obligation.id])) continue;
      report.rearmed.push({ streamId, obligationId: obligation.id, execution: await arm(obligation) });
    }
    report.rows++;
    const row =
      streamKind(streamId) === 'child'
        ? await deps.readModels.childRow(streamId)
        : await deps.readModels.volunteerRow(streamId);
    if (row && row.version >= head.version) return;
    const { outcome } = await deps.project(streamId);
    if (outcome === 'written')
      report.reprojected.push({ streamId, rowVersion: row?.version, streamVersion: head.version });
  };

  const arm = async (obligation: Obligation): Promise<string> => {
    const input = deadlineInputOf(obligation, now);
    const name = executionNameFor(obligation.id);
    if ((await deps.workflows.start(name, input)) === 'started') return name;
    // The name was used by an execution that has ended (failed, or stopped by hand): carry on under a new one.
    const again = rearmName(obligation.id, now);
    await deps.workflows.start(again, input);
    return again;
  };

  for (const la of await deps.las()) {
    const streams = deps.store.listStreams(la)[Symbol.asyncIterator]();
    const worker = async () => {
      for (let next = await streams.next(); !next.done; next = await streams.next())
        await checkStream(next.value);
    };
    await Promise.all(Array.from({ length: deps.concurrency ?? 8 }, worker));
  }
  report.repaired = report.rearmed.length + report.reprojected.length;
  // Counts only: stream ids stay out of the logs.
  deps.log[report.repaired > 0 ? 'warn' : 'info']('reconciled', {
    streams: report.streams,
    obligations: report.obligations,
    rows: report.rows,
    rearmed: report.rearmed.length,
    reprojected: report.reprojected.length,
  });
  return report;
}
