import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { createWebHandler, webPages } from '../../../adapters/web/app';
import { CATALOGUES } from '../../../adapters/web/i18n';
import type { Principal } from '../../../application/access';
import { importBy, previewImport, runImport, TABLE_NAMES } from '../../../application/import';
import { toDmy } from '../../../application/import/dates';
import { addDays, londonDateOf } from '../../../domain/calendar';
import { people, testApp } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { fill } from '../../support/http-world';
import { type FilePart, JPEG, receipt, withMultipart } from '../../support/multipart';
import {
  coordinatorOf,
  csvText,
  DISTRICTS,
  EPISODE_COLUMNS,
  type ExtractLines,
  HEADER_COLUMNS,
  newLa,
  REVIEW_COLUMNS,
  twoChildren,
  uploads,
} from '../../support/ssda903';
import { visitorWorld } from '../../support/visitors';
import { flatten, textOf, untranslated } from '../../support/welsh';

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

/*
 * The SSDA903 import in Welsh: every reason the parser, the checks between rows, the comparison with the record and
 * the domain give is shown in Welsh on the preview page, never in English nor as a key.
 */
describe('the SSDA903 import in Welsh', () => {
  const H = `${HEADER_COLUMNS},UASC`;
  const header = (child: string, dob = '14/03/2012', sex = 'F', ethnic = 'WBRI', uasc = '') =>
    `${child},${sex},${dob},${ethnic},,,,${uasc}`;
  const episode = (child: string, decom: string, rne = 'S', dec = '', rec = '', postcode = '') =>
    `${child},${decom},${rne},C2,N1,U4,PR1,${dec},${rec},,,${postcode},`;
  const review = (child: string, on: string, dob = '14/03/2012', code = 'PN1') =>
    `${child},${dob},${on},${code}`;
  const withHeader = (children: string[]) => children.map((c) => header(c));
  const SIMPLE = ['D01', 'D02', 'D03', 'D04', 'D05', 'D06', 'D07', 'D08', 'D09', 'D10', 'D11', 'D12'];
  /** One child, or one row, for each reason a row can be refused for. */
  const refused: ExtractLines = {
    Header: [
      H,
      // A name with an accent (in a column the import does not read) makes the file Windows-1252.
      header('A01').replace(',,,,', ',Zoé,,,'),
      header('Sam Smith'),
      header(''),
      header('B01', undefined, 'X'),
      header('B02', undefined, 'U'),
      header('B03', ''),
      header('B04', '2012/03/14'),
      header('B05', '13/13/2012'),
      header('B06', '31/02/2012'),
      header('B07', '3/2/12'),
      header('B08', '03-02-2012'),
      header('B09', '41000'),
      header('B10', '03/02/2012 10:00'),
      header('B11', undefined, undefined, ''),
      header('B12', undefined, undefined, undefined, '2'),
      header('C01'),
      header('C01'),
      ...withHeader(SIMPLE),
      header('F01'),
      ...withHeader(['G01', 'G02', 'G03']),
      header('H01', '14/03/2005'),
      header('H02'),
      '"a"b,F,14/03/2012,WBRI,,,,',
      'a"b,F,14/03/2012,WBRI,,,,',
    ],
    Episodes: [
      EPISODE_COLUMNS,
      // Care that began before the extract (RNE P): a note, not a refusal.
      episode('A01', '01/03/2024', 'P'),
      episode('C01', '01/03/2024'),
      episode('D01', '01/03/2024', 'S', '01/04/2024'),
      episode('D02', '01/03/2024', 'S', '', 'E4A'),
      episode('D03', '01/03/2024', 'S', '', '', 'nowhere'),
      episode('D04', '01/03/2024', 'S', '01/02/2024', 'E4A'),
      episode('D05', '01/03/2024'),
      episode('D05', '01/03/2024'),
      episode('D06', '01/03/2024'),
      episode('D06', '01/03/2024', 'P'),
      episode('D07', '01/03/2024'),
      episode('D07', '01/05/2024'),
      episode('D08', '01/03/2024', 'S', '01/05/2024', 'E4A'),
      episode('D08', '01/04/2024'),
      episode('D09', '01/03/2024', 'S', '01/05/2024', 'X1'),
      episode('D09', '02/05/2024', 'P'),
      episode('D10', '01/03/2024', 'S', '01/05/2024', 'X1'),
      episode('D10', '01/05/2024', 'S'),
      episode('D11', '01/03/2024', 'S', '01/05/2024', 'E4A'),
      episode('D11', '01/06/2024', 'P'),
      episode('D12', '01/03/2024', 'S', '01/05/2024', 'X1'),
      episode('E01', '01/03/2024'),
      episode('G01', '01/03/2024', 'S', '01/05/2024', 'E4A'),
      episode('G02', '01/03/2024'),
      episode('G03', '01/03/2024'),
      episode('H01', '01/03/2024'),
      episode('H02', toDmy(addDays(londonDateOf(new Date()), 5))),
      `${episode('A01', '01/06/2024')},extra`,
    ],
    Reviews: [
      REVIEW_COLUMNS,
      review('G01', '01/06/2024'),
      review('G02', '01/04/2024'),
      review('G02', '01/04/2024', undefined, 'PN3'),
      review('G03', '01/04/2024', '15/03/2012'),
      // A quotation mark never closed: the rest of the file is one value.
      '"G04,14/03/2012,01/04/2024,PN1',
    ],
  };
  // The Header in Windows-1252 (an é where the file has a name), as Excel on Windows saves it: a note.
  const files = (extract: ExtractLines): FilePart[] =>
    TABLE_NAMES.map((table) => ({
      name: table.toLowerCase(),
      filename: `${table.toLowerCase()}.csv`,
      type: 'text/csv',
      bytes: Buffer.from(csvText(extract[table]), table === 'Header' ? 'latin1' : 'utf8'),
    }));
  const la = newLa();
  const coordinator = coordinatorOf(la);
  const preview = (extract: ExtractLines, fields: Record<string, string> = {}) =>
    web({
      ...withMultipart(
        apiEvent('POST', '/imports/ssda903/preview', { as: coordinator }),
        fields,
        files(extract),
      ),
      cookies: ['iv_lang=cy'],
    } as APIGatewayProxyEventV2);
  const keysOf = async (extract: ExtractLines, districts = new Set<string>()) => {
    const uploaded = files(extract).map((f) => ({
      name: f.filename,
      table: TABLE_NAMES.find((t) => t.toLowerCase() === f.name)!,
      bytes: new Uint8Array(f.bytes),
    }));
    const seen = await previewImport(app, importBy(coordinator, uploaded, districts));
    return [...seen.fileProblems, ...seen.refusals, ...seen.children.flatMap((c) => c.conflicts)]
      .map((r) => r.reason)
      .concat(seen.notes, ...seen.children.map((c) => c.notes))
      .map((r) => r.key);
  };
  const reasonKeys = new Set<string>();

  it('shows every row refused, and every note, in Welsh on the preview', async () => {
    for (const key of await keysOf(refused)) reasonKeys.add(key);
    const response = await preview(refused);
    expect(response.statusCode).toBe(200);
    const body = String(response.body);
    expect(untranslated(body)).toEqual([]);
    const text = textOf(body);
    for (const welsh of [
      'Mae’r rhes hon yn ailadrodd rhes 8. Tynnwch un ohonyn nhw allan.',
      'Nid yw CHILD “Sam Smith” yn gyfeirnod y gall y system hon ei gadw: defnyddiwch hyd at 32 o lythrennau, digidau a . _ / -.',
      'Mae’r bennod yn gorffen (DEC 1 Chwefror 2024) cyn iddi ddechrau (DECOM 1 Mawrth 2024).',
      'Ni all person ifanc 18 oed neu hŷn ddod yn blentyn sy’n derbyn gofal.',
    ])
      expect(text, welsh).toContain(welsh);
    // The codes' lists and the dates in words are the page's language too.
    expect(text.join('\n')).toMatch(/ar restr yr Adran Addysg \(2025 i 2026\) o godau ar gyfer rhyw/);
    expect(text.join('\n')).toMatch(/Dechrau derbyn gofal ar 1 Mawrth 2024/);
  });

  it('shows every difference from the record in Welsh', async () => {
    const first = twoChildren('K');
    await runImport(app, importBy(coordinator, uploads(first), DISTRICTS));
    const changed = twoChildren('K');
    changed.Header[1] = 'K1001,M,15/03/2012,WIRI,,,';
    changed.Episodes[2] = 'K1001,10/06/2024,P,C2,N1,U6,PR4,20/01/2025,E11,CARPL,,NV2 1AB,';
    changed.Episodes[1] = 'K1001,04/03/2024,S,C2,N1,U4,PR1,10/06/2024,X1,,,NV1 2AB,';
    changed.Reviews = changed.Reviews.map((r) => r.replace('K1001,14/03/2012', 'K1001,15/03/2012'));
    for (const key of await keysOf(changed, DISTRICTS)) reasonKeys.add(key);
    const response = await preview(changed, { districts: [...DISTRICTS].join(' ') });
    expect(response.statusCode).toBe(200);
    const body = String(response.body);
    expect(untranslated(body)).toEqual([]);
    expect(textOf(body)).toContain(
      'Mae’r Header yn rhoi’r rhyw fel Gwryw; mae gan y cofnod Benyw. Does dim wedi’i newid: cywirwch y cofnod os yw’r Header yn gywir.',
    );
  });

  it('says in Welsh what is wrong with a file as a whole, and that the records changed since the preview', async () => {
    const broken = twoChildren('L');
    broken.Episodes[0] = EPISODE_COLUMNS.replace('DECOM', 'DECOMM');
    broken.Header[0] = `${HEADER_COLUMNS},SEX`;
    for (const key of await keysOf(broken)) reasonKeys.add(key);
    const response = await preview(broken);
    expect(response.statusCode).toBe(400);
    expect(untranslated(String(response.body))).toEqual([]);
    expect(textOf(String(response.body))).toContain(
      'Does dim colofn DECOM yn y ffeil Episodes. Rhaid i’w cholofnau fod yn CHILD, DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN.',
    );

    const workbook = twoChildren('L');
    const parts = files(workbook).map((f) =>
      f.name === 'reviews' ? { ...f, bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]) } : f,
    );
    const unreadable = await web({
      ...withMultipart(apiEvent('POST', '/imports/ssda903/preview', { as: coordinator }), {}, parts),
      cookies: ['iv_lang=cy'],
    } as APIGatewayProxyEventV2);
    expect(untranslated(String(unreadable.body))).toEqual([]);
    expect(textOf(String(unreadable.body)).join('\n')).toMatch(
      /Does dim modd darllen reviews\.csv: llyfr gwaith taenlen/,
    );

    // A confirmation of a preview that no longer stands.
    const confirm = await web({
      ...withMultipart(apiEvent('POST', '/imports/ssda903', { as: coordinator }), {
        ...Object.fromEntries(files(twoChildren('M')).map((f) => [f.name, f.bytes.toString('base64')])),
        districts: '',
        planDigest: '0'.repeat(64),
      }),
      cookies: ['iv_lang=cy'],
    } as APIGatewayProxyEventV2);
    expect(confirm.statusCode).toBe(409);
    expect(untranslated(String(confirm.body))).toEqual([]);
    expect(textOf(String(confirm.body))).toContain(
      'Mae’r cofnodion neu’r ffeiliau wedi newid ers y rhagolwg, felly does dim wedi’i ysgrifennu. Gwiriwch y rhagolwg newydd, yna cadarnhewch ef.',
    );
  });

  it('has been shown every reason the catalogue has, but those no page can meet here', () => {
    // A file over 50 MB, two files for one table or one missing, a file not of the three (the form names each
    // file's table), another LA's child and a write that failed are told by the same wording, tested in English.
    const elsewhere = ['tooLarge', 'sameTable', 'noFile', 'notAnExtractFile', 'otherAuthority', 'notWritten'];
    const all = [...flatten(CATALOGUES.en.pages.imports.reasons).keys()].map((k) =>
      k.replace(/_(one|other)$/, ''),
    );
    const shared = [...flatten(CATALOGUES.en.pages.importFiles).keys()].filter(
      (k) => !k.startsWith('unreadable.'),
    );
    expect(
      [...new Set([...all, ...shared])].filter((k) => !reasonKeys.has(k) && !elsewhere.includes(k)),
    ).toEqual([]);
  });
});

