import { DeleteItemCommand, paginateScan } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { DynamoDataKeys } from '../../../adapters/dynamodb/data-keys';
import { createWebHandler } from '../../../adapters/web/app';
import type { App } from '../../../application/app';
import { quietLog } from '../../../application/ports/log';
import { createStreamProjector, type StreamProjector } from '../../../application/projections/project';
import { rebuild } from '../../../application/projections/rebuild';
import { ERASED, HIDDEN } from '../../../events/personal-fields';
import type { LocalTables } from '../../../infra/local/template';
import { seedLa } from '../../../scripts/seed';
import { isolatedApp, NORTHVALE, people } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { localClient, testKeys } from '../../support/store';

/*
 * Erasing one child of a generated local authority (made-up children; the names are made up and given in free text,
 * where names can appear today). The LA has tables of its own, so every table can be scanned whole.
 */
const client = localClient();
const auth = { localSessionSecret: TEST_SECRET };
let app: App;
let tables: LocalTables;
let project: StreamProjector;
let api: ReturnType<typeof createApiHandler>;
type Person = (typeof people)[keyof typeof people];

const json = (r: { body?: string }) => JSON.parse(r.body || '{}');
const call = (method: 'GET' | 'POST', path: string, as: Person, body?: object) =>
  api(apiEvent(method, path, { as, body }));
const ok = async (response: Promise<{ statusCode?: number; body?: string }>) => {
  const r = await response;
  expect(r.statusCode, r.body).toBeLessThan(300);
  return json(r);
};
const report = async () => {
  const { children, waits, breakdowns, flows, compliance } = await ok(
    call('GET', '/api/reports/la', people.manager),
  );
  return { children, waits, breakdowns, flows, compliance };
};

/** Every item of every table of this LA's set, as text. */
async function everyTable(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, table] of Object.entries(tables)) {
    const items: unknown[] = [];
    for await (const page of paginateScan({ client }, { TableName: table }))
      for (const item of page.Items ?? []) items.push(unmarshall(item));
    out[name] = JSON.stringify(items);
  }
  return out;
}

/** Gives a generated child in care two made-up names in what staff wrote about them (the reasons). */
async function named(childId: string, name: string, carer: string) {
  await ok(
    call('POST', `/api/children/${childId}/review`, people.iro, {
      ivConsidered: true,
      outcome: 'iv-to-be-offered',
      reason: `Notes from the review: ${name} wants a visitor; ${carer} (carer) agreed.`,
    }),
  );
  await ok(
    call('POST', `/api/children/${childId}/placement-change`, people.coordinator, {
      placementInLaArea: true,
      reason: `${name} moved to live with ${carer}, phone 07700 900123.`,
    }),
  );
  await project(`child#${childId}`);
}

beforeAll(async () => {
  ({ app, tables } = await isolatedApp(`erasure${Date.now()}`));
  const asOf = new Date().toISOString().slice(0, 10);
  await seedLa(client, tables, NORTHVALE, { children: 40, seed: 'erasure', asOf, keys: testKeys() });
  project = createStreamProjector({
    store: app.store,
    readModels: app.readModels,
    now: () => new Date(),
    log: quietLog,
  });
  await rebuild({ store: app.store, project, las: [NORTHVALE] });
  api = createApiHandler(app, auth);
}, 120_000);

const lookedAfter = async (n: number) =>
  (await app.readModels.childRowsOfLa(NORTHVALE))
    .filter((r) => r.status === 'looked-after')
    .slice(n, n + 1)[0]!;

