import { beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import type { App } from '../../../application/app';
import { quietLog } from '../../../application/ports/log';
import { createStreamProjector } from '../../../application/projections/project';
import { rebuild } from '../../../application/projections/rebuild';
import { seedLa } from '../../../scripts/seed';
import { isolatedApp, NORTHVALE, people, SOUTHMERE } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { localClient, testKeys } from '../../support/store';

let app: App;
let api: ReturnType<typeof createApiHandler>;
const json = (r: { body?: string }) => JSON.parse(r.body || '{}');

beforeAll(async () => {
  const isolated = await isolatedApp(`reports${Date.now()}`);
  app = isolated.app;
  const asOf = new Date().toISOString().slice(0, 10);
  await seedLa(localClient(), isolated.tables, NORTHVALE, {
    children: 60,
    seed: 'api-reports',
    asOf,
    keys: testKeys(),
  });
  await seedLa(localClient(), isolated.tables, SOUTHMERE, {
    children: 30,
    seed: 'api-reports-2',
    asOf,
    keys: testKeys(),
  });
  const project = createStreamProjector({
    store: app.store,
    readModels: app.readModels,
    now: () => new Date(),
    log: quietLog,
  });
  await rebuild({ store: app.store, project, las: [NORTHVALE, SOUTHMERE] });
  api = createApiHandler(app, { localSessionSecret: TEST_SECRET });
}, 120_000);

describe('the reports API', () => {
  it('gives staff their own LA’s report for a period, as JSON and as CSV', async () => {
    const report = json(
      await api(
        apiEvent('GET', '/api/reports/la', { as: people.manager, query: 'from=2025-04-01&to=2026-03-31' }),
      ),
    );
    expect(report).toMatchObject({ la: NORTHVALE, period: { from: '2025-04-01', to: '2026-03-31' } });
    expect(report.children.lookedAfter).toBeGreaterThan(0);
    const csv = await api(
      apiEvent('GET', '/api/reports/la', { as: people.coordinator, query: 'format=csv' }),
    );
    expect(csv.headers?.['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body?.startsWith('Section,Figure,Group,Value')).toBe(true);
    expect(csv.body).toContain('Northvale (demo)');
    expect(csv.body).not.toContain('Southmere');
    const machine = await api(
      apiEvent('GET', '/api/reports/la', { as: people.coordinator, query: 'format=csv-machine' }),
    );
    expect(machine.body?.startsWith('section,measure,category,value')).toBe(true);
    expect(machine.body).toContain(`report,la_code,,${NORTHVALE}`);
  });

  it('gives national analysts the return for every LA, aggregates only', async () => {
    const national = json(
      await api(apiEvent('GET', '/api/reports/national', { as: people.nationalAnalyst })),
    );
    expect(national.las.map((r: { code: string }) => r.code).sort()).toEqual([NORTHVALE, SOUTHMERE]);
    expect(JSON.stringify(national)).not.toMatch(/child#|childId|dateOfBirth/);
    const wales = json(
      await api(
        apiEvent('GET', '/api/reports/national', {
          as: people.nationalAnalyst,
          query: 'suppression=statswales',
        }),
      ),
    );
    expect(wales.convention).toBe('statswales');
    for (const row of [...wales.las, wales.total])
      for (const cell of Object.values(row.cells))
        expect(cell === '*' || (cell as number) % 5 === 0).toBe(true);
  });

  it('lists the children behind a figure for LA staff, and projects a what-if reproducibly', async () => {
    const report = json(await api(apiEvent('GET', '/api/reports/la', { as: people.manager })));
    const list = json(
      await api(
        apiEvent('GET', '/api/reports/la/children', { as: people.manager, query: 'figure=lookedAfter' }),
      ),
    );
    expect(list.count).toBe(report.children.lookedAfter);
    expect(list.children[0]).toMatchObject({ childId: expect.any(String), stageLabel: expect.any(String) });
    const query = 'extraVolunteers=10&offerAtFirstReview=yes&runs=2&seed=api';
    const once = json(await api(apiEvent('GET', '/api/reports/what-if', { as: people.manager, query })));
    const again = json(await api(apiEvent('GET', '/api/reports/what-if', { as: people.manager, query })));
    expect(once.months).toHaveLength(13);
    expect(again.months).toEqual(once.months);
    expect((await api(apiEvent('GET', '/api/reports/what-if', { as: people.iro, query }))).statusCode).toBe(
      403,
    );
  });

  it('refuses a bad period, and each report to the roles it is not for', async () => {
    const bad = await api(
      apiEvent('GET', '/api/reports/la', { as: people.manager, query: 'from=2026-05-01&to=2026-01-01' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(json(bad)['invalid-params']).toEqual([
      { name: 'query.from', reason: 'Start date must be the same as or before the end date' },
    ]);
    const future = await api(
      apiEvent('GET', '/api/reports/national', {
        as: people.nationalAnalyst,
        query: 'to=2099-01-01&from=1999-01-01',
      }),
    );
    expect(json(future)['invalid-params'].map((p: { name: string }) => p.name)).toEqual([
      'query.from',
      'query.to',
    ]);
    const text = await api(
      apiEvent('GET', '/api/reports/la', { as: people.manager, query: 'from=first%2Fjan%2F2026' }),
    );
    expect(text.statusCode).toBe(400);
    expect(json(text)['invalid-params'][0].name).toBe('query.from');
    expect((await api(apiEvent('GET', '/api/reports/la', { as: people.nationalAnalyst }))).statusCode).toBe(
      403,
    );
    expect((await api(apiEvent('GET', '/api/reports/la', { as: people.iro }))).statusCode).toBe(403);
    expect((await api(apiEvent('GET', '/api/reports/national', { as: people.manager }))).statusCode).toBe(
      403,
    );
  });
});

describe('the local clock API', () => {
  it('is for admins, and only exists on the local system', async () => {
    expect(
      (await api(apiEvent('POST', '/api/admin/clock', { as: people.coordinator, body: { advance: '1d' } })))
        .statusCode,
    ).toBe(403);
    expect(
      (await api(apiEvent('POST', '/api/admin/clock', { as: people.admin, body: { advance: 'tomorrow' } })))
        .statusCode,
    ).toBe(400);
    const inAws = await api(
      apiEvent('POST', '/api/admin/clock', { as: people.admin, body: { advance: '1d' } }),
    );
    expect(inAws.statusCode).toBe(404);
  });

  it('moves the local clock forward when the system has one', async () => {
    let now = new Date('2026-11-23T09:00:00Z');
    const local = createApiHandler(
      {
        ...app,
        now: () => now,
        local: {
          advanceClock: async () => (now = new Date(now.getTime() + 21 * 86_400_000)),
          setClock: async (d) => (now = d),
          outbox: async () => [],
        },
      },
      { localSessionSecret: TEST_SECRET },
    );
    const moved = json(
      await local(apiEvent('POST', '/api/admin/clock', { as: people.admin, body: { advance: '21d' } })),
    );
    expect(moved.now).toBe('2026-12-14T09:00:00.000Z');
  });
});
