import type { EventCatalog } from '../../events/catalog';
import type { StoredEvent } from '../../events/envelope';
import { isSealed, mapPersonal, SEALED } from '../../events/personal-fields';
import type { PersonalDataKeys } from '../ports/personal-data';
import type { StoredEventReader, StoredItem } from '../ports/stored-events';

/**
 * The audit reads items raw (to check every hash on the sealed form) and opens each one's personal fields beside
 * it, so the history, the replay and the export read what the rest of the system reads. A field that cannot be
 * opened is never shown sealed as if it were a value: the item says why instead.
 */
export function openingReader(
  reader: StoredEventReader,
  keys: PersonalDataKeys | undefined,
  /** What the viewer may not see, withheld from the opened event (special category, by role). */
  withhold: (event: StoredEvent) => StoredEvent = (event) => event,
): StoredEventReader {
  if (!keys) return reader;
  const openOne = async (item: StoredItem): Promise<StoredItem['opened']> => {
    try {
      const [event] = await keys.open([item.event]);
      return { event: withhold(event!) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };
  // Opened a batch at a time (one key look-up for the lot); a batch that cannot be opened whole is opened item by
  // item, so each item says why it could not be.
  const openBatch = async (batch: StoredItem[]): Promise<StoredItem[]> => {
    try {
      const events = await keys.open(batch.map((item) => item.event));
      return batch.map((item, i) => ({ ...item, opened: { event: withhold(events[i]!) } }));
    } catch {
      return Promise.all(batch.map(async (item) => ({ ...item, opened: await openOne(item) })));
    }
  };
  return {
    head: (streamId) => reader.head(streamId),
    streams: (options) => reader.streams(options),
    async *items(streamId, options) {
      let batch: StoredItem[] = [];
      for await (const item of reader.items(streamId, options)) {
        batch.push(item);
        if (batch.length < OPEN_BATCH) continue;
        yield* await openBatch(batch);
        batch = [];
      }
      if (batch.length > 0) yield* await openBatch(batch);
    },
  };
}

/** Items opened together: bounded, so a long stream is still read in bounded memory. */
const OPEN_BATCH = 100;

/** The event to read (opened when it could be); throws with the reason when its personal fields could not be. */
export function readableEvent(item: StoredItem): StoredEvent {
  if (item.opened && 'error' in item.opened) throw new Error(item.opened.error);
  return item.opened?.event ?? item.event;
}

/** The event's data as stored, each sealed value shown as SEALED: an auditor sees where, never the ciphertext. */
export function concealed(catalog: EventCatalog, event: StoredEvent): { data: unknown; reason?: string } {
  const hide = (value: unknown) => (isSealed(value) ? SEALED : value);
  let fields: ReturnType<EventCatalog['personalFields']> = [];
  try {
    fields = catalog.personalFields(event.type, event.schemaVersion);
  } catch {
    // An unknown type or version: nothing is declared personal in it, and the history says it cannot be read.
  }
  const reason = event.metadata?.reason;
  return {
    data: mapPersonal(event.data, fields, hide),
    reason: reason === undefined ? undefined : (hide(reason) as string),
  };
}
