import { describe, expect, it } from 'vitest';
import { verifyAllStreams, verifyStream } from '../../../application/audit/verify';
import { auditReader, deleteRaw, putRaw, rawItem, streamOf } from '../../support/audit';

const reader = auditReader();
const EVENTS = 4;

type Item = Record<string, unknown>;
type Meta = Record<string, unknown> & { actor: Record<string, unknown> };
const meta = (item: Item) => item.metadata as Meta;

/**
 * Every stored field of an event, each changed the way someone with table access might: a plausible value, not
 * garbage. Each case names the version it tampers with, spread over first, middle and newest.
 */
const tampering: Array<{ field: string; version: number; change: (item: Item) => Item }> = [
  { field: 'data', version: 2, change: (i) => ({ ...i, data: { by: 99 } }) },
  {
    field: 'data (a member added)',
    version: 4,
    change: (i) => ({ ...i, data: { ...(i.data as Item), x: 1 } }),
  },
  { field: 'type', version: 3, change: (i) => ({ ...i, type: 'NoteRecorded' }) },
  { field: 'schemaVersion', version: 1, change: (i) => ({ ...i, schemaVersion: 2 }) },
  { field: 'schemaVersion (as a string)', version: 2, change: (i) => ({ ...i, schemaVersion: '1' }) },
  { field: 'la', version: 3, change: (i) => ({ ...i, la: 'W06000001' }) },
  { field: 'prevHash', version: 2, change: (i) => ({ ...i, prevHash: 'a'.repeat(64) }) },
  { field: 'prevHash (of version 1)', version: 1, change: (i) => ({ ...i, prevHash: 'b'.repeat(64) }) },
  { field: 'hash', version: 3, change: (i) => ({ ...i, hash: 'c'.repeat(64) }) },
  { field: 'hash (of the newest)', version: 4, change: (i) => ({ ...i, hash: 'd'.repeat(64) }) },
  ...(
    ['eventId', 'occurredAt', 'recordedAt', 'reason', 'correlationId', 'causationId', 'commandId'] as const
  ).map((name, n) => ({
    field: `metadata.${name}`,
    version: (n % EVENTS) + 1,
    change: (i: Item) => ({
      ...i,
      metadata: {
        ...meta(i),
        [name]: name.endsWith('At')
          ? '2020-01-01T00:00:00.000Z'
          : name === 'eventId'
            ? '01ARZ3NDEKTSV4RRFFQ69G5FAV'
            : 'x',
      },
    }),
  })),
  ...(['id', 'role', 'la'] as const).map((name, n) => ({
    field: `metadata.actor.${name}`,
    version: n + 2,
    change: (i: Item) => ({
      ...i,
      metadata: { ...meta(i), actor: { ...meta(i).actor, [name]: name === 'role' ? 'admin' : 'W06000002' } },
    }),
  })),
  {
    field: 'metadata.reason (removed)',
    version: 2,
    change: (i) => ({ ...i, metadata: { ...meta(i), reason: undefined } }),
  },
  { field: 'streamLa (the index attribute)', version: 1, change: (i) => ({ ...i, streamLa: 'W06000001' }) },
  { field: 'streamLa (put on a later version)', version: 3, change: (i) => ({ ...i, streamLa: i.la }) },
  { field: 'an attribute added', version: 2, change: (i) => ({ ...i, approvedBy: 'someone' }) },
];

describe('tamper evidence: changing any stored field of any event directly in DynamoDB', () => {
  it.each(tampering)(
    'detects a changed $field at version $version, naming it the first broken version',
    async ({ version, change }) => {
      const streamId = await streamOf(EVENTS);
      expect(await verifyStream(reader, streamId)).toMatchObject({ intact: true, events: EVENTS });

      await putRaw(change(await rawItem(streamId, version)));

      const result = await verifyStream(reader, streamId);
      expect(result.intact).toBe(false);
      expect(result.firstBroken?.version).toBe(version);
    },
  );

  it('detects an event moved to another version, or deleted from the middle, as a gap at that version', async () => {
    const moved = await streamOf(EVENTS);
    const item = await rawItem(moved, 2);
    await deleteRaw(moved, 2);
    await putRaw({ ...item, version: 9 });
    expect((await verifyStream(reader, moved)).firstBroken).toMatchObject({
      version: 2,
      problem: 'version-gap',
    });

    const deleted = await streamOf(EVENTS);
    await deleteRaw(deleted, 1);
    expect((await verifyStream(reader, deleted)).firstBroken).toMatchObject({
      version: 1,
      problem: 'version-gap',
    });
  });

  it('cannot see a deleted newest event from the chain alone (the anchor catches that)', async () => {
    const streamId = await streamOf(3);
    await deleteRaw(streamId, 3);
    expect(await verifyStream(reader, streamId)).toMatchObject({ intact: true, events: 2 });
  });
});

describe('verifying every stream', () => {
  it('reports each broken stream once, with its first broken version, and counts the intact ones', async () => {
    const la = `E0${String(Date.now()).slice(-7)}`;
    const intact = [await streamOf(2, { la }), await streamOf(5, { la })];
    const brokenAt3 = await streamOf(5, { la });
    const brokenAt1 = await streamOf(2, { la });
    await putRaw({ ...(await rawItem(brokenAt3, 3)), data: { by: 1000 } });
    await putRaw({ ...(await rawItem(brokenAt3, 4)), data: { by: 1000 } });
    await putRaw({ ...(await rawItem(brokenAt1, 1)), la: 'W06000009' });

    const seen: string[] = [];
    const report = await verifyAllStreams(reader, { la, onStream: (r) => seen.push(r.streamId) });
    expect(report).toMatchObject({ streams: 4, events: 14, intact: 2 });
    expect(report.broken.map((b) => [b.streamId, b.firstBroken?.version])).toEqual(
      [
        [brokenAt3, 3],
        [brokenAt1, 1],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(seen.sort()).toEqual([...intact, brokenAt3, brokenAt1].sort());

    // The same streams are found by scanning the whole index, among every other stream in the table.
    const everything = await verifyAllStreams(reader, { concurrency: 3 });
    const broken = new Map(everything.broken.map((b) => [b.streamId, b.firstBroken?.version]));
    expect(broken.get(brokenAt3)).toBe(3);
    expect(broken.get(brokenAt1)).toBe(1);
    for (const streamId of intact) expect(broken.has(streamId)).toBe(false);
    expect(everything.streams).toBeGreaterThanOrEqual(4);
  });
});
