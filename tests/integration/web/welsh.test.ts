import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { createWebHandler, webPages } from '../../../adapters/web/app';
import type { Principal } from '../../../application/access';
import { people, testApp } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { fill } from '../../support/http-world';
import { textOf, untranslated } from '../../support/welsh';

/*
 * The service in Welsh (Welsh Language Standards (No. 1) Regulations 2015): every page answers in the language a
 * person chose, or their council's; the pages listed as Welsh show no English that the catalogue translates, and no
 * page shows a catalogue key.
 */
const app = testApp();
const auth = { localSessionSecret: TEST_SECRET };
const api = createApiHandler(app, auth);
const web = createWebHandler(app, auth);

const get = (path: string, options: { as?: Principal; cookies?: string[]; query?: string } = {}) =>
  web({
    ...apiEvent('GET', path, { as: options.as ?? people.coordinator, query: options.query }),
    cookies: options.cookies ?? ['iv_lang=cy'],
  } as APIGatewayProxyEventV2);
const post = (path: string, form: Record<string, string>) =>
  web({
    ...apiEvent('POST', path, { as: people.coordinator, body: new URLSearchParams(form).toString() }),
    cookies: ['iv_lang=cy'],
  } as APIGatewayProxyEventV2);

let childId: string;
beforeAll(async () => {
  const response = await api(
    apiEvent('POST', '/api/children', {
      as: people.coordinator,
      body: {
        firstNames: 'Elin',
        lastName: 'Prydderch',
        dateOfBirth: '2013-09-09',
        sex: 'female',
        ethnicity: 'WBRI',
        unaccompaniedAsylumSeeking: false,
        placementInLaArea: true,
        socialWorkerRef: 'social-worker-1',
        iroRef: 'iro-1',
      },
    }),
  );
  expect(response.statusCode, String(response.body)).toBe(201);
  childId = JSON.parse(String(response.body)).childId;
});

/** The pages that are wholly in Welsh (README, "Welsh"); the others are in Welsh where their words are catalogued. */
const WELSH_PAGES = new Set([
  '/',
  '/children/new',
  '/children/{childId}',
  ...['told', 'offer', 'decision', 'referral', 'visit', 'leaving-care'].map(
    (slug) => `/children/{childId}/${slug}`,
  ),
]);

describe('the service in Welsh', () => {
  it('renders every page with lang="cy" and no catalogue key; the Welsh pages with no English', async () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const page of webPages(app).filter((p) => p.method === 'GET')) {
      const path = fill(page.path, { childId, id: childId, kind: 'children' });
      const response = await get(path);
      if (response.statusCode !== 200 || !String(response.headers?.['content-type']).includes('html'))
        continue;
      const body = String(response.body);
      if (!body.includes('<html lang="cy"')) problems.push(`${path}: not lang="cy"`);
      const found = untranslated(body);
      seen.add(page.path);
      for (const f of WELSH_PAGES.has(page.path) ? found : found.filter((f) => f.startsWith('raw key')))
        problems.push(`${path}: ${f}`);
    }
    expect(problems).toEqual([]);
    expect([...WELSH_PAGES].filter((path) => !seen.has(path))).toEqual([]);
  });

  it('shows the sign-in page and a missing page in Welsh to someone not signed in', async () => {
    for (const path of ['/sign-in', '/no-such-page']) {
      const response = await web({
        ...apiEvent('GET', path),
        cookies: ['iv_lang=cy'],
      } as APIGatewayProxyEventV2);
      expect(untranslated(String(response.body)), path).toEqual([]);
      expect(response.body).toContain('<html lang="cy"');
    }
  });

  it('answers a Welsh council’s staff in Welsh, with the council’s Welsh name, until they choose English', async () => {
    const cardiff: Principal = { ...people.coordinator, id: 'coordinator-cardiff', la: 'W06000015' };
    const welsh = String((await get('/', { as: cardiff, cookies: [] })).body);
    expect(welsh).toContain('<html lang="cy"');
    expect(textOf(welsh)).toContain('Caerdydd');
    const english = String((await get('/', { as: cardiff, cookies: ['iv_lang=en'] })).body);
    expect(english).toContain('<html lang="en"');
    expect(textOf(english)).toContain('Cardiff');
    // An English council's staff get English unless they choose Welsh.
    expect(String((await get('/', { cookies: [] })).body)).toContain('<html lang="en"');
  });

  it('remembers the choice from the toggle and goes back to the same page, on this site only', async () => {
    const chosen = await get('/language/cy', { query: `to=${encodeURIComponent(`/children/${childId}`)}` });
    expect(chosen.statusCode).toBe(303);
    expect(chosen.headers?.location).toBe(`/children/${childId}`);
    expect(chosen.cookies?.[0]).toMatch(/^iv_lang=cy; Path=\/; Max-Age=\d+/);
    for (const elsewhere of ['//evil.example', 'https://evil.example/', '/\\evil.example'])
      expect(
        (await get('/language/en', { query: `to=${encodeURIComponent(elsewhere)}` })).headers?.location,
      ).toBe('/');
    expect((await get('/language/fr')).statusCode).toBe(404);
    // The page offers the other language, linked back to itself.
    const page = String((await get(`/children/${childId}`)).body);
    expect(page).toContain(`href="/language/en?to=${encodeURIComponent(`/children/${childId}`)}"`);
  });

  it('shows the GOV.UK error messages in Welsh, built from the Welsh label', async () => {
    const response = await post('/children', {
      formKey: `form-${ulid()}`,
      'dateOfBirth-day': '31',
      'dateOfBirth-month': '2',
      'dateOfBirth-year': '2013',
    });
    expect(response.statusCode).toBe(400);
    const text = textOf(String(response.body));
    expect(text).toContain('Mae problem wedi codi');
    expect(text).toContain('Rhowch enwau cyntaf y plentyn');
    expect(text).toContain('Dyddiad geni: rhowch ddyddiad go iawn, er enghraifft 27 3 2026');
    expect(untranslated(String(response.body))).toEqual([]);
  });
});
