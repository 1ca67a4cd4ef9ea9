import type { StoredEvent } from '../../events/envelope';

/**
 * An event item exactly as DynamoDB holds it. The audit reads items raw, never through the event store, because
 * the store validates and upcasts on read and would refuse (or hide) exactly the items an auditor needs to see.
 */
export interface StoredItem {
  event: StoredEvent;
  /** The index attribute, present on version 1 only; not part of the hash, so it is checked on its own. */
  streamLa?: unknown;
  /** Attributes no writer of this system puts on an event item. */
  unexpectedAttributes: string[];
  /**
   * The event with its personal fields opened (decrypted, or erased), when the reader may open them, or why they
   * could not be. The hash is always checked on `event`, the sealed form.
   */
  opened?: { event: StoredEvent } | { error: string };
}

export interface HeadItem {
  streamId: string;
  version: number;
  hash: string;
}

/**
 * Read-only access to the stored events, exactly as they are held: the audit reads through this, never through the
 * event store, which validates and upcasts. It has no method that writes.
 */
export interface StoredEventReader {
  /** The items of one stream in version order, page by page, in bounded memory; at most `limit` items if given. */
  items(
    streamId: string,
    options?: { fromVersion?: number; toVersion?: number; limit?: number },
  ): AsyncIterable<StoredItem>;
  /** The newest item's version and hash, or undefined for a stream with no events. */
  head(streamId: string): Promise<HeadItem | undefined>;
  /** Every stream, or one local authority's. */
  streams(options?: { la?: string }): AsyncIterable<{ streamId: string; la: string }>;
}
