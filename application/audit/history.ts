import type { EventCatalog } from '../../events/catalog';
import type { Actor } from '../../events/envelope';
import { canonicalJson } from '../../events/hash';
import type { StoredEventReader, StoredItem } from '../ports/stored-events';
import type { Anchor } from './anchor';
import { concealed, readableEvent } from './opening';
import { anchoredHeadOf, ChainChecker, type ChainStatus, type StreamVerification } from './verify';

/** The event as the application reads it today, or why it cannot be read. */
export type UpcastForm = { schemaVersion: number; data: unknown } | { error: string };

/** One event with everything an auditor asks about it: who, in which role, when, why, what caused it. */
export interface HistoryEntry {
  version: number;
  eventId?: string;
  type: string;
  /** When it happened in the world. */
  occurredAt?: string;
  /** When the system wrote it. */
  recordedAt?: string;
  actor?: Actor;
  reason?: string;
  correlationId?: string;
  causationId?: string;
  commandId?: string;
  /** As stored, in the schema version it was written with; a sealed personal value shows as SEALED. */
  stored: { type: string; schemaVersion: number; data: unknown };
  /** Lifted to the current schema version, as the rest of the system sees it. */
  upcast: UpcastForm;
  prevHash: string;
  hash: string;
  chain: ChainStatus;
}

export interface HistoryPage {
  streamId: string;
  la?: string;
  entries: HistoryEntry[];
  /** Pass back to get the next page; absent on the last page. */
  nextCursor?: string;
  /** The whole stream's chain, verified on this read. */
  verification: StreamVerification;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** Cursors name the next version to show; opaque to callers so the scheme can change. */
export const encodeCursor = (version: number): string => Buffer.from(`v${version}`).toString('base64url');
export function decodeCursor(cursor: string): number {
  const match = /^v(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new RangeError('the cursor is not one this history returned');
  return Number(match[1]);
}

/**
 * A page of a stream's full history. The whole stream is read and its chain verified on every call (one pass,
 * constant memory besides the page), so no page is ever shown without saying whether it can be trusted.
 */
export async function readHistory(options: {
  reader: StoredEventReader;
  catalog: EventCatalog;
  streamId: string;
  fromVersion?: number;
  toVersion?: number;
  limit?: number;
  cursor?: string;
  anchor?: Anchor;
}): Promise<HistoryPage> {
  const { reader, catalog, streamId } = options;
  const limit = Math.min(Math.max(1, options.limit ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  const from = Math.max(options.fromVersion ?? 1, options.cursor ? decodeCursor(options.cursor) : 1);
  const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
  const checker = new ChainChecker(streamId, anchoredHeadOf(options.anchor, streamId));
  const entries: HistoryEntry[] = [];
  let la: string | undefined;
  let nextCursor: string | undefined;
  for await (const item of reader.items(streamId)) {
    const chain = checker.check(item);
    la ??= item.event.la;
    const { version } = item.event;
    if (version < from || version > to) continue;
    if (entries.length < limit) entries.push(toEntry(item, chain, catalog));
    else nextCursor ??= encodeCursor(version);
  }
  return { streamId, la, entries, nextCursor, verification: checker.result() };
}

export function toEntry(item: StoredItem, chain: ChainStatus, catalog: EventCatalog): HistoryEntry {
  const { event } = item;
  const metadata = event.metadata ?? {};
  const asStored = concealed(catalog, event);
  const opened = item.opened && 'event' in item.opened ? item.opened.event : undefined;
  return {
    version: event.version,
    eventId: metadata.eventId,
    type: event.type,
    occurredAt: metadata.occurredAt,
    recordedAt: metadata.recordedAt,
    actor: metadata.actor,
    reason: opened ? opened.metadata.reason : asStored.reason,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    commandId: metadata.commandId,
    stored: { type: event.type, schemaVersion: event.schemaVersion, data: asStored.data },
    upcast: upcastOrExplain(catalog, item),
    prevHash: event.prevHash,
    hash: event.hash,
    chain,
  };
}

/**
 * Whether an entry reads differently today from how it is stored: an older schema version, a sealed field (stored
 * as SEALED, read opened), or an event that cannot be read. The views then show both forms.
 */
export const readsDifferently = (e: HistoryEntry): boolean =>
  'error' in e.upcast ||
  e.upcast.schemaVersion !== e.stored.schemaVersion ||
  canonicalJson(e.upcast.data) !== canonicalJson(e.stored.data);

function upcastOrExplain(catalog: EventCatalog, item: StoredItem): UpcastForm {
  try {
    const event = readableEvent(item);
    return catalog.upcast(event.type, event.schemaVersion, event.data);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
