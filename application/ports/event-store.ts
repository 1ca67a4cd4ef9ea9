import type { Actor, RecordedEvent } from '../../events/envelope';

/** What a command adds to one stream. */
export interface NewEvent {
  type: string;
  /** Defaults to the catalog's current version: new events are always written in it. */
  schemaVersion?: number;
  data: unknown;
  /** When it happened; defaults to the time it is recorded. */
  occurredAt?: string;
}

/** The head a command decided against: its version and hash (0 and the genesis hash for a new stream). */
export interface StreamHead {
  version: number;
  hash: string;
}

export interface StreamAppend {
  streamId: string;
  /** The local authority the stream belongs to. */
  la: string;
  /** A bare version makes the store look up that version's hash; a head from a read saves the round trip. */
  expected: number | StreamHead;
  events: readonly NewEvent[];
}

/** Who issued a command and why; copied into every event's metadata. */
export interface CommandInfo {
  commandId: string;
  actor: Actor;
  correlationId?: string;
  causationId?: string;
  reason?: string;
  /** A digest of the request, so a command id reused for a different request is refused, not replayed. */
  requestHash?: string;
}

export interface AppendedStream {
  streamId: string;
  fromVersion: number;
  toVersion: number;
  hash: string;
}

export interface AppendResult {
  commandId: string;
  streams: AppendedStream[];
  eventIds: string[];
  /** True when this command id had already been applied: the first result is returned and nothing is written. */
  duplicate: boolean;
}

export interface ReadOptions {
  fromVersion?: number;
  toVersion?: number;
}

export interface EventStore {
  append(
    streamId: string,
    la: string,
    expected: number | StreamHead,
    events: readonly NewEvent[],
    command: CommandInfo,
  ): Promise<AppendResult>;
  /** Appends to several streams in one transaction: all are written or none. */
  appendMany(appends: readonly StreamAppend[], command: CommandInfo): Promise<AppendResult>;
  /** Strongly consistent, in version order, upcast to the current schema versions. */
  read(streamId: string, options?: ReadOptions): Promise<RecordedEvent[]>;
  /**
   * The result of a command already applied, if any. Throws IdempotencyKeyReusedError when the id was used for a
   * request with a different digest.
   */
  findCommand(commandId: string, requestHash?: string): Promise<AppendResult | undefined>;
  /** Every stream of one local authority, for rebuilds. */
  listStreams(la: string): AsyncIterable<string>;
}

export const headOf = (events: readonly RecordedEvent[]): StreamHead | undefined => {
  const last = events.at(-1);
  return last && { version: last.version, hash: last.hash };
};
