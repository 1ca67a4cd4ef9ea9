import { PersonalDataNotWritable, PersonalDataUnreadable } from '../../application/ports/personal-data';
import type { EventCatalog } from '../../events/catalog';
import type { StoredEvent } from '../../events/envelope';
import { streamKind } from '../../events/stream-id';
import type { FieldSealing } from './keyring';
import { holdsSealed } from './sealed-fields';

/**
 * A keyring that opens volunteers' sealed fields and no one else's, and seals nothing: the notifier's, which needs a
 * visitor's email address or phone number and must never read a child's record. In AWS its role may unwrap only keys
 * whose encryption context names a volunteer (record-access.ts); this says the same in code, so a local run refuses
 * exactly what AWS would. A child's event with nothing sealed in it (a reminder, a match) reads as it is.
 */
export function volunteersOnly(keyring: FieldSealing, catalog: EventCatalog): FieldSealing {
  return {
    sealerFor: async (streamId) => {
      throw new PersonalDataNotWritable(streamId, 'no-keys');
    },
    async open(events: readonly StoredEvent[]): Promise<StoredEvent[]> {
      const theirs = events.filter((e) => streamKind(e.streamId) === 'volunteer');
      const opened = new Map((await keyring.open(theirs)).map((event, i) => [theirs[i]!, event] as const));
      return events.map((e) => {
        const open = opened.get(e);
        if (open) return open;
        if (holdsSealed(catalog, e)) throw new PersonalDataUnreadable(e.streamId, 'not-permitted');
        return e;
      });
    },
  };
}
