import { setTimeout as sleep } from 'node:timers/promises';
import { type Decider, type DecisionContext, type DomainEvent, type FactMeta, fold } from '../domain/decider';
import type { RecordedEvent } from '../events/envelope';
import { GENESIS_HASH } from '../events/envelope';
import type { AppendResult, CommandInfo, EventStore, StreamHead } from './ports/event-store';
import { headOf } from './ports/event-store';
import { isRetryable } from './ports/event-store-errors';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 10, maxDelayMs: 400 };

/** One stream a command reads and may write. */
export interface StreamTarget<S> {
  streamId: string;
  la: string;
  decider: Pick<Decider<unknown, DomainEvent, S>, 'initialState' | 'evolve'>;
}

export interface CommandOutcome {
  result: AppendResult;
  /** False when the command decided there was nothing to record. */
  written: boolean;
}

export const asFact = (event: RecordedEvent): { event: DomainEvent; meta: FactMeta } => ({
  event: { type: event.type, data: event.data },
  meta: {
    version: event.version,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.metadata.recordedAt,
    actor: event.metadata.actor,
  },
});

/**
 * Runs a command over one or more streams: read each, fold its state, decide, then write every stream's new events
 * in one transaction against the heads that were read. A stream moved by someone else meanwhile means the decision
 * was made on stale state, so it is made again, a bounded number of times with jittered back-off.
 */
export async function runCommandAcross<States extends unknown[]>(options: {
  store: EventStore;
  targets: { [K in keyof States]: StreamTarget<States[K]> };
  decide: (
    states: States,
    context: DecisionContext,
  ) => ReadonlyArray<ReadonlyArray<DomainEvent & { occurredAt?: string }>>;
  context: Omit<DecisionContext, 'now'> & { now: () => Date };
  command: CommandInfo;
  retry?: RetryPolicy;
}): Promise<CommandOutcome> {
  const { store, targets, command } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  // A command that was already applied returns its first result, even if deciding it again would now be refused.
  const earlier = await store.findCommand(command.commandId, command.requestHash);
  if (earlier) return { result: earlier, written: false };

  for (let attempt = 1; ; attempt++) {
    const loaded = await Promise.all(
      targets.map(async (target) => {
        const events = await store.read(target.streamId);
        const head: StreamHead = headOf(events) ?? { version: 0, hash: GENESIS_HASH };
        return { head, state: fold(target.decider, events.map(asFact)) };
      }),
    );
    const context: DecisionContext = { ...options.context, now: options.context.now() };
    const decided = options.decide(loaded.map((l) => l.state) as States, context);
    const appends = targets
      .map((target, i) => ({
        streamId: target.streamId,
        la: target.la,
        expected: loaded[i]!.head,
        events: decided[i] ?? [],
      }))
      .filter((append) => append.events.length > 0);
    if (appends.length === 0)
      return {
        result: { commandId: command.commandId, streams: [], eventIds: [], duplicate: false },
        written: false,
      };
    try {
      const result = await store.appendMany(appends, command);
      return { result, written: !result.duplicate };
    } catch (error) {
      if (!isRetryable(error) || attempt >= retry.maxAttempts) throw error;
      await sleep(jitteredDelay(retry, attempt));
    }
  }
}

/** The single-stream case: an aggregate supplies only its decider. */
export function runCommand<C, E extends DomainEvent, S>(options: {
  store: EventStore;
  streamId: string;
  la: string;
  decider: Decider<C, E, S>;
  command: C;
  context: Omit<DecisionContext, 'now'> & { now: () => Date };
  info: CommandInfo;
  retry?: RetryPolicy;
}): Promise<CommandOutcome> {
  const { decider } = options;
  return runCommandAcross<[S]>({
    store: options.store,
    targets: [{ streamId: options.streamId, la: options.la, decider: decider as StreamTarget<S>['decider'] }],
    decide: ([state], context) => [decider.decide(options.command, state, context)],
    context: options.context,
    command: options.info,
    retry: options.retry,
  });
}

/** "Full jitter": a random delay up to an exponentially growing cap, so competing writers spread out. */
export const jitteredDelay = (retry: RetryPolicy, attempt: number): number =>
  Math.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
