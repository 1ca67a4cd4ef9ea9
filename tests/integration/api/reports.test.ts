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
    expect(csv.body?.startsWith('section,measure,category,value')).toBe(true);
    expect(csv.body).toContain(NORTHVALE);
    expect(csv.body).not.toContain(SOUTHMERE);
  });

  it('gives national analysts the return for every LA, aggregates only', async () => {
    const national = json(
      await api(apiEvent('GET', '/api/reports/national', { as: people.nationalAnalyst })),
    );
    expect(national.las.map((r: { code: string }) => r.code).sort()).toEqual([NORTHVALE, SOUTHMERE]);
    expect(JSON.stringify(national)).not.toMatch(/child#|childId|dateOfBirth/);
  });

  it('refuses a bad period, and each report to the roles it is not for', async () => {
    const bad = await api(
      apiEvent('GET', '/api/reports/la', { as: people.manager, query: 'from=2026-05-01&to=2026-01-01' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(json(bad)['invalid-params'][0].name).toBe('query.from');
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
