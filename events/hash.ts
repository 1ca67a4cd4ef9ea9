import { createHash } from 'node:crypto';
import { GENESIS_HASH, type StoredEvent } from './envelope';

/**
 * A canonical JSON encoding: object keys sorted, no whitespace, undefined members dropped.
 * The same event always encodes to the same bytes, however it was built or read back.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new Error('cannot encode a non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/**
 * The hash of one link of a chain: SHA-256 over the canonical encoding of its fields, which include the previous
 * link's hash. Events and the access log are both chained with it.
 */
export const chainHash = (fields: Record<string, unknown>): string =>
  createHash('sha256').update(canonicalJson(fields)).digest('hex');

export type HashedFields = Omit<StoredEvent, 'hash'>;

/** An event's link: every stored field but its own hash (named, so an extra attribute never slips in). */
export function hashEvent(event: HashedFields): string {
  const { streamId, version, la, type, schemaVersion, data, metadata, prevHash } = event;
  return chainHash({ streamId, version, la, type, schemaVersion, data, metadata, prevHash });
}

export interface ChainBreak {
  version: number;
  problem: 'hash-mismatch' | 'prev-hash-mismatch' | 'version-gap';
}

/** Checks a whole stream, in version order from 1; returns the first broken version, or undefined if intact. */
export function verifyChain(events: readonly StoredEvent[]): ChainBreak | undefined {
  let prevHash = GENESIS_HASH;
  let expectedVersion = 1;
  for (const event of events) {
    if (event.version !== expectedVersion) return { version: expectedVersion, problem: 'version-gap' };
    if (event.prevHash !== prevHash) return { version: event.version, problem: 'prev-hash-mismatch' };
    if (hashEvent(event) !== event.hash) return { version: event.version, problem: 'hash-mismatch' };
    prevHash = event.hash;
    expectedVersion++;
  }
  return undefined;
}