/*
 * The documents people download, in the language of the page they download them from: the audit export and the
 * subject access copy.
 */
describe('the exported documents in Welsh', () => {
  // The stored data (the JSON of each event, in <pre>) is data, not words: the rest must be Welsh.
  const words = (html: string) => html.replace(/<pre>[\s\S]*?<\/pre>/g, ' ');
  const download = (path: string, as: Principal, language: string, form?: Record<string, string>) =>
    web({
      ...apiEvent(form ? 'POST' : 'GET', path, {
        as,
        ...(form ? { body: new URLSearchParams(form).toString() } : {}),
      }),
      cookies: [`iv_lang=${language}`],
    } as APIGatewayProxyEventV2);

  it('exports the audit document in Welsh from a Welsh page, in English from an English one', async () => {
    const path = `/audit/children/${childId}/export.html`;
    const welsh = String((await download(path, people.auditor, 'cy')).body);
    expect(welsh).toContain('<html lang="cy">');
    const text = textOf(words(welsh));
    expect(text).toContain('Allforio cofnod ar gyfer archwiliad');
    expect(text).toContain('Beth ddigwyddodd, yr hynaf yn gyntaf');
    expect(text.join('\n')).toMatch(/^Yn gyfan: does dim un o’r \d+ digwyddiad wedi’i newid/m);
    // Dates and times as the Welsh pages write them, and the events' titles in Welsh.
    expect(text.join('\n')).toMatch(
      /\d{1,2} (Ion|Chwef|Maw|Ebr|Mai|Meh|Gorff|Awst|Medi|Hyd|Tach|Rhag) \d{4}, \d{2}:\d{2}/,
    );
    expect(untranslated(words(welsh))).toEqual([]);
    const english = String((await download(path, people.auditor, 'en')).body);
    expect(english).toContain('<html lang="en">');
    expect(textOf(english)).toContain('Audit export of a record');
    expect(textOf(english)).toContain('What happened, oldest first');
  });

  it('makes the subject access copy in Welsh from a Welsh page, in English from an English one', async () => {
    const path = `/children/${childId}/personal-data/subject-access`;
    const copy = async (language: string) => {
      const response = await download(path, people.admin, language, {
        formKey: `form-${ulid()}`,
        reference: 'SAR-2026-101',
      });
      expect(response.statusCode).toBe(200);
      return String(response.body);
    };
    const welsh = await copy('cy');
    expect(welsh).toContain('<html lang="cy">');
    const text = textOf(welsh);
    expect(text).toContain('Eich data personol: cofnod Ymwelydd Annibynnol plentyn');
    expect(text).toContain('Beth sydd gennym amdanoch chi');
    expect(text).toContain('Am ba hyd rydym yn ei gadw');
    // The retention rule's regulation by its title in Welsh, the period in Welsh words.
    expect(text.join('\n')).toMatch(
      /Yn cael ei gadw tan \d{1,2} \p{L}+ \d{4}, yn ôl y rheol hon: Rheoliadau Cynllunio Gofal, Lleoli ac Adolygu Achosion \(Lloegr\) 2010, rheoliad 50: tan 75 mlynedd ar ôl geni’r plentyn/u,
    );
    // The history in Welsh too.
    expect(text.join('\n')).toContain('Cofnododd');
    expect(untranslated(welsh)).toEqual([]);
    const english = textOf(await copy('en'));
    expect(english).toContain('Your personal data: the Independent Visitor record of a child');
    expect(english.join('\n')).toMatch(
      // The page escapes the apostrophe, which the text reads as ’.
      /Kept until \d{1,2} \w+ \d{4}, under Care Planning, Placement and Case Review \(England\) Regulations 2010, reg 50: until the 75th anniversary of the child’s birth; then the personal data is erased\./,
    );
  });

  it('names the regulation of the retention rule in Welsh on the record’s personal data page', async () => {
    const text = textOf(String((await get(`/children/${childId}/personal-data`)).body));
    expect(text.join('\n')).toContain(
      'yn ôl y rheol hon: Rheoliadau Cynllunio Gofal, Lleoli ac Adolygu Achosion (Lloegr) 2010, rheoliad 50: tan 75 mlynedd ar ôl geni’r plentyn',
    );
  });
});
