import type { Decider, DomainEvent } from '../../domain/decider';
import { fold } from '../../domain/decider';
import type { EventCatalog } from '../../events/catalog';
import type { RecordedEvent } from '../../events/envelope';
import type { StoredEventReader } from '../ports/stored-events';
import { asFact } from '../records';
import type { Anchor } from './anchor';
import { readableEvent } from './opening';
import { anchoredHeadOf, ChainChecker, type StreamVerification } from './verify';

/** A moment in a stream: a recorded time (what the system knew then) or a version. */
export type Moment = { at: string } | { version: number };

/** Only what replay needs from a decider, so any aggregate's decider fits. */
export type Evolver<S> = Pick<Decider<unknown, DomainEvent, S>, 'initialState' | 'evolve'>;

export interface AsOf<S> {
  streamId: string;
  moment: Moment;
  state: S;
  /** The last version folded in; 0 when the stream had no events yet at that moment. */
  version: number;
  /** When that version was recorded and when it happened. */
  recordedAt?: string;
  occurredAt?: string;
  /** False when any event folded in is not covered by an intact chain: the state cannot be trusted. */
  trusted: boolean;
  /** The whole stream's chain, verified on this read. */
  verification: StreamVerification;
}

/** A stored event that no longer meets its contract cannot be replayed; the auditor is told which and why. */
export class UnreadableEventError extends Error {
  constructor(
    readonly streamId: string,
    readonly version: number,
    cause: unknown,
  ) {
    super(
      `version ${version} of ${streamId} cannot be replayed: ${cause instanceof Error ? cause.message : cause}`,
      { cause },
    );
    this.name = 'UnreadableEventError';
  }
}

export function parseMoment(moment: Moment): { until: (recordedAt: string, version: number) => boolean } {
  if ('version' in moment) {
    if (!Number.isInteger(moment.version) || moment.version < 0)
      throw new RangeError('a version is a whole number from 0');
    return { until: (_, version) => version <= moment.version };
  }
  const at = Date.parse(moment.at);
  if (Number.isNaN(at)) throw new RangeError(`${moment.at} is not a time`);
  return { until: (recordedAt) => Date.parse(recordedAt) <= at };
}

/**
 * The state of a stream as of a moment, replayed with the aggregate's own `evolve` from the events as stored,
 * upcast exactly as the live system reads them. By recorded time it is what the system knew then: the events
 * recorded up to that time, in version order (a stream is written in order, so they are a prefix of it).
 */
export async function stateAsOf<S>(options: {
  reader: StoredEventReader;
  catalog: EventCatalog;
  decider: Evolver<S>;
  streamId: string;
  moment: Moment;
  anchor?: Anchor;
}): Promise<AsOf<S>> {
  const { reader, catalog, decider, streamId, moment } = options;
  const { until } = parseMoment(moment);
  const checker = new ChainChecker(streamId, anchoredHeadOf(options.anchor, streamId));
  const facts: Array<ReturnType<typeof asFact>> = [];
  let last: RecordedEvent | undefined;
  let trusted = true;
  let included = true;
  for await (const item of reader.items(streamId)) {
    const chain = checker.check(item);
    included &&= until(item.event.metadata?.recordedAt ?? '', item.event.version);
    if (!included) continue;
    if (chain !== 'intact') trusted = false;
    let recorded: RecordedEvent;
    try {
      const event = readableEvent(item);
      const current = catalog.upcast(event.type, event.schemaVersion, event.data);
      recorded = { ...event, ...current, stored: { schemaVersion: event.schemaVersion, data: event.data } };
    } catch (error) {
      throw new UnreadableEventError(streamId, item.event.version, error);
    }
    // The same conversion and fold the command plumbing uses, so replay cannot drift from the live system.
    facts.push(asFact(recorded));
    last = recorded;
  }
  const verification = checker.result();
  // A rewritten and re-hashed stream (found only against the anchor) puts every event up to the anchor in doubt;
  // a deleted tail does not change what came before it.
  if (verification.firstBroken?.problem === 'anchor-mismatch' && last) trusted = false;
  return {
    streamId,
    moment,
    state: fold(decider, facts),
    version: last?.version ?? 0,
    recordedAt: last?.metadata.recordedAt,
    occurredAt: last?.metadata.occurredAt,
    trusted,
    verification,
  };
}
