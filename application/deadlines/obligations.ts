import { createHash } from 'node:crypto';
import { calendarFor } from '../../domain/calendar';
import { type Obligation, obligationsOf, type StreamState } from '../../domain/obligations';
import { type DeadlineStage, stageCommand, stageDueAt, stageRecorded } from '../../domain/obligations/stages';
import { defaultPolicyFor, type PolicySource } from '../../domain/policy';
import type { Actor, RecordedEvent } from '../../events/envelope';
import { fromStreamId, streamKind } from '../../events/stream-id';
import { runCommand } from '../command';
import type { Clock } from '../ports/clock';
import type { EventStore } from '../ports/event-store';
import { CHILD, foldRecord, VOLUNTEER } from '../records';

/** The automated reminders act as this actor, never as a person. */
export const systemActor = (la: string): Actor => ({ id: 'deadline-workflow', role: 'system', la });

export class TooEarlyError extends Error {
  constructor(stage: string, at: string) {
    super(`the ${stage} is not due until ${at}; the workflow's step will be retried`);
    this.name = 'TooEarlyError';
  }
}

export type { DeadlineStage };

/** A stream's state from its events, for the kinds that owe obligations. */
export function streamStateOf(streamId: string, events: readonly RecordedEvent[], policies: PolicySource) {
  const state: StreamState =
    streamKind(streamId) === 'child'
      ? foldRecord(CHILD, policies, events)
      : foldRecord(VOLUNTEER, policies, events);
  return { state, la: events[0]?.la };
}

/** Every obligation open on a stream at `now`, from its state. */
export function openObligationsOf(state: StreamState, la: string, now: Date, policies: PolicySource) {
  const policy = policies(la);
  return obligationsOf(state, policy, calendarFor(policy.jurisdiction), now);
}

async function loadStream(store: Pick<EventStore, 'read'>, streamId: string, policies: PolicySource) {
  return streamStateOf(streamId, await store.read(streamId), policies);
}

/**
 * A stream's obligations, recomputed from its events by the pure domain, and the deadline stages recorded on it by
 * the domain's own commands. The one place the deadline handlers meet the domain.
 */
export function streamObligations(options: { store: EventStore; clock: Clock; policies?: PolicySource }) {
  const policies = options.policies ?? defaultPolicyFor;
  const load = (streamId: string) => loadStream(options.store, streamId, policies);
  const openOn = (state: StreamState, la: string, now: Date) => openObligationsOf(state, la, now, policies);

  return {
    /** Every obligation open on the stream at `now` (none for a stream with no events). */
    async openOn(streamId: string, now: Date): Promise<Obligation[]> {
      const { state, la } = await load(streamId);
      return la ? openOn(state, la, now) : [];
    },

    async isOpen(streamId: string, obligationId: string, now: Date): Promise<boolean> {
      const { state, la } = await load(streamId);
      return la !== undefined && openOn(state, la, now).some((o) => o.id === obligationId);
    },

    /**
     * Records one stage through the stream's decider, as the system. The command id derives from the obligation and
     * the stage, so a retried step returns the first result. If nothing was recorded although the obligation is open,
     * the stage is not yet on the stream and its time has not come (clocks a few ms apart), the step throws so the
     * workflow retries it rather than moving on without the record.
     */
    async record(stage: DeadlineStage, streamId: string, obligationId: string, escalation?: number) {
      const { state, la } = await load(streamId);
      if (!la) return { eventIds: [] as string[] };
      const command = stageCommand(stage, obligationId, escalation);
      const actor = systemActor(la);
      const { id, kind } = fromStreamId(streamId);
      const run = {
        store: options.store,
        id,
        la,
        policies,
        command,
        context: { actor, now: () => options.clock.now() },
        info: { commandId: stageCommandId(stage, obligationId, escalation), actor },
      };
      const outcome =
        kind === 'child'
          ? await runCommand({ ...run, kind: CHILD })
          : await runCommand({ ...run, kind: VOLUNTEER });
      if (outcome.result.eventIds.length === 0) {
        const now = options.clock.now();
        const open = openOn(state, la, now).find((o) => o.id === obligationId);
        if (open && !stageRecorded(state.stages[obligationId], command)) {
          const at = stageDueAt(open, command);
          if (now.getTime() < Date.parse(at)) throw new TooEarlyError(stage, at);
        }
      }
      return { eventIds: outcome.result.eventIds };
    },
  };
}

/** Deterministic and within the 128 characters a command id may have. */
export const stageCommandId = (stage: DeadlineStage, obligationId: string, escalation?: number): string =>
  `deadline-${stage}${escalation ? `-${escalation}` : ''}-${createHash('sha256').update(obligationId).digest('hex').slice(0, 48)}`;
