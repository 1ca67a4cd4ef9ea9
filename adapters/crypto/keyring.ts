import { randomBytes } from 'node:crypto';
import {
  type PersonalDataKeys,
  PersonalDataNotWritable,
  PersonalDataUnreadable,
} from '../../application/ports/personal-data';
import { type EventCatalog, InvalidEventError } from '../../events/catalog';
import type { StoredEvent } from '../../events/envelope';
import { isWithheld } from '../../events/personal-fields';
import { type DynamoDataKeys, isDestroyed } from '../dynamodb/data-keys';
import { type DataKey, isEnvelope, openValue, sealValue } from './field-cipher';
import { KeyCache } from './key-cache';
import type { KeyWrapper } from './key-wrapper';
import { additionalData, erasedCopy, type FieldsOf, holdsSealed, mapSealable } from './sealed-fields';

/** Seals the personal values of one stream's new events (synchronously, once the key is in hand). */
export type Sealer = <E extends FieldsOf>(event: E) => E;

/** What the event store needs to seal new events and open stored ones. */
export interface FieldSealing {
  sealerFor(streamId: string): Promise<Sealer>;
  open(events: readonly StoredEvent[]): Promise<StoredEvent[]>;
}

/**
 * A person's key as held in memory, with the values opened with it (by their sealed form, unique per value), so
 * re-reading a stream (the projector does after each event) does not decrypt every value again. The values live and
 * expire with the key, and go with it when it is destroyed.
 */
type Known = { state: 'active'; key: DataKey; opened: Map<string, unknown> } | { state: 'destroyed' };

/** At most this many opened values are kept per person: enough for any real record's personal fields. */
const OPENED_PER_PERSON = 500;

/** The erasure event: once it is on a stream, the stream reads as erased whatever any cache still holds. */
const ERASURE_TYPE = 'PersonalDataErased';

/**
 * Each person's data key: made on first use (by the wrapper: KMS in AWS, the local key file on one machine), stored
 * wrapped in the keys table, held unwrapped in a bounded cache with an expiry, and destroyed at erasure. It seals new
 * events for the event store and opens stored ones for every reader; it never hands out a key.
 */
export class PersonalDataKeyring implements PersonalDataKeys, FieldSealing {
  private readonly cache: KeyCache<Known>;

  constructor(
    private readonly options: {
      keys: DynamoDataKeys;
      wrapper: KeyWrapper;
      catalog: EventCatalog;
      cache?: KeyCache<Known>;
      now?: () => Date;
    },
  ) {
    this.cache = options.cache ?? new KeyCache<Known>();
  }

  /** The sealer for one stream's new events; makes the person's key on first use. `iv` only for seeded loads. */
  async sealerFor(streamId: string, iv?: () => Buffer): Promise<Sealer> {
    const known = await this.known(streamId, true);
    if (known?.state !== 'active') throw new PersonalDataNotWritable(streamId, 'erased');
    return sealerWith(this.options.catalog, known.key, iv);
  }

  /**
   * The sealers of many streams at once, for a bulk load: the keys not yet made are made together and stored up to
   * 100 in one write (one write per key was most of a first start's seed on DynamoDB Local on disk).
   */
  async sealersFor(streams: ReadonlyArray<{ streamId: string; iv?: () => Buffer }>): Promise<Sealer[]> {
    const { keys, wrapper } = this.options;
    const createdAt = this.now().toISOString();
    const made = await Promise.all(
      streams
        .filter(({ streamId }) => !this.cache.get(streamId))
        .map(async ({ streamId: subject }) => {
          const { plaintext, wrapped } = await wrapper.generate(subject);
          const keyId = randomBytes(6).toString('base64url');
          return {
            plaintext,
            stored: { subject, keyId, keeper: wrapper.keeper, wrappedKey: wrapped, createdAt },
          };
        }),
    );
    const kept = await keys.createAll(made.map((m) => m.stored));
    for (const m of made)
      if (kept.has(m.stored.subject)) this.remember(m.stored.subject, m.stored.keyId, m.plaintext);
    // A person who already had a key (or a tombstone) is read as sealerFor reads them.
    return Promise.all(streams.map(({ streamId, iv }) => this.sealerFor(streamId, iv)));
  }

  async open(events: readonly StoredEvent[]): Promise<StoredEvent[]> {
    const opened = new Map<StoredEvent, StoredEvent>();
    for (const streamId of new Set(events.map((e) => e.streamId))) {
      const stream = events.filter((e) => e.streamId === streamId);
      for (const [i, event] of (await this.openStream(streamId, stream)).entries())
        opened.set(stream[i]!, event);
    }
    return events.map((e) => opened.get(e)!);
  }

