import type { StoredEvent } from '../../events/envelope';

/** The `source` of every domain event on the bus; rules match on it, so it is defined once, here. */
export const DOMAIN_EVENT_SOURCE = 'iv.records';

/** EventBridge takes at most 10 entries per PutEvents call. */
export const MAX_ENTRIES_PER_PUT = 10;

/**
 * What goes on the bus for one domain event: the envelope and ids, never the event's data. A consumer that needs
 * the facts reads the stream, which checks the reader's local authority; the bus and its archive hold no personal data.
 */
export interface PublishedEvent {
  eventId: string;
  streamId: string;
  version: number;
  la: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; role: string };
  correlationId: string;
  causationId: string;
  commandId: string;
}

export const toPublished = (event: StoredEvent): PublishedEvent => ({
  eventId: event.metadata.eventId,
  streamId: event.streamId,
  version: event.version,
  la: event.la,
  type: event.type,
  schemaVersion: event.schemaVersion,
  occurredAt: event.metadata.occurredAt,
  recordedAt: event.metadata.recordedAt,
  actor: { id: event.metadata.actor.id, role: event.metadata.actor.role },
  correlationId: event.metadata.correlationId,
  causationId: event.metadata.causationId,
  commandId: event.metadata.commandId,
});

export interface BusEntry {
  source: string;
  detailType: string;
  detail: PublishedEvent;
  time?: Date;
}

/** The bus entry for one stored event: what the publisher puts on the bus for each new item of the stream. */
export const busEntryOf = (stored: StoredEvent): BusEntry => ({
  source: DOMAIN_EVENT_SOURCE,
  detailType: stored.type,
  detail: toPublished(stored),
  time: new Date(stored.metadata.recordedAt),
});

/** An EventBridge event as a rule target receives it. */
export interface BusEvent<D = PublishedEvent> {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: D;
}

export type PutOutcome = { ok: true } | { ok: false; errorCode?: string; errorMessage?: string };

/** The bus port: EventBridge in AWS, the in-process bus locally. One outcome per entry, in order. */
export interface Bus {
  put(entries: readonly BusEntry[]): Promise<PutOutcome[]>;
}
