import { setTimeout as sleep } from 'node:timers/promises';
import type { DecisionContext, DomainEvent } from '../domain/decider';
import type { PolicySource } from '../domain/policy';
import { defaultPolicyFor } from '../domain/policy';
import { GENESIS_HASH, type RecordedEvent } from '../events/envelope';
import { fromStreamId, toStreamId } from '../events/stream-id';
import { RecordNotFound } from './errors';
import type { AppendResult, CommandInfo, EventStore, StreamHead } from './ports/event-store';
import { headOf } from './ports/event-store';
import { isRetryable } from './ports/event-store-errors';
import { foldRecord, type RecordKind } from './records';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 10, maxDelayMs: 400 };

/** One stream a command reads and may write: where it is, which LA new events belong to, and how to fold it. */
export interface StreamTarget<S> {
  streamId: string;
  la: string;
  fold(events: readonly RecordedEvent[]): S;
  /**
   * Set when the record must already exist in `la`: an empty stream, or one of another LA, then refuses the command
   * with RecordNotFound and this sentence before anything is decided.
   */
  notFound?: string;
}

/** A record of one kind as a command's target, folded by the kind's own decider. */
export function recordTarget<C, E extends DomainEvent, S>(
  kind: RecordKind<C, E, S>,
  id: string,
  options: { la: string; policies?: PolicySource; mustExist?: boolean },
): StreamTarget<S> {
  const policies = options.policies ?? defaultPolicyFor;
  return {
    streamId: toStreamId(kind.kind, id),
    la: options.la,
    fold: (events) => foldRecord(kind, policies, events),
    notFound: options.mustExist === false ? undefined : kind.notFound,
  };
}

export interface CommandOutcome {
  result: AppendResult;
  /** False when the command decided there was nothing to record. */
  written: boolean;
}

type Decisions = ReadonlyArray<ReadonlyArray<DomainEvent & { occurredAt?: string }>>;

/**
 * Runs a command over one or more streams: read each, fold its state, decide, then write every stream's new events
 * in one transaction against the heads that were read. A stream moved by someone else meanwhile means the decision
 * was made on stale state, so it is made again, a bounded number of times with jittered back-off.
 */
export async function runCommandAcross<States extends unknown[]>(options: {
  store: EventStore;
  targets: { [K in keyof States]: StreamTarget<States[K]> };
  decide: (states: States, context: DecisionContext) => Decisions;
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
      targets.map(async (target: StreamTarget<unknown>) => {
        const events = await store.read(target.streamId);
        if (target.notFound !== undefined && events[0]?.la !== target.la)
          throw new RecordNotFound(target.notFound);
        const head: StreamHead = headOf(events) ?? { version: 0, hash: GENESIS_HASH };
        return { head, state: target.fold(events) };
      }),
    );
    const context: DecisionContext = { ...options.context, now: options.context.now() };
    const decided = options.decide(loaded.map((l) => l.state) as States, context);
    const appends = targets
      .map((target: StreamTarget<unknown>, i) => ({
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

/** The single-record case: a command of a record's kind, decided by the kind's decider under the LA's policy. */
export function runCommand<C, E extends DomainEvent, S>(options: {
  store: EventStore;
  kind: RecordKind<C, E, S>;
  id: string;
  la: string;
  policies?: PolicySource;
  command: C;
  context: Omit<DecisionContext, 'now'> & { now: () => Date };
  info: CommandInfo;
  /** False for the command that starts the record (entering care, applying). */
  mustExist?: boolean;
  retry?: RetryPolicy;
}): Promise<CommandOutcome> {
  const policies = options.policies ?? defaultPolicyFor;
  const decider = options.kind.decider(policies);
  return runCommandAcross<[S]>({
    store: options.store,
    targets: [
      recordTarget(options.kind, options.id, { la: options.la, policies, mustExist: options.mustExist }),
    ],
    decide: ([state], context) => [decider.decide(options.command, state, context)],
    context: options.context,
    command: options.info,
    retry: options.retry,
  });
}

/**
 * What a command wrote on a record of this kind: the record's id, its new version (none when nothing was written),
 * and whether it was a repeat. A repeated command answers with its first result, so a retried "enter care" names
 * the child it created the first time, not the id this attempt drew.
 */
export function recordedOn<C, E extends DomainEvent, S>(
  outcome: CommandOutcome,
  kind: RecordKind<C, E, S>,
  id: string,
) {
  const stream = outcome.result.streams.find((s) => fromStreamId(s.streamId).kind === kind.kind);
  return {
    id: stream ? fromStreamId(stream.streamId).id : id,
    version: stream?.toVersion,
    duplicate: outcome.result.duplicate,
  };
}

/** "Full jitter": a random delay up to an exponentially growing cap, so competing writers spread out. */
export const jitteredDelay = (retry: RetryPolicy, attempt: number): number =>
  Math.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
