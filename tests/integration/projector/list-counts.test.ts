import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../application/access';
import type { App } from '../../../application/app';
import { allOfList, dutyCounts, listChildren } from '../../../application/lists/children';
import { DUTY_GROUP_NAMES } from '../../../application/lists/keys';
import { quietLog } from '../../../application/ports/log';
import type { StreamRow } from '../../../application/ports/read-models';
import { createStreamProjector, rowOfStream } from '../../../application/projections/project';
import { rebuild } from '../../../application/projections/rebuild';
import { seedLa } from '../../../scripts/seed';
import { isolatedApp } from '../../support/app';
import { localClient, testKeys } from '../../support/store';

/**
 * The task list's headings ("3 overdue", "5 due soon") and the whole LA's list totals come from the LA's list
 * counts, kept beside the rows by the projection. Whatever wrote the rows (the projector one stream at a time, a
 * bulk load, the rebuild) and however far the clock has moved, each heading says how many children its list shows.
 */
const LA = 'E08000025';
const coordinator: Principal = { id: 'coordinator-1', name: 'Test Coordinator', role: 'coordinator', la: LA };
let clock = new Date('2026-11-30T09:30:00.000Z');
let app: App;
let streamIds: string[];
const project = () =>
  createStreamProjector({ store: app.store, readModels: app.readModels, now: () => clock, log: quietLog });

/** Each heading beside the number of children its list shows, read page by page as a coordinator would. */
async function headingsAndLists() {
  const counts = await dutyCounts(app, coordinator, 'la');
  const headings: Record<string, number> = {};
  const shown: Record<string, number> = {};
  for (const duty of DUTY_GROUP_NAMES)
    for (const due of ['overdue', 'soon'] as const) {
      headings[`${duty} ${due}`] = counts[duty][due];
      const list = await allOfList(app, coordinator, { scope: 'la', duty, due });
      expect(list.atLeast).toBe(false);
      expect(list.total).toBe(list.rows.length);
      shown[`${duty} ${due}`] = list.rows.length;
    }
  return { headings, shown };
}

/** The whole LA's list (everyone with something due) and its total, beside the LA's rows read whole. */
async function wholeList() {
  const first = await listChildren(app, coordinator, { scope: 'la' });
  const rows = (await app.readModels.childRowsOfLa(LA)).filter((r) => r.current && r.duties.length > 0);
  return { total: first.total, atLeast: first.atLeast, rows: rows.length };
}

async function expectCountsToAgree() {
  const { headings, shown } = await headingsAndLists();
  expect(headings).toEqual(shown);
  const whole = await wholeList();
  expect(whole).toEqual({ total: whole.rows, atLeast: false, rows: whole.rows });
  return headings;
}

const overdue = (headings: Record<string, number>) =>
  Object.entries(headings)
    .filter(([k]) => k.endsWith('overdue'))
    .reduce((n, [, v]) => n + v, 0);

describe('the list counts of a whole LA', () => {
  beforeAll(async () => {
    const isolated = await isolatedApp(`counts${Date.now()}`, () => clock);
    app = isolated.app;
    ({ streamIds } = await seedLa(localClient(), isolated.tables, LA, {
      children: 60,
      seed: 'list-counts',
      asOf: '2026-11-30',
      keys: testKeys(),
    }));
  }, 120_000);

  it('agree with the lists after a bulk load, and again after the same load delivered twice', async () => {
    const rows = (
      await Promise.all(streamIds.map(async (id) => rowOfStream(id, await app.store.read(id), clock)))
    ).filter((r): r is StreamRow => r !== undefined);
    expect(await app.readModels.putRows(rows)).toBe(rows.length);
    const headings = await expectCountsToAgree();
    expect(Object.values(headings).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // A duplicate delivery writes nothing and changes no count.
    expect(await app.readModels.putRows(rows.slice(0, 10))).toBe(0);
    expect(await expectCountsToAgree()).toEqual(headings);
  });

  it('agree after the clock moves, with nothing projected again, and after projecting at the new time', async () => {
    const before = await expectCountsToAgree();
    clock = new Date(clock.getTime() + 35 * 86_400_000);
    const moved = await expectCountsToAgree();
    // A month on, more is overdue than was: the headings moved with the date, not with a projection.
    expect(overdue(moved)).toBeGreaterThan(overdue(before));
    const projectOne = project();
    for (const streamId of streamIds) await projectOne(streamId, { refresh: true });
    await expectCountsToAgree();
  });

  it('agree after a rebuild at a later date', async () => {
    clock = new Date(clock.getTime() + 7 * 86_400_000);
    const progress = await rebuild({ store: app.store, project: project(), las: [LA], concurrency: 8 });
    expect(progress.outcomes.written).toBeGreaterThan(0);
    await expectCountsToAgree();
  });
});
