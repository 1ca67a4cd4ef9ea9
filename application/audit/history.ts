import type { EventCatalog } from '../../events/catalog';
import type { Actor } from '../../events/envelope';
import { canonicalJson } from '../../events/hash';
import type { StoredEventReader, StoredItem } from '../ports/stored-events';
import type { Anchor, AnchoredHead } from './anchor';
import { concealed, readableEvent } from './opening';
import {
  anchoredHeadOf,
  anchorMismatch,
  type ChainBreak,
  ChainChecker,
  type ChainProgress,
  type ChainStatus,
  type StreamVerification,
} from './verify';

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
  /**
   * The chain from version 1 to this page's last entry, verified over this page and the pages before it (their
   * progress carried in the cursor), with the anchored head checked; `events` counts the versions verified.
   */
  verification: StreamVerification;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/**
 * A cursor names the next version to show and carries the chain's progress up to it (the last verified hash, any
 * break found), so the next page verifies on from there without reading the stream again. Opaque to callers. A
 * cursor made up by hand can only change what its own reader is told about the versions before it; every version
 * on the page is still checked against the hash the cursor carries.
 */
export const encodeCursor = (progress: ChainProgress): string =>
  Buffer.from(JSON.stringify(progress)).toString('base64url');
export function decodeCursor(cursor: string): ChainProgress {
  let progress: Partial<ChainProgress> | undefined;
  try {
    progress = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    progress = undefined;
  }
  const { version, prevHash, events } = progress ?? {};
  if (
    !Number.isSafeInteger(version) ||
    version! < 1 ||
    typeof prevHash !== 'string' ||
    !Number.isSafeInteger(events) ||
    events! < 0
  )
    throw new RangeError('the cursor is not one this history returned');
  return progress as ChainProgress;
}

/**
 * A page of a stream's full history, its chain verified from version 1 to the page's end: the first page reads from
 * version 1 (or from `fromVersion`, checking the versions before it unshown), each next page only its own versions,
 * chained onto the hash its cursor carries. One query per page (two on the last page of an anchored stream), so no
 * page is shown without saying whether everything up to it can be trusted. An anchored version further on is
 * looked up on its own, so a deleted tail or a re-hashed stream is reported from the first page.
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
  const resumed = options.cursor ? decodeCursor(options.cursor) : undefined;
  const from = Math.max(options.fromVersion ?? 1, resumed?.version ?? 1);
  const anchored = anchoredHeadOf(options.anchor, streamId);
  const checker = new ChainChecker(streamId, anchored, resumed);
  const readFrom = resumed?.version ?? 1;
  const entries: HistoryEntry[] = [];
  let la: string | undefined;
  let more = false;
  // The versions before `from` (checked, not shown), the page, and one more to tell whether another page follows.
  for await (const item of reader.items(streamId, {
    fromVersion: readFrom,
    toVersion: options.toVersion,
    limit: Math.max(0, from - readFrom) + limit + 1,
  })) {
    const { version } = item.event;
    if (entries.length === limit) {
      more = true;
      break;
    }
    la ??= item.event.la;
    const chain = checker.check(item);
    if (version >= from) entries.push(toEntry(item, chain, catalog));
  }
  const complete = !more && options.toVersion === undefined;
  const progress = checker.progress();
  const anchorProblem =
    anchored && !complete && anchored.version >= progress.version
      ? await anchoredVersionProblem(reader, streamId, anchored)
      : undefined;
  return {
    streamId,
    la: la ?? (await firstLa(reader, streamId)),
    entries,
    nextCursor: more ? encodeCursor(progress) : undefined,
    verification: checker.result({ complete, anchorProblem }),
  };
}

/** The anchored version read on its own: still there, with the anchored hash, or why not. */
async function anchoredVersionProblem(
  reader: StoredEventReader,
  streamId: string,
  anchored: AnchoredHead & { anchoredAt: string },
): Promise<ChainBreak | undefined> {
  for await (const { event } of reader.items(streamId, { fromVersion: anchored.version, limit: 1 })) {
    if (event.version !== anchored.version)
      return {
        version: anchored.version,
        problem: 'version-gap',
        detail: `version ${anchored.version}, anchored at ${anchored.anchoredAt}, is missing`,
      };
    return event.hash === anchored.hash ? undefined : anchorMismatch(anchored);
  }
  return {
    version: anchored.version,
    problem: 'missing-tail',
    detail: `the stream ends before version ${anchored.version}, which was anchored at ${anchored.anchoredAt}`,
  };
}

/** A page past the end of a stream still names its LA (what the access log records), from version 1. */
async function firstLa(reader: StoredEventReader, streamId: string): Promise<string | undefined> {
  for await (const { event } of reader.items(streamId, { limit: 1 })) return event.la;
  return undefined;
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
