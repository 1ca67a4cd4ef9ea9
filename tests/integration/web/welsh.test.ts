import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { createWebHandler, webPages } from '../../../adapters/web/app';
import type { Principal } from '../../../application/access';
import { londonDateOf } from '../../../domain/calendar';
import { people, testApp } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { fill } from '../../support/http-world';
import { JPEG, receipt, withMultipart } from '../../support/multipart';
import { visitorWorld } from '../../support/visitors';
import { textOf, untranslated } from '../../support/welsh';

/*
 * The service in Welsh (Welsh Language Standards (No. 1) Regulations 2015): every page answers in the language a
 * person chose, or their council's; no page shows English that the catalogue translates, nor a catalogue key.
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
let volunteerId: string;
let visitor: Principal;
let claimId: string;
beforeAll(async () => {
  const world = visitorWorld(api);
  ({ volunteerId, visitor } = await world.volunteer('Gwenllian Morgan'));
  // A child with a history to tell: entering care, an offer, a decision, a referral and a match.
  childId = await world.matchedChild(volunteerId, {
    firstNames: 'Elin',
    lastName: 'Prydderch',
    preferredName: undefined,
    sex: 'female',
  });
  await world.post(
    `/api/children/${childId}/personal-data/holds`,
    { reason: 'A claim, reference CL-1' },
    people.admin,
  );
  // An expense claim waiting for the coordinator's decision, for the pages that approve and reject it.
  const claim = await api(
    withMultipart(
      apiEvent('POST', '/api/my/expenses', { as: visitor }),
      {
        amount: '4.20',
        category: 'travel',
        spentOn: londonDateOf(new Date()),
        description: 'Bws',
      },
      [receipt(JPEG)],
    ),
  );
  ({ claimId } = JSON.parse(claim.body ?? '{}'));
});

/**
 * Who may open each page, tried in turn until one gets it: most pages are staff's, the audit pages the auditor's,
 * the national return the national analyst's, /my-visits the Independent Visitor's.
 */
const readers = (): Principal[] => [
  people.coordinator,
  people.auditor,
  people.admin,
  people.nationalAnalyst,
  visitor,
];

/** What no one reads as a page: downloads, redirects and the toggle itself (their words are checked below). */
const NOT_PAGES = new Set([
  '/children.csv',
  '/volunteers.csv',
  '/reports/download',
  '/reports/national/download',
  '/imports/ssda903/iv-status.csv',
  '/imports/volunteers/template.csv',
  '/volunteers/{volunteerId}/expenses/{claimId}/receipt',
  '/audit/children/{childId}/export.html',
  '/audit/children/{childId}/export.json',
  '/audit/find',
  '/language/{language}',
  '/sign-out',
  '/children', // a redirect to the search
]);

/** The question a page answers, where it needs one to be a page at all. */
const today = new Date().toISOString().slice(0, 10);
const [year, month, day] = today.split('-').map(Number);
const QUERIES: Record<string, string> = {
  '/children/search': 'q=Elin',
  '/audit/children/{childId}/as-of': `on-day=${day}&on-month=${month}&on-year=${year}`,
  '/reports/children': `figure=lookedAfter&on=${today}`,
  // A projection asked for: with no children in care here, its refusal is the page a person reads.
  '/reports/what-if': 'extraVolunteers=3&matchWithinDays=30&offerAtFirstReview=yes&runs=1&seed=welsh',
};

describe('the service in Welsh', () => {
  it('renders every page in Welsh: lang="cy", no catalogue key and no English the catalogue translates', async () => {
    const problems: string[] = [];
    const unseen: string[] = [];
    for (const page of webPages(app).filter((p) => p.method === 'GET' && !NOT_PAGES.has(p.path))) {
      const path = fill(page.path, {
        childId,
        volunteerId,
        claimId,
        id: page.path.startsWith('/volunteers') ? volunteerId : childId,
        holdId: 'none',
      });
      let body: string | undefined;
      // A page refused for what it was asked (422) is read too, if nobody gets the page itself.
      let refusal: string | undefined;
      for (const as of readers()) {
        const response = await get(path, { as, query: QUERIES[page.path] });
        if (!String(response.headers?.['content-type']).includes('html')) continue;
        if (response.statusCode === 200) {
          body = String(response.body);
          break;
        }
        if (response.statusCode === 422) refusal ??= String(response.body);
      }
      body ??= refusal;
      if (!body) {
        unseen.push(page.path);
        continue;
      }
      if (!body.includes('<html lang="cy"')) problems.push(`${path}: not lang="cy"`);
      // The toggle's link to English is in English (hreflang): no other part of a Welsh page is.
      if (/<(?!html)\w+(?![^>]*hreflang)[^>]*\blang="en"/.test(body))
        problems.push(`${path}: has a part marked English`);
      for (const found of untranslated(body)) problems.push(`${path}: ${found}`);
    }
    expect(problems).toEqual([]);
    // Every page was read by someone.
    expect(unseen).toEqual([]);
  });

  it('tells a child’s history in Welsh, with Welsh dates, on their page', async () => {
    const text = textOf(String((await get(`/children/${childId}`)).body));
    expect(text).toContain(`Cofnododd Test Coordinator mai Gwenllian Morgan yw Ymwelydd Annibynnol Elin.`);
    expect(text.join(' ')).toMatch(
      /\d{1,2} (Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr) \d{4}/,
    );
  });

  it('writes the CSVs for people with Welsh headers; those for programs keep their fixed keys', async () => {
    const firstLine = async (path: string, query?: string, as: Principal = people.coordinator) =>
      String((await get(path, { as, query })).body).split('\r\n')[0];
    const period = 'from=2026-01-01&to=2026-06-30';
    expect(await firstLine('/volunteers.csv')).toBe(
      'Enw,Statws,Plant yr ymwelir â nhw,Yn gallu ymweld â,Gwiriad DBS yn ddilys tan',
    );
    expect(await firstLine('/reports/download', `${period}&format=csv`)).toBe('Adran,Ffigur,Grŵp,Gwerth');
    expect(await firstLine('/reports/download', `${period}&format=csv-machine`)).toBe(
      'section,measure,category,value',
    );
    const national = await firstLine(
      '/reports/national/download',
      `${period}&suppression=nivn&format=csv`,
      people.nationalAnalyst,
    );
    expect(national?.startsWith('Lefel,Cod,Enw,Rhanbarth,Oes gwasanaeth Ymwelwyr Annibynnol,')).toBe(true);
    expect(untranslated(String(national).replace(/,/g, '\n'))).toEqual([]);
  });

  it('says a broken domain rule in Welsh on the form that broke it', async () => {
    // The child already has an Independent Visitor: offering one again breaks the rule "already-has-iv".
    const response = await post(`/children/${childId}/offer`, {
      formKey: `form-${ulid()}`,
      confirmed: 'yes',
    });
    expect(response.statusCode).toBe(409);
    expect(textOf(String(response.body))).toContain('Mae gan y plentyn hwn Ymwelydd Annibynnol yn barod.');
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
