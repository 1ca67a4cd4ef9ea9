import { describe, expect, it } from 'vitest';
import { decodeCursor, readHistory } from '../../../application/audit/history';
import { GENESIS_HASH } from '../../../events/envelope';
import { hashEvent } from '../../../events/hash';
import { auditReader, putRaw, rawItem, streamOf } from '../../support/audit';
import { coordinator, newChildStream, TEST_LA } from '../../support/store';
import { testCatalog } from '../../support/test-catalog';

const reader = auditReader();
const history = (streamId: string, options: Partial<Parameters<typeof readHistory>[0]> = {}) =>
  readHistory({ reader, catalog: testCatalog, streamId, ...options });

describe('the full history of a stream', () => {
  it('shows every event with who, in which role, when it happened, when recorded, why and what caused it', async () => {
    const streamId = await streamOf(3);
    const page = await history(streamId);
    expect(page.la).toBe(TEST_LA);
    expect(page.nextCursor).toBeUndefined();
    expect(page.verification).toMatchObject({ intact: true, events: 3, head: { version: 3 } });
    expect(page.entries.map((e) => [e.version, e.type, e.reason, e.chain])).toEqual([
      [1, 'CounterIncremented', 'step 1', 'intact'],
      [2, 'CounterIncremented', 'step 2', 'intact'],
      [3, 'CounterIncremented', 'step 3', 'intact'],
    ]);
    const [first] = page.entries;
    expect(first).toMatchObject({
      actor: coordinator,
      correlationId: 'corr-0',
      stored: { type: 'CounterIncremented', schemaVersion: 1, data: { by: 1 } },
      upcast: { schemaVersion: 1, data: { by: 1 } },
      prevHash: GENESIS_HASH,
    });
    expect(first!.causationId).toBe(first!.commandId);
    expect(Date.parse(first!.occurredAt!)).not.toBeNaN();
    expect(Date.parse(first!.recordedAt!)).not.toBeNaN();
  });

  it('pages through a stream by version with a cursor, and within a version range', async () => {
    const streamId = await streamOf(7);
    const versions: number[][] = [];
    let cursor: string | undefined;
    do {
      const page = await history(streamId, { limit: 3, cursor });
      versions.push(page.entries.map((e) => e.version));
      cursor = page.nextCursor;
    } while (cursor);
    expect(versions).toEqual([[1, 2, 3], [4, 5, 6], [7]]);

    const range = await history(streamId, { fromVersion: 3, toVersion: 5 });
    expect(range.entries.map((e) => e.version)).toEqual([3, 4, 5]);
    expect(range.nextCursor).toBeUndefined();
    expect(() => decodeCursor('not-a-cursor')).toThrow(RangeError);
  });

  it('shows an event written under an old schema version both as stored and as upcast', async () => {
    const streamId = newChildStream();
    const old = {
      streamId,
      version: 1,
      la: TEST_LA,
      type: 'NoteRecorded',
      schemaVersion: 1,
      data: { text: 'written under version 1' },
      metadata: {
        eventId: '01JH0000000000000000000000',
        occurredAt: '2024-01-01T00:00:00.000Z',
        recordedAt: '2024-01-02T00:00:00.000Z',
        actor: coordinator,
        correlationId: 'c',
        causationId: 'c',
        commandId: 'c',
      },
      prevHash: GENESIS_HASH,
    };
    await putRaw({ ...old, hash: hashEvent(old), streamLa: TEST_LA });
    const [entry] = (await history(streamId)).entries;
    expect(entry).toMatchObject({
      stored: { schemaVersion: 1, data: { text: 'written under version 1' } },
      upcast: { schemaVersion: 2, data: { text: 'written under version 1', pages: 0 } },
      chain: 'intact',
    });
  });

  it('verifies the chain on every read: marks the first broken event and distrusts the ones after it', async () => {
    const streamId = await streamOf(4);
    await putRaw({ ...(await rawItem(streamId, 2)), type: 'NoSuchEvent' });
    const page = await history(streamId, { fromVersion: 2, limit: 2 });
    expect(page.verification).toMatchObject({ intact: false, firstBroken: { version: 2 } });
    expect(page.entries.map((e) => [e.version, e.chain])).toEqual([
      [2, 'broken'],
      [3, 'after-break'],
    ]);
    expect(page.entries[0]!.upcast).toEqual({
      error: expect.stringMatching(/unknown event type NoSuchEvent/),
    });
    expect(page.nextCursor).toBeDefined();
  });
});
