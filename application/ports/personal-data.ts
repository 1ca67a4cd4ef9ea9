import type { StoredEvent } from '../../events/envelope';

/**
 * The personal data of each person (a child, a volunteer) is sealed with a data key of their own. This port opens
 * stored events for readers that read them raw (the audit), and destroys a person's key when they are erased. The
 * event store seals and opens through the same keys on its own.
 */
export interface PersonalDataKeys {
  /**
   * The events with their personal fields opened: decrypted, or ERASED where the person's key was destroyed. Throws
   * PersonalDataUnreadable when a key is missing or does not open them; never returns ciphertext as a value.
   */
  open(events: readonly StoredEvent[]): Promise<StoredEvent[]>;
  /** Destroys the person's data key for good, after their erasure is on the record. Safe to repeat. */
  destroy(streamId: string, erasure: { eventId: string }): Promise<void>;
}

export type UnreadableProblem =
  /** No key is held for the person although their record has sealed fields. */
  | 'missing-key'
  /** The key held does not open the fields (another key, or the fields were tampered with). */
  | 'wrong-key'
  /** The person's key could not be unwrapped (the key-encryption key is not the one it was wrapped with). */
  | 'key-not-unwrapped'
  /** This part of the system is not allowed to read personal data (the notifier, the publisher). */
  | 'not-permitted';

const WHY: Record<UnreadableProblem, string> = {
  'missing-key': 'no data key is held for this person',
  'wrong-key': 'the data key held for this person does not open them',
  'key-not-unwrapped': "this person's data key cannot be unlocked with the system's key",
  'not-permitted': 'this part of the system may not read personal data',
};

/** A record's personal fields cannot be opened. Nothing is shown in their place, and nothing is written. */
export class PersonalDataUnreadable extends Error {
  /** Why, in words, for the person who sees the error. */
  readonly why: string;

  constructor(
    readonly streamId: string,
    readonly problem: UnreadableProblem,
    cause?: unknown,
  ) {
    super(`The personal details of ${streamId} cannot be read: ${WHY[problem]}.`, { cause });
    this.name = 'PersonalDataUnreadable';
    this.why = WHY[problem];
  }
}

/** New personal data for a person whose key is destroyed, or a store with no keys: refused, nothing written. */
export class PersonalDataNotWritable extends Error {
  constructor(
    readonly streamId: string,
    why: 'erased' | 'no-keys',
  ) {
    super(
      why === 'erased'
        ? `${streamId} has been erased: no personal data can be recorded on it.`
        : `this event store holds no data keys, so it cannot record personal data on ${streamId}.`,
    );
    this.name = 'PersonalDataNotWritable';
  }
}
