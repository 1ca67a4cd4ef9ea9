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
  const open = async (item: StoredItem): Promise<StoredItem['opened']> => {
    try {
      const [event] = await keys.open([item.event]);
      return { event: withhold(event!) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };
  return {
    head: (streamId) => reader.head(streamId),
    streams: (options) => reader.streams(options),
    async *items(streamId, options) {
      for await (const item of reader.items(streamId, options)) yield { ...item, opened: await open(item) };
    },
  };
}

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
