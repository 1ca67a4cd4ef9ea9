import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileAnchorStore } from '../../../adapters/files/anchor-store';
import { verifyAllAccessLogs } from '../../../application/audit/access-chain';

import { anchorHeads } from '../../../application/audit/anchor';
import { verifyAllStreams, verifyStream } from '../../../application/audit/verify';
import { hashEvent } from '../../../events/hash';
import {
  auditReader,
  deleteRaw,
  deleteRawView,
  putRaw,
  rawItem,
  streamOf,
  testAccessLog,
} from '../../support/audit';
import { TEST_LA } from '../../support/store';

const reader = auditReader();
const folders: string[] = [];
async function anchorStore() {
  const folder = await mkdtemp(join(tmpdir(), 'anchors-'));
  folders.push(folder);
  return new FileAnchorStore(folder);
}
afterAll(() => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));

describe('anchoring chain heads outside the table', () => {
  it('detects a deleted newest event, which the chain alone cannot see', async () => {
    const streamId = await streamOf(3);
    const anchors = await anchorStore();
    await anchors.put(await anchorHeads(reader, new Date('2026-04-01T02:00:00.000Z')));
    const anchor = await anchors.latest();
    expect(anchor?.heads[streamId]).toMatchObject({ version: 3, la: TEST_LA });
    expect(await verifyStream(reader, streamId, { anchor })).toMatchObject({ intact: true });

    await deleteRaw(streamId, 3);

    expect(await verifyStream(reader, streamId)).toMatchObject({ intact: true, events: 2 });
    expect(await verifyStream(reader, streamId, { anchor })).toMatchObject({
      intact: false,
      firstBroken: { version: 3, problem: 'missing-tail' },
    });
  });

  it('accepts events appended after the anchor, and detects a stream rewritten and re-hashed', async () => {
    const grown = await streamOf(2);
    const rewritten = await streamOf(3);
    const anchor = await anchorHeads(reader, new Date('2026-04-01T03:00:00.000Z'));
    await streamOf(2, { streamId: grown, after: 2 });
    expect((await verifyStream(reader, grown)).head?.version).toBe(4);
    expect((await verifyStream(reader, grown, { anchor })).intact).toBe(true);

    // Someone who knows the hashing rewrites version 2 and re-chains everything after it.
    let prev = (await rawItem(rewritten, 1)).hash as string;
    for (const version of [2, 3]) {
      const { hash: _, ...item } = await rawItem(rewritten, version);
      const changed = { ...item, prevHash: prev, data: version === 2 ? { by: 500 } : item.data };
      const hash = hashEvent(changed as never);
      await putRaw({ ...changed, hash });
      prev = hash;
    }
    expect((await verifyStream(reader, rewritten)).intact).toBe(true);
    expect(await verifyStream(reader, rewritten, { anchor })).toMatchObject({
      intact: false,
      firstBroken: { version: 3, problem: 'anchor-mismatch' },
    });
  });

  it('finds a stream that vanished from the table entirely when verifying every stream', async () => {
    const la = `W0${String(Date.now()).slice(-7)}`;
    const gone = await streamOf(2, { la });
    const kept = await streamOf(1, { la });
    const anchor = await anchorHeads(reader, new Date('2026-04-01T04:00:00.000Z'));
    await deleteRaw(gone, 2);
    await deleteRaw(gone, 1);
    const report = await verifyAllStreams(reader, { anchor, la });
    expect(report.broken.map((b) => [b.streamId, b.firstBroken?.version, b.firstBroken?.problem])).toEqual([
      [gone, 1, 'missing-tail'],
    ]);
    expect(report.streams).toBe(2);
    expect(report.broken.some((b) => b.streamId === kept)).toBe(false);
  });

  it('detects deleted newest views in the access log against the anchor', async () => {
    const log = testAccessLog();
    const child = `child#anchored-${Date.now()}`;
    for (const what of ['history', 'export', 'history'])
      await log.recordView({
        recordId: child,
        la: TEST_LA,
        viewer: { id: 'user-auditor-1', role: 'auditor', la: TEST_LA },
        what,
        channel: 'cli',
      });
    const anchor = await anchorHeads(reader, new Date('2026-04-01T05:00:00.000Z'), log);
    expect(anchor.accessHeads?.[child]).toMatchObject({ seq: 3 });
    await deleteRawView(child, 3);
    expect(await log.verify(child)).toMatchObject({ intact: true });
    expect(await log.verify(child, { anchor })).toMatchObject({
      intact: false,
      firstBroken: { seq: 3, problem: 'missing-tail' },
    });
    const report = await verifyAllAccessLogs(log, { anchor });
    expect(report.broken.map((b) => b.recordId)).toContain(child);
  });

  it('keeps every anchor and returns the newest as the latest', async () => {
    const anchors = await anchorStore();
    expect(await anchors.latest()).toBeUndefined();
    for (const at of ['2026-04-01T01:00:00.000Z', '2026-04-03T01:00:00.000Z', '2026-04-02T01:00:00.000Z'])
      await anchors.put({ anchoredAt: at, streams: 0, heads: {} });
    expect((await anchors.latest())?.anchoredAt).toBe('2026-04-03T01:00:00.000Z');
    await expect(
      anchors.put({ anchoredAt: '2026-04-02T01:00:00.000Z', streams: 0, heads: {} }),
    ).rejects.toThrow(/EEXIST/);
  });
});
