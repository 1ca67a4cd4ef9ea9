import { defaultPolicyFor, type PolicySource } from '../domain/policy';
import { openObligationsOf, streamStateOf } from './deadlines/obligations';
import { armObligations } from './deadlines/starter';
import { NOTIFIED_EVENT_TYPES } from './notifications/notifications';
import { type Bus, busEntryOf } from './ports/bus';
import type { Clock } from './ports/clock';
import type { EventStore } from './ports/event-store';
import type { ReadModels, StreamRow } from './ports/read-models';
import type { WorkflowStarter } from './ports/workflows';
import { rowOfStream } from './projections/project';

export interface BulkLoadDeps {
  store: Pick<EventStore, 'read'>;
  readModels: Pick<ReadModels, 'putRows'>;
  workflows: WorkflowStarter;
  bus: Bus;
  clock: Clock;
  policies?: PolicySource;
  /** Streams read at once; their rows are written together, a hundred streams at a time. */
  concurrency?: number;
}

export interface BulkLoadReport {
  streams: number;
  /** Rows written. */
  projected: number;
  /** Obligations open now, and how many of them were given a deadline workflow. */
  obligations: number;
  armed: number;
  /** Newest events put on the bus for the notifier (a recent reminder, miss or escalation). */
  notified: number;
}

const notified = new Set<string>(NOTIFIED_EVENT_TYPES);

/**
 * After events were written in bulk (the demo seed writes them unannounced), what the projector and the obligation
 * starter would have done for them one event at a time, once per record: each stream is read once, its row is
 * projected from those events (the rows written a hundred at a time), and every obligation open on it now is armed.
 * Every one, whatever the stream's newest event: the bus never takes a deadline record (a reminder, a miss) to the
 * starter, so announcing only the newest event used to leave the records whose newest event was one of those
 * unarmed until the reconciler found them. A newest event the notifier hears of still goes on the bus, so what is
 * recent is sent.
 */
export async function afterBulkLoad(
  deps: BulkLoadDeps,
  streamIds: readonly string[],
): Promise<BulkLoadReport> {
  const policies = deps.policies ?? defaultPolicyFor;
  const now = deps.clock.now();
  const report: BulkLoadReport = { streams: 0, projected: 0, obligations: 0, armed: 0, notified: 0 };
  for (let i = 0; i < streamIds.length; i += 100) {
    const chunk = streamIds.slice(i, i + 100);
    const rows: StreamRow[] = [];
    let next = 0;
    const worker = async () => {
      while (next < chunk.length) {
        const streamId = chunk[next++]!;
        const events = await deps.store.read(streamId);
        const head = events.at(-1);
        if (!head) continue;
        report.streams++;
        const row = rowOfStream(streamId, events, now, policies);
        if (row) rows.push(row);
        const { state, la } = streamStateOf(streamId, events, policies);
        const open = openObligationsOf(state, la!, now, policies);
        report.obligations += open.length;
        report.armed += await armObligations(deps.workflows, open, now);
        if (notified.has(head.type)) {
          await deps.bus.put([busEntryOf(head)]);
          report.notified++;
        }
      }
    };
    await Promise.all(Array.from({ length: deps.concurrency ?? 8 }, worker));
    report.projected += await deps.readModels.putRows(rows);
  }
  return report;
}