describe('erasing a child of a generated local authority', () => {
  it('leaves the chain verifying, no trace of their details in any table, and the report’s figures as they were', async () => {
    const row = await lookedAfter(0);
    const { childId, streamId } = row;
    await named(childId, 'Ayla Brightwater', 'Morwenna Quist');
    const before = await report();
    const dateOfBirth = row.dateOfBirth!;

    const tablesBefore = await everyTable();
    expect(tablesBefore.events).not.toContain('Brightwater');
    expect(tablesBefore.childSummary).toContain(dateOfBirth);

    expect(
      (
        await call('POST', `/api/children/${childId}/personal-data/erase`, people.socialWorker, {
          basis: 'erasure-request',
          reason: 'Request ERQ-2026-3, agreed by the DPO',
          confirm: true,
        })
      ).statusCode,
    ).toBe(403);
    await ok(
      call('POST', `/api/children/${childId}/personal-data/erase`, people.manager, {
        basis: 'erasure-request',
        reason: 'Request ERQ-2026-3, agreed by the DPO',
        confirm: true,
      }),
    );
    await project(streamId);

    expect(await app.audit.verify(streamId)).toMatchObject({ intact: true });
    const after = await everyTable();
    for (const [table, text] of Object.entries(after))
      for (const detail of ['Ayla', 'Brightwater', 'Morwenna', 'Quist', '07700 900123'])
        expect(text, `${detail} in ${table}`).not.toContain(detail);
    const erasedRow = await app.readModels.childRow(streamId);
    expect(erasedRow).toMatchObject({
      birthMonth: dateOfBirth.slice(0, 7),
      retention: { erasedOn: expect.any(String) },
    });
    expect(erasedRow).not.toHaveProperty('dateOfBirth');
    expect(erasedRow).not.toHaveProperty('ethnicity');
    expect(JSON.stringify(erasedRow)).not.toContain(dateOfBirth);
    expect(await new DynamoDataKeys(client, tables.personalDataKeys).get(streamId)).toEqual({
      subject: streamId,
      keyId: expect.any(String),
      destroyedAt: expect.any(String),
      erasureEventId: expect.any(String),
    });

    expect(await report()).toEqual(before);
    // The read models thrown away and rebuilt from the events: still the same figures.
    for (const r of await app.readModels.childRowsOfLa(NORTHVALE))
      await client.send(
        new DeleteItemCommand({ TableName: tables.childSummary, Key: marshall({ streamId: r.streamId }) }),
      );
    await rebuild({ store: app.store, project, las: [NORTHVALE] });
    expect(await report()).toEqual(before);
  });

  it('reads as erased everywhere staff look, never as ciphertext', async () => {
    const { childId, streamId } = await lookedAfter(1);
    await named(childId, 'Idris Fenwick', 'Oona Marchetti');
    await ok(
      call('POST', `/api/children/${childId}/personal-data/erase`, people.admin, {
        basis: 'recorded-in-error',
        reason: 'Duplicate of another record',
        confirm: true,
      }),
    );
    const record = await ok(call('GET', `/api/children/${childId}`, people.coordinator));
    expect(record.state.details).toMatchObject({ dateOfBirth: ERASED, ethnicity: ERASED });
    const timeline = JSON.stringify(
      await ok(call('GET', `/api/children/${childId}/timeline`, people.coordinator)),
    );
    expect(timeline).toContain(ERASED);
    const page = (
      await createWebHandler(app, auth)(apiEvent('GET', `/children/${childId}`, { as: people.coordinator }))
    ).body!;
    expect(page).toMatch(/Age[\s\S]*?Erased/);
    expect(page).toMatch(/erased the child’s personal data \(recorded in error\)/);
    for (const text of [timeline, page])
      for (const hidden of ['pd1.', 'Fenwick']) expect(text).not.toContain(hidden);
    const history = await app.audit.history(
      { id: people.auditor.id, role: 'auditor', la: NORTHVALE },
      'api',
      streamId,
    );
    expect(history.verification.intact).toBe(true);
    expect(JSON.stringify(history.entries)).not.toContain('pd1.');
    expect(
      (
        await call('POST', `/api/children/${childId}/review`, people.iro, {
          ivConsidered: true,
          outcome: 'iv-to-be-offered',
        })
      ).statusCode,
    ).toBe(409);
  });

  it('is refused under a legal hold, with the hold’s reason, until the hold is lifted', async () => {
    const { childId } = await lookedAfter(2);
    const erase = () =>
      call('POST', `/api/children/${childId}/personal-data/erase`, people.manager, {
        basis: 'erasure-request',
        reason: 'Request ERQ-2026-9',
        confirm: true,
      });
    await ok(
      call('POST', `/api/children/${childId}/personal-data/holds`, people.manager, {
        reason: 'Claim 2026/114',
      }),
    );
    const refused = await erase();
    expect(refused.statusCode).toBe(409);
    expect(json(refused).detail).toContain('legal hold (Claim 2026/114)');
    expect((await ok(call('GET', `/api/children/${childId}/personal-data`, people.manager))).holds).toEqual([
      expect.objectContaining({ holdId: 'hold-1', reason: 'Claim 2026/114' }),
    ]);
    await ok(
      call('POST', `/api/children/${childId}/personal-data/holds/hold-1/lift`, people.manager, {
        reason: 'Claim settled',
      }),
    );
    await ok(erase());
    expect(
      (await ok(call('GET', `/api/children/${childId}/personal-data`, people.manager))).erased,
    ).toMatchObject({
      basis: 'erasure-request',
    });
  });

  it('shows special-category data only to those who work with the child', async () => {
    const { childId } = await lookedAfter(3);
    const seen = async (as: Person) =>
      (await ok(call('GET', `/api/children/${childId}`, as))).state.details.ethnicity;
    expect(await seen(people.coordinator)).toMatch(/^[A-Z]{4}$/);
    expect(await seen(people.socialWorker)).toMatch(/^[A-Z]{4}$/);
    expect(await seen(people.manager)).toBe(HIDDEN);
    const page = (
      await createWebHandler(app, auth)(apiEvent('GET', `/children/${childId}`, { as: people.manager }))
    ).body!;
    expect(page).toContain('Not shown: special category data');
    // Nor do the audit views show it to an auditor.
    const history = await app.audit.history(
      { id: people.auditor.id, role: 'auditor', la: NORTHVALE },
      'api',
      `child#${childId}`,
    );
    const entered = history.entries.find((e) => e.type === 'ChildEnteredCare')!;
    expect(entered.upcast).toMatchObject({
      data: { ethnicity: HIDDEN, dateOfBirth: expect.stringMatching(/^\d{4}-/) },
    });
  });
});
