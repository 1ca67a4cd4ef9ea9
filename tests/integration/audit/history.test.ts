import { describe, expect, it } from 'vitest';
import { anchorHeads } from '../../../application/audit/anchor';
import { decodeCursor, readHistory } from '../../../application/audit/history';
import type { StoredEventReader } from '../../../application/ports/stored-events';
import { GENESIS_HASH } from '../../../events/envelope';
import { hashEvent } from '../../../events/hash';
import { auditReader, deleteRaw, putRaw, rawItem, streamOf } from '../../support/audit';
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

  it('verifies each next page on from the hash its cursor carries, reading only that page', async () => {
    const streamId = await streamOf(7);
    const read: number[] = [];
    const counting: StoredEventReader = {
      ...reader,
      async *items(id, options) {
        for await (const item of reader.items(id, options)) {
          read.push(item.event.version);
          yield item;
        }
      },
    };
    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await readHistory({ reader: counting, catalog: testCatalog, streamId, limit: 3, cursor });
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor);
    // Each page reads its own versions and the first of the next page, never the versions before it again.
    expect(read).toEqual([1, 2, 3, 4, 4, 5, 6, 7, 7]);
    expect(
      pages.map((p) => [p.verification.intact, p.verification.events, p.verification.head?.version]),
    ).toEqual([
      [true, 3, 3],
      [true, 6, 6],
      [true, 7, 7],
    ]);
  });

  it('finds a break on a later page, and keeps distrusting every page after a break', async () => {
    const streamId = await streamOf(7);
    await putRaw({ ...(await rawItem(streamId, 5)), data: { by: 50 } });
    const first = await history(streamId, { limit: 3 });
    expect(first.verification.intact).toBe(true);
    const second = await history(streamId, { limit: 3, cursor: first.nextCursor });
    expect(second.entries.map((e) => [e.version, e.chain])).toEqual([
      [4, 'intact'],
      [5, 'broken'],
      [6, 'after-break'],
    ]);
    const third = await history(streamId, { limit: 3, cursor: second.nextCursor });
    expect(third.entries.map((e) => [e.version, e.chain])).toEqual([[7, 'after-break']]);
    expect(third.verification).toMatchObject({
      intact: false,
      firstBroken: { version: 5, problem: 'hash-mismatch' },
    });
  });

  it('catches an event replaced between two pages: the next page must follow on from the last hash shown', async () => {
    const streamId = await streamOf(6);
    const first = await history(streamId, { limit: 3 });
    // Versions 4 onwards rewritten and re-chained onto a different version 3 hash.
    let prev = 'f'.repeat(64);
    for (const version of [4, 5, 6]) {
      const { hash: _, ...item } = await rawItem(streamId, version);
      const changed = { ...item, prevHash: prev };
      prev = hashEvent(changed as never);
      await putRaw({ ...changed, hash: prev });
    }
    const second = await history(streamId, { limit: 3, cursor: first.nextCursor });
    expect(second.verification).toMatchObject({
      intact: false,
      firstBroken: { version: 4, problem: 'prev-hash-mismatch' },
    });
  });

  it('reports a deleted newest event from the first page of an anchored stream', async () => {
    const streamId = await streamOf(5);
    const anchor = await anchorHeads(reader, new Date('2026-04-01T06:00:00.000Z'));
    expect((await history(streamId, { limit: 2, anchor })).verification.intact).toBe(true);
    await deleteRaw(streamId, 5);
    const first = await history(streamId, { limit: 2, anchor });
    expect(first.verification).toMatchObject({
      intact: false,
      firstBroken: { version: 5, problem: 'missing-tail' },
    });
    let last = first;
    while (last.nextCursor) last = await history(streamId, { limit: 2, anchor, cursor: last.nextCursor });
    expect(last.verification).toMatchObject({
      intact: false,
      firstBroken: { version: 5, problem: 'missing-tail' },
    });
  });
});
