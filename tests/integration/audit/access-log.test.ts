import { describe, expect, it } from 'vitest';
import type { View } from '../../../application/ports/access-log';

import type { Actor } from '../../../events/envelope';
import { deleteRawView, putRawView, rawView, testAccessLog } from '../../support/audit';
import { coordinator, newChildStream, TEST_LA } from '../../support/store';

const auditor: Actor = { id: 'user-auditor-7', role: 'auditor', la: TEST_LA };
const viewOf = (recordId: string, overrides: Partial<View> = {}): View => ({
  recordId,
  la: TEST_LA,
  viewer: auditor,
  what: 'history',
  channel: 'ui',
  ...overrides,
});

describe('the access log', () => {
  it('records who viewed a child, when, what and how, and lists the views oldest first', async () => {
    let clock = Date.parse('2026-03-02T09:00:00.000Z');
    const log = testAccessLog(() => new Date(clock));
    const child = newChildStream();
    await log.recordView(viewOf(child, { what: 'history v1-12', channel: 'ui' }));
    clock += 3_600_000;
    await log.recordView(viewOf(child, { viewer: coordinator, what: 'record summary', channel: 'api' }));
    clock += 60_000;
    await log.recordView(viewOf(child, { what: 'state as of 2026-01-01', channel: 'cli' }));
    await log.recordView(viewOf(newChildStream()));

    const page = await log.listViews(child);
    expect(page.views.map((v) => [v.seq, v.viewer.id, v.viewer.role, v.viewedAt, v.what, v.channel])).toEqual(
      [
        [1, auditor.id, 'auditor', '2026-03-02T09:00:00.000Z', 'history v1-12', 'ui'],
        [2, coordinator.id, 'coordinator', '2026-03-02T10:00:00.000Z', 'record summary', 'api'],
        [3, auditor.id, 'auditor', '2026-03-02T10:01:00.000Z', 'state as of 2026-01-01', 'cli'],
      ],
    );
    expect(page.verification).toMatchObject({ intact: true, views: 3, head: { seq: 3 } });

    const first = await log.listViews(child, { limit: 2 });
    expect(first.views.map((v) => v.seq)).toEqual([1, 2]);
    const rest = await log.listViews(child, { limit: 2, cursor: first.nextCursor });
    expect(rest.views.map((v) => v.seq)).toEqual([3]);
    expect(rest.nextCursor).toBeUndefined();
  });

  it('keeps one intact, gapless chain when many people view the same record at once', async () => {
    const log = testAccessLog();
    const child = newChildStream();
    const viewers = Array.from({ length: 12 }, (_, i) => ({ ...auditor, id: `user-viewer-${i}` }));
    await Promise.all(viewers.map((viewer) => log.recordView(viewOf(child, { viewer }))));
    const page = await log.listViews(child);
    expect(page.verification).toMatchObject({ intact: true, views: 12 });
    expect(page.views.map((v) => v.seq)).toEqual(viewers.map((_, i) => i + 1));
    expect(page.views.map((v) => v.viewer.id).sort()).toEqual(viewers.map((v) => v.id).sort());
  });

  it('refuses a view that does not say who, what or how', async () => {
    const log = testAccessLog();
    const child = newChildStream();
    await expect(log.recordView(viewOf(child, { channel: 'email' as never }))).rejects.toThrow();
    await expect(
      log.recordView(viewOf(child, { viewer: { id: '', role: 'auditor', la: TEST_LA } })),
    ).rejects.toThrow();
    expect((await log.listViews(child)).views).toEqual([]);
  });

  it.each([
    [
      'who viewed',
      2,
      (i: Record<string, unknown>) => ({ ...i, viewer: { ...(i.viewer as object), id: 'someone-else' } }),
    ],
    ['when', 1, (i: Record<string, unknown>) => ({ ...i, viewedAt: '2020-01-01T00:00:00.000Z' })],
    ['what', 3, (i: Record<string, unknown>) => ({ ...i, what: 'nothing much' })],
    ['the channel', 2, (i: Record<string, unknown>) => ({ ...i, channel: 'api' })],
    ['the previous hash', 3, (i: Record<string, unknown>) => ({ ...i, prevHash: 'e'.repeat(64) })],
  ])('detects a changed %s, naming the first broken entry', async (_, seq, change) => {
    const log = testAccessLog();
    const child = newChildStream();
    for (let i = 0; i < 3; i++) await log.recordView(viewOf(child, { channel: 'cli' }));
    await putRawView(change(await rawView(child, seq)));
    expect(await log.verify(child)).toMatchObject({ intact: false, firstBroken: { seq } });
  });

  it('detects an entry deleted from the middle of the log', async () => {
    const log = testAccessLog();
    const child = newChildStream();
    for (let i = 0; i < 3; i++) await log.recordView(viewOf(child));
    await deleteRawView(child, 2);
    expect(await log.verify(child)).toMatchObject({
      intact: false,
      firstBroken: { seq: 2, problem: 'seq-gap' },
    });
  });

  it('lists the records that have been viewed', async () => {
    const log = testAccessLog();
    const child = newChildStream();
    await log.recordView(viewOf(child));
    await log.recordView(viewOf(child));
    const records: string[] = [];
    for await (const recordId of log.records()) records.push(recordId);
    expect(records.filter((r) => r === child)).toEqual([child]);
  });
});