  async destroy(streamId: string, erasure: { eventId: string }): Promise<void> {
    const stored = await this.options.keys.get(streamId);
    await this.options.keys.destroy(streamId, {
      eventId: erasure.eventId,
      at: this.now(),
      keyId: stored?.keyId,
    });
    this.cache.set(streamId, { state: 'destroyed' });
  }

  private async openStream(streamId: string, events: StoredEvent[]): Promise<StoredEvent[]> {
    const { catalog } = this.options;
    if (!events.some((e) => holdsSealed(catalog, e))) return events;
    if (events.some((e) => e.type === ERASURE_TYPE)) return events.map((e) => erasedCopy(catalog, e));
    const known = await this.known(streamId, false);
    if (!known) throw new PersonalDataUnreadable(streamId, 'missing-key');
    if (known.state === 'destroyed') return events.map((e) => erasedCopy(catalog, e));
    const open = openerWith(catalog, known.key, known.opened);
    return events.map(open);
  }

  private async known(subject: string, create: boolean): Promise<Known | undefined> {
    const cached = this.cache.get(subject);
    if (cached) return cached;
    const { keys, wrapper } = this.options;
    let stored = await keys.get(subject);
    if (!stored) {
      if (!create) return undefined;
      const made = await wrapper.generate(subject);
      const keyId = randomBytes(6).toString('base64url');
      stored = await keys.create({
        subject,
        keyId,
        keeper: wrapper.keeper,
        wrappedKey: made.wrapped,
        createdAt: this.now().toISOString(),
      });
      if (!isDestroyed(stored) && stored.keyId === keyId)
        return this.remember(subject, keyId, made.plaintext);
    }
    if (isDestroyed(stored)) {
      this.cache.set(subject, { state: 'destroyed' });
      return { state: 'destroyed' };
    }
    if (stored.keeper !== wrapper.keeper) throw new PersonalDataUnreadable(subject, 'key-not-unwrapped');
    let plaintext: Buffer;
    try {
      plaintext = await wrapper.unwrap(subject, stored.wrappedKey);
    } catch (error) {
      throw new PersonalDataUnreadable(subject, 'key-not-unwrapped', error);
    }
    return this.remember(subject, stored.keyId, plaintext);
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  private remember(subject: string, keyId: string, key: Buffer): Known {
    const known: Known = { state: 'active', key: { keyId, key }, opened: new Map() };
    this.cache.set(subject, known);
    return known;
  }
}

/**
 * Seals with one key. Each value gets a fresh random IV; only the bulk loader gives IVs drawn from its seed, so a
 * generated history reloads identically (the same key, position and value always give the same bytes).
 */
export function sealerWith(
  catalog: EventCatalog,
  key: DataKey,
  iv: () => Buffer = () => randomBytes(12),
): Sealer {
  return (event) =>
    mapSealable(catalog, event, (value, field) =>
      isWithheld(value)
        ? refuse(event.type, field.path.join('.'))
        : sealValue(key, value, additionalData(event.streamId, event.type, field), iv()),
    );
}

/**
 * Opens with one key; a value it does not open is PersonalDataUnreadable ('wrong-key'), never passed on sealed.
 * `opened` remembers single values (not lists, which a reader could change) by their sealed form.
 */
export function openerWith(
  catalog: EventCatalog,
  key: DataKey,
  opened?: Map<string, unknown>,
): <E extends FieldsOf>(event: E) => E {
  return (event) =>
    mapSealable(catalog, event, (value, field) => {
      if (!isEnvelope(value)) return value;
      const aad = additionalData(event.streamId, event.type, field);
      // By where it sits as well as its sealed form, so a sealed value moved elsewhere is checked afresh.
      const seen = `${aad}\n${value}`;
      if (opened?.has(seen)) return opened.get(seen);
      let plain: unknown;
      try {
        plain = openValue(key, value, aad);
      } catch (error) {
        throw new PersonalDataUnreadable(event.streamId, 'wrong-key', error);
      }
      if (opened && opened.size < OPENED_PER_PERSON && typeof plain !== 'object') opened.set(seen, plain);
      return plain;
    });
}

function refuse(type: string, path: string): never {
  throw new InvalidEventError(type, [
    { path, message: 'must not be the mark of an erased or withheld field' },
  ]);
}
