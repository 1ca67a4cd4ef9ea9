import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { importedChildId } from '../../../application/import';
import { londonDateOf } from '../../../domain/calendar';
import { startLocalServer } from '../../../infra/local/server';
import { NORTHVALE, people, testApp } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { csvText, type ExtractLines, twoChildren, uniquePrefix } from '../../support/ssda903';
import { vettingSteps } from '../../support/vetting';

const app = testApp();
const api = createApiHandler(app, { localSessionSecret: TEST_SECRET });
const json = (r: { body?: string }) => JSON.parse(r.body || '{}');
type Person = (typeof people)[keyof typeof people];
const today = londonDateOf(new Date());

const base64 = (lines: readonly string[]) => Buffer.from(csvText(lines)).toString('base64');
const bodyOf = (extract: ExtractLines, extra: object = {}) => ({
  files: {
    header: base64(extract.Header),
    episodes: base64(extract.Episodes),
    reviews: base64(extract.Reviews),
  },
  districts: ['NV1', 'NV2'],
  ...extra,
});
const post = (path: string, body: unknown, as: Person = people.coordinator) =>
  api(apiEvent('POST', path, { as, body }));
const get = (path: string, as: Person = people.coordinator, query = '') =>
  api(apiEvent('GET', path, { as, query }));
const ok = async (response: Promise<{ statusCode?: number; body?: string }>) => {
  const r = await response;
  expect(r.statusCode, r.body).toBeLessThan(300);
  return json(r);
};

/** Five children in care: the first four to be taken through the journey, the fifth left as imported. */
function fiveChildren(p: string): ExtractLines {
  const extract: ExtractLines = {
    Header: [twoChildren(p).Header[0]!],
    Episodes: [twoChildren(p).Episodes[0]!],
    Reviews: [twoChildren(p).Reviews[0]!],
  };
  for (let n = 1; n <= 5; n++) {
    extract.Header.push(`${p}${n},F,01/0${n}/2014,WBRI,,,`);
    extract.Episodes.push(`${p}${n},0${n}/09/2025,S,C2,N1,U4,PR1,,,,,NV1 1AA,`);
  }
  return extract;
}

async function approvedVolunteer(): Promise<string> {
  const { volunteerId } = await ok(post('/api/volunteers', { name: 'Alex Morgan' }));
  for (const [slug, body] of vettingSteps({ today }))
    await ok(post(`/api/volunteers/${volunteerId}/${slug}`, body));
  return volunteerId;
}

