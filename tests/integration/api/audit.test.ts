import { describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { createWebHandler } from '../../../adapters/web/app';
import { people, testApp } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';

const app = testApp();
const auth = { localSessionSecret: TEST_SECRET };
const api = createApiHandler(app, auth);
const web = createWebHandler(app, auth);
const json = (r: { body?: string }) => JSON.parse(r.body || '{}');
type Person = (typeof people)[keyof typeof people];
const get = (path: string, as: Person, query?: string) => api(apiEvent('GET', path, { as, query }));

async function childWithHistory() {
  const entered = await api(
    apiEvent('POST', '/api/children', {
      as: people.coordinator,
      body: {
        firstNames: 'Sam',
        lastName: 'Taylor',
        dateOfBirth: '2012-02-10',
        sex: 'male',
        ethnicity: 'BAFR',
        unaccompaniedAsylumSeeking: true,
        placementInLaArea: true,
        socialWorkerRef: 'social-worker-1',
        iroRef: 'iro-1',
      },
    }),
  );
  const { childId } = json(entered);
  await api(apiEvent('POST', `/api/children/${childId}/told`, { as: people.coordinator, body: {} }));
  await api(apiEvent('POST', `/api/children/${childId}/offer`, { as: people.coordinator, body: {} }));
  return childId as string;
}

describe('the audit API', () => {
  it('replays the full history with the chain verified, the state at a version, and the difference since', async () => {
    const childId = await childWithHistory();
    const history = json(await get(`/api/audit/children/${childId}/history`, people.auditor));
    expect(history.verification).toMatchObject({ intact: true, events: 3 });
    expect(history.entries.map((e: { type: string; chain: string }) => [e.type, e.chain])).toEqual([
      ['ChildEnteredCare', 'intact'],
      ['ChildToldOfEntitlement', 'intact'],
      ['IndependentVisitorOffered', 'intact'],
    ]);
    expect(history.entries[0].actor).toEqual({ id: 'coordinator-1', role: 'coordinator', la: 'E09999001' });

    const asOf = json(await get(`/api/audit/children/${childId}/as-of`, people.auditor, 'moment=1'));
    expect(asOf).toMatchObject({ version: 1, trusted: true, state: { status: 'looked-after' } });
    expect(asOf.state.period.toldOn).toBeUndefined();
    const diff = json(await get(`/api/audit/children/${childId}/diff`, people.auditor, 'from=1&to=3'));
    expect(diff.changes.map((c: { path: string }) => c.path)).toEqual(
      expect.arrayContaining(['period.toldOn', 'period.offeredOn']),
    );

    const exported = await get(`/api/audit/children/${childId}/export`, people.auditor);
    expect(json(exported).events).toHaveLength(3);
    expect(exported.headers?.['x-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records every view of a child’s record, through the API and the UI, and lists them for an auditor', async () => {
    const childId = await childWithHistory();
    await get(`/api/children/${childId}`, people.coordinator);
    const page = await web(apiEvent('GET', `/children/${childId}`, { as: people.socialWorker }));
    expect(page.statusCode).toBe(200);
    await get(`/api/audit/children/${childId}/history`, people.auditor);

    const views = json(await get(`/api/audit/children/${childId}/views`, people.auditor));
    expect(views.verification.intact).toBe(true);
    expect(
      views.views.map((v: { viewer: { id: string }; channel: string; what: string }) => [
        v.viewer.id,
        v.channel,
        v.what,
      ]),
    ).toEqual([
      ['coordinator-1', 'api', 'child record'],
      ['social-worker-1', 'ui', 'child record'],
      ['auditor-1', 'api', 'the full history, versions 1 to 3'],
    ]);
  });

  it('is for auditors of the record’s own LA only, and offers no way to change anything', async () => {
    const childId = await childWithHistory();
    expect((await get(`/api/audit/children/${childId}/history`, people.coordinator)).statusCode).toBe(403);
    // Another LA's record answers exactly as one that does not exist (finding 7 of issue 19).
    const otherAuditor = { ...people.auditor, id: 'auditor-2', la: 'E09999002' };
    for (const view of ['history', 'as-of?moment=1', 'diff?from=1&to=2', 'export', 'views']) {
      const [path, query] = view.split('?');
      const elsewhere = await get(`/api/audit/children/${childId}/${path}`, otherAuditor, query);
      const missing = await get(`/api/audit/children/NOSUCHCHILD/${path}`, otherAuditor, query);
      expect(elsewhere.statusCode, view).toBe(404);
      expect(JSON.parse(elsewhere.body!).detail).toBe(JSON.parse(missing.body!).detail);
    }
    expect((await get('/api/audit/children/NOSUCHCHILD/history', people.auditor)).statusCode).toBe(404);
    expect(
      (await api(apiEvent('POST', `/api/children/${childId}/told`, { as: people.auditor, body: {} })))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await api(
          apiEvent('POST', `/api/audit/children/${childId}/history`, { as: people.auditor, body: {} }),
        )
      ).statusCode,
    ).toBe(405);
    expect(
      (await get(`/api/audit/children/${childId}/as-of`, people.auditor, 'moment=yesterday')).statusCode,
    ).toBe(400);
  });
});
