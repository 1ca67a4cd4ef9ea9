import { runCommandAcross, type StreamTarget } from '../../application/command';
import type { CommandInfo, EventStore } from '../../application/ports/event-store';
import type { Decider, DecisionContext, DomainEvent, FactMeta } from '../../domain/decider';
import { fold } from '../../domain/decider';
import type { RecordedEvent } from '../../events/envelope';

/**
 * Test deciders (a counter, a tally) over raw streams. The application reaches streams through typed record kinds
 * (application/records.ts); tests of the plumbing itself take any decider, and trust the events are its own.
 */
export const factsOf = <E extends DomainEvent>(events: readonly RecordedEvent[]) =>
  events.map((e) => ({
    event: { type: e.type, data: e.data } as E,
    meta: {
      version: e.version,
      occurredAt: e.metadata.occurredAt,
      recordedAt: e.metadata.recordedAt,
      actor: e.metadata.actor,
    } satisfies FactMeta,
  }));

export const deciderTarget = <E extends DomainEvent, S>(
  streamId: string,
  la: string,
  decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>,
): StreamTarget<S> => ({ streamId, la, fold: (events) => fold(decider, factsOf<E>(events)) });

/** Runs one command of a decider on one stream, through the real command plumbing. */
export function runOnStream<C, E extends DomainEvent, S>(options: {
  store: EventStore;
  streamId: string;
  la: string;
  decider: Decider<C, E, S>;
  command: C;
  context: Omit<DecisionContext, 'now'> & { now: () => Date };
  info: CommandInfo;
  retry?: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
}) {
  return runCommandAcross<[S]>({
    store: options.store,
    targets: [deciderTarget(options.streamId, options.la, options.decider)],
    decide: ([state], context) => [options.decider.decide(options.command, state, context)],
    context: options.context,
    command: options.info,
    retry: options.retry,
  });
}