describe('the import API', () => {
  it('previews, imports what was previewed, and exports each child’s IV status keyed by CHILD', async () => {
    const p = uniquePrefix();
    const extract = fiveChildren(p);
    const preview = await ok(post('/api/imports/ssda903/preview', bodyOf(extract)));
    expect(preview.totals).toMatchObject({ children: 5, new: 5, refused: 0 });
    expect(preview.children[0]).toMatchObject({
      child: `${p}1`,
      childId: importedChildId(NORTHVALE, `${p}1`),
      outcome: 'new',
      facts: [
        { kind: 'period-start', on: '2025-09-01', source: { file: 'Episodes', row: 2, field: 'DECOM' } },
      ],
    });
    const result = await ok(
      post('/api/imports/ssda903', bodyOf(extract, { planDigest: preview.planDigest })),
    );
    expect(result.written).toEqual({ children: 5, events: 10 });

    // A coordinator records what happened about the offer for four of them.
    const child = (n: number) => importedChildId(NORTHVALE, `${p}${n}`);
    const record = (n: number, slug: string, body: object = {}) =>
      ok(post(`/api/children/${child(n)}/${slug}`, body));
    for (const n of [1, 2, 3, 4]) await record(n, 'offer');
    await record(1, 'decision', { decision: 'declined', sufficientUnderstanding: true });
    await record(2, 'decision', { decision: 'objected', sufficientUnderstanding: true });
    for (const n of [3, 4]) {
      await record(n, 'decision', { decision: 'accepted', sufficientUnderstanding: true });
      await record(n, 'referral', { interests: ['football'] });
    }
    const volunteerId = await approvedVolunteer();
    await record(4, 'match', { volunteerId });

    const exported = await get('/api/imports/ssda903/iv-status');
    expect(exported.headers?.['content-type']).toBe('text/csv; charset=utf-8');
    const rows = (await ok(get('/api/imports/ssda903/iv-status', people.coordinator, 'format=json'))).filter(
      (r: { CHILD: string }) => r.CHILD.startsWith(p),
    );
    const day = today.split('-').reverse().join('/');
    expect(
      rows.map((r: Record<string, string>) => [r.CHILD, r.IV_STATUS, r.IV_STATUS_SINCE, r.VOLUNTEER]),
    ).toEqual([
      [`${p}1`, 'declined', day, ''],
      [`${p}2`, 'objected', day, ''],
      [`${p}3`, 'waiting', day, ''],
      [`${p}4`, 'matched', day, volunteerId],
      [`${p}5`, 'unknown', day, ''],
    ]);
    expect(rows[3]).toMatchObject({ OFFERED: day, DECISION: 'accepted', REFERRED: day, MATCHED: day });
    expect(exported.body).toContain(
      `${p}4,yes,04/09/2025,,,0,,matched,${day},${day},accepted,${day},${day},${day},${volunteerId}`,
    );
  });

  it('refuses bad input with 400 naming each field, a stale preview with 409, and writes nothing', async () => {
    const p = uniquePrefix();
    const good = bodyOf(twoChildren(p));
    const missing = await post('/api/imports/ssda903/preview', { files: { header: good.files.header } });
    expect(missing.statusCode).toBe(400);
    expect(missing.headers?.['content-type']).toBe('application/problem+json');
    expect(json(missing)['invalid-params'].map((i: { name: string }) => i.name)).toEqual([
      'body.files.episodes',
      'body.files.reviews',
    ]);

    const wrongColumns = twoChildren(p);
    wrongColumns.Episodes[0] = wrongColumns.Episodes[0]!.replace('DECOM', 'START');
    const refused = await post('/api/imports/ssda903/preview', bodyOf(wrongColumns));
    expect(refused.statusCode).toBe(400);
    expect(json(refused)['invalid-params']).toEqual([
      {
        name: 'body.files.episodes',
        reason: expect.stringMatching(/^The Episodes file has no DECOM column/),
      },
      {
        name: 'body.files.episodes',
        reason: expect.stringMatching(/has a column START that is not one of its columns/),
      },
    ]);

    const districts = await post('/api/imports/ssda903/preview', { ...good, districts: ['Leeds'] });
    expect(json(districts)['invalid-params']).toEqual([
      { name: 'body.districts', reason: 'Leeds: each must be a postcode district, such as LS6' },
    ]);
    const noDigest = await post('/api/imports/ssda903', good);
    expect(json(noDigest)['invalid-params'].map((i: { name: string }) => i.name)).toEqual([
      'body.planDigest',
    ]);

    const stale = await post('/api/imports/ssda903', { ...good, planDigest: '0'.repeat(64) });
    expect(stale.statusCode).toBe(409);
    expect(json(stale).detail).toMatch(/changed since the preview, so nothing was written/);
    expect((await app.store.read(`child#${importedChildId(NORTHVALE, `${p}1001`)}`)).length).toBe(0);
  });

  it('lets only coordinators and admins import, each into their own local authority only', async () => {
    const p = uniquePrefix();
    for (const person of [people.socialWorker, people.iro, people.manager, people.auditor])
      expect((await post('/api/imports/ssda903/preview', bodyOf(twoChildren(p)), person)).statusCode).toBe(
        403,
      );
    const preview = await ok(post('/api/imports/ssda903/preview', bodyOf(twoChildren(p)), people.admin));
    await ok(
      post('/api/imports/ssda903', bodyOf(twoChildren(p), { planDigest: preview.planDigest }), people.admin),
    );
    const elsewhere = await ok(get('/api/imports/ssda903/iv-status', people.otherCoordinator, 'format=json'));
    expect(elsewhere.filter((r: { CHILD: string }) => r.CHILD.startsWith(p))).toEqual([]);
    expect((await get('/api/imports/ssda903/iv-status', people.socialWorker)).statusCode).toBe(403);
  });

  it('is described in the OpenAPI document', async () => {
    const document = json(await api(apiEvent('GET', '/api/openapi.json')));
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/imports/ssda903/preview',
        '/api/imports/ssda903',
        '/api/imports/ssda903/iv-status',
      ]),
    );
  });
});

describe('uploads through the local server', () => {
  let baseUrl: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const server = await startLocalServer({
      app,
      sessionSecret: TEST_SECRET,
      port: 0,
      health: () => ({ ready: true }),
    });
    baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());
  const token = () => apiEvent('GET', '/', { as: people.coordinator }).headers.authorization!;
  const send = (path: string, body: string) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: token(), 'content-type': 'application/json' },
      body,
    });

  it('takes an extract over 1 MB on the import routes only, and answers a body over the limit with 413', async () => {
    // About 1.5 MB of JSON: over the ordinary limit, within the upload limit.
    const big = JSON.stringify({ ...bodyOf(twoChildren(uniquePrefix())), padding: 'x'.repeat(1_500_000) });
    const upload = await send('/api/imports/ssda903/preview', big);
    expect(upload.status).toBe(400); // read, then refused for its unknown "padding" field, by name
    expect(
      ((await upload.json()) as { 'invalid-params': Array<{ name: string }> })['invalid-params'][0]!.name,
    ).toBe('body');
    const ordinary = await send('/api/children', big);
    expect(ordinary.status).toBe(413);

    // A 50 MB file is refused with a message, not a failure.
    const huge = await send('/api/imports/ssda903/preview', 'x'.repeat(50 * 1024 * 1024));
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toBe('application/problem+json');
    expect(await huge.json()).toMatchObject({
      status: 413,
      title: 'The files are too large',
      detail: expect.stringMatching(
        /^Files sent here can be 4 MB in all\. For a larger extract, use the command line/,
      ),
    });
  });
});
