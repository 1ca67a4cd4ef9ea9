import type { CommandInfo, NewEvent, StreamHead } from '../../application/ports/event-store';
import { PersonalDataNotWritable } from '../../application/ports/personal-data';
import type { EventCatalog } from '../../events/catalog';
import { EventMetadata, type StoredEvent } from '../../events/envelope';
import { hashEvent } from '../../events/hash';
import { StreamId } from '../../events/stream-id';
import type { Sealer } from '../crypto/keyring';
import { holdsPersonalData } from '../crypto/sealed-fields';
import { EventsTableKeys } from './layout';

/**
 * Turns new events into stored ones exactly as the store writes them: validated against the catalog, numbered
 * after the head, stamped with metadata, their personal fields sealed with the person's key, and chained by hash
 * over the sealed form (so the chain still verifies once the key is destroyed). Pure (the event ids, the time and
 * the sealer come in), so the store's append and the bulk loader seal events in one way and write the same chains.
 * Without a sealer, an event holding personal data is refused.
 */
export function sealEvents(input: {
  catalog: EventCatalog;
  streamId: string;
  la: string;
  head: StreamHead;
  events: readonly NewEvent[];
  command: CommandInfo;
  recordedAt: Date;
  nextEventId: (time: number) => string;
  seal?: Sealer;
}): StoredEvent[] {
  const { catalog, streamId, la, head, command, recordedAt } = input;
  StreamId.parse(streamId);
  let prevHash = head.hash;
  return input.events.map((event, i) => {
    const schemaVersion = event.schemaVersion ?? catalog.currentVersion(event.type);
    const metadata = EventMetadata.parse({
      eventId: input.nextEventId(recordedAt.getTime()),
      occurredAt: event.occurredAt ?? recordedAt.toISOString(),
      recordedAt: recordedAt.toISOString(),
      actor: command.actor,
      reason: command.reason,
      correlationId: command.correlationId ?? command.commandId,
      causationId: command.causationId ?? command.commandId,
      commandId: command.commandId,
    });
    const unhashed = {
      streamId,
      version: head.version + i + 1,
      la,
      type: event.type,
      schemaVersion,
      data: catalog.parseForWrite(event.type, schemaVersion, event.data),
      metadata,
      prevHash,
    };
    if (!input.seal && holdsPersonalData(catalog, unhashed, metadata.reason))
      throw new PersonalDataNotWritable(streamId, 'no-keys');
    const sealed = input.seal ? input.seal(unhashed) : unhashed;
    const stored = { ...sealed, hash: hashEvent(sealed) };
    prevHash = stored.hash;
    return stored;
  });
}

/** The item a stored event is written as: version 1 also carries the LA, so the sparse index lists each stream once. */
export const toItem = (event: StoredEvent): Record<string, unknown> => ({
  ...event,
  ...(event.version === 1 ? { [EventsTableKeys.streamLa]: event.la } : {}),
});
