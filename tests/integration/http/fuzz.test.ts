import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueSessionToken } from '../../../adapters/http/session';
import { people } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { fill, httpWorld, pageEvent } from '../../support/http-world';

/**
 * A bounded fuzzer over every route of the API and every page, generated from their route tables: each request is
 * malformed by construction (a bad path segment, a wrong method, a broken body or form, a bad or missing session,
 * a foreign Origin, a bad query value or Idempotency-Key), with noise on top. Not one may answer 500 or more, and not
 * one may write anything (issue 19). Seeded, so a failure is the same failure on the next run.
 */
const SEED = 19;
const RUNS_PER_ROUTE = 16;

let world: Awaited<ReturnType<typeof httpWorld>>;
beforeAll(async () => {
  world = await httpWorld();
});

const personas = Object.values(people);
const persona = fc.constantFrom(...personas);

/** Path segments that are no valid id, or escapes that do not decode, or ids of nothing. */
const badSegment = fc.oneof(
  fc.constantFrom(
    '%zz',
    '%E0%A4%A',
    '%',
    '%%41',
    '%00',
    '%C0%AF',
    '%ED%A0%80',
    '..',
    '%2e%2e',
    '%2F',
    'a'.repeat(300),
    '%F0%9F%98%80',
    '%E2%80%AE',
    '%20',
    ';',
    "'--",
    '%3Cscript%3E',
    '__proto__',
    'constructor',
    '01JH0000000000000000000000',
  ),
  fc
    .string({ minLength: 1, maxLength: 30 })
    .map((s) => s.replace(/[/?#]/g, ''))
    .filter((s) => s.length > 0),
);
const wrongMethod = fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'get', 'CONNECT');
const junkQuery = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 }))
    .map((q) => new URLSearchParams(q).toString()),
  fc.constantFrom('%zz=1', 'a=%', 'limit=%ff', '&&&', '=x', `cursor=${'x'.repeat(2000)}`),
);
const junkValue = fc.oneof(
  fc.constantFrom(
    null,
    {},
    [],
    -1,
    1e308,
    Number.MAX_SAFE_INTEGER,
    '',
    '0001-01-01',
    '9999-12-31',
    '2026-02-30',
    'x\u0000y',
    '\u202Eevil',
    '\ud800',
    'a'.repeat(5000),
    { __proto__: { polluted: true } },
    [[[[[[[[[[[]]]]]]]]]]],
  ),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A JSON body the route's schema must refuse: a broken document, the wrong type, or fields with wrong values. */
const badBody = (fields: string[]) =>
  fc.oneof(
    fc.constantFrom('{', '{"a":', 'nul', '[1,2', '{"a":1}}', '\u0000', '{"__proto__":{"x":1}}x'),
    fc.constantFrom('[]', '42', '"text"', 'null', 'true').map(String),
    fc
      .record({
        values: fc.tuple(...fields.map(() => junkValue)),
        extra: fc.dictionary(fc.string({ maxLength: 12 }), junkValue, { minKeys: 1, maxKeys: 3 }),
      })
      // An unknown key (or an object where no field takes one) makes even well-typed values a bad request.
      .map(({ values, extra }) =>
        JSON.stringify({
          ...Object.fromEntries(fields.map((f, i) => [f, values[i]])),
          ...extra,
          [`unknown_${Object.keys(extra).length}`]: {},
        }),
      ),
    fc.constant(JSON.stringify({ padding: 'x'.repeat(1_000_001) })),
  );
const badContentType = fc.constantFrom(
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonp',
  'json',
  '',
  ';;;',
);
const badAuthorization = fc.oneof(
  fc.constantFrom(
    '',
    'Bearer',
    'Bearer ',
    'Basic dXNlcjpwYXNz',
    'Bearer eyJ.forged',
    'bearer x',
    'Bearer a b',
  ),
  persona.map((p) => `Bearer ${issueSessionToken(p, TEST_SECRET)}.anything`),
  persona.map((p) => `Bearer ${issueSessionToken(p, 'another-secret')}`),
  persona.map((p) => `Bearer ${issueSessionToken(p, TEST_SECRET, Date.now() - 9 * 3_600_000)}`),
);
const badOrigin = fc.constantFrom(
  'http://evil.example',
  'null',
  'http://[',
  '::::',
  'https://localhost',
  'file://',
);
const badIdempotencyKey = fc.constantFrom(
  'x',
  'a b c d e f',
  'ключ-ключ-ключ',
  'k'.repeat(101),
  '%00%00%00%00',
);
/** Date parts no calendar has: every form (each carries "Date it happened") is refused with them. */
const badForm = fc
  .tuple(
    fc.constantFrom(
      'occurredOn-day=31&occurredOn-month=2&occurredOn-year=2026',
      'occurredOn-day=1&occurredOn-month=1&occurredOn-year=1',
    ),
    fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 40 })),
    fc.constantFrom('', '&reason=%00', '&reason=%E2%80%AE', `&reason=${'x'.repeat(3000)}`, '&persona=nobody'),
  )
  .map(([date, junk, extra]) => `${date}&${new URLSearchParams(junk)}${extra}`);

/** Query values each route's schema must refuse, by parameter. */
const BAD_QUERIES = [
  'limit=0',
  'limit=-1',
  'limit=501',
  'limit=abc',
  'moment=yesterday',
  'moment=2026-13-45',
  'moment=2026-02-30T25:61:00Z',
  'moment=99999999999999999999',
  'from=0001-01-01',
  'from=2026-02-30',
  'from=2026-06-01&to=2026-01-01',
  'to=9999-12-31',
  'format=xml',
  'from=x&to=y',
  `cursor=${'c'.repeat(101)}`,
];

interface Fuzzed {
  why: string;
  event: APIGatewayProxyEventV2;
}

const withQuery = (event: APIGatewayProxyEventV2, query: string) => ({ ...event, rawQueryString: query });

/** Malformed requests for one API route, from its method, path template and schemas. */
function apiRequests(route: (typeof world.routes)[number]): fc.Arbitrary<Fuzzed> {
  const ids = {
    childId: world.records.childId,
    volunteerId: world.records.volunteerId,
    kind: 'children',
    id: world.records.childId,
  };
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const path = fill(route.path, ids);
  const fields = route.body ? Object.keys((route.body as unknown as { shape?: object }).shape ?? {}) : [];
  const options: Array<fc.Arbitrary<Fuzzed>> = [
    fc.tuple(wrongMethod, persona, junkQuery).map(([method, as, q]) => ({
      why: `${method} ${path}`,
      event: withQuery(apiEvent(method, path, { as }), q),
    })),
    fc.tuple(badAuthorization, junkQuery).map(([authorization, q]) => ({
      why: `${route.method} ${path} as ${authorization.slice(0, 30)}`,
      event: withQuery(
        apiEvent(route.method, path, {
          headers: authorization ? { authorization } : {},
          body: route.method === 'POST' ? {} : undefined,
        }),
        q,
      ),
    })),
    // The session cookie alone: the API takes bearer tokens only.
    persona.map((as) => ({
      why: `${route.method} ${path} with a cookie`,
      event: {
        ...apiEvent(route.method, path, { body: route.method === 'POST' ? {} : undefined }),
        cookies: [`iv_session=${issueSessionToken(as, TEST_SECRET)}`],
      },
    })),
  ];
  if (params.length > 0)
    options.push(
      fc.tuple(fc.constantFrom(...params), badSegment, persona, junkQuery).map(([param, segment, as, q]) => {
        const bad = fill(route.path, { ...ids, [param]: segment });
        return {
          why: `${route.method} ${bad}`,
          event: withQuery(
            apiEvent(route.method, bad, { as, body: route.method === 'POST' ? {} : undefined }),
            q,
          ),
        };
      }),
    );
  if (route.method === 'POST')
    options.push(
      fc.tuple(badBody(fields), persona, fc.boolean()).map(([body, as, base64]) => ({
        why: `POST ${path} body ${body.slice(0, 60)}`,
        event: base64
          ? {
              ...apiEvent('POST', path, { as, body }),
              body: Buffer.from(body).toString('base64'),
              isBase64Encoded: true,
            }
          : apiEvent('POST', path, { as, body }),
      })),
      fc.tuple(badContentType, persona).map(([type, as]) => ({
        why: `POST ${path} as ${type}`,
        event: apiEvent('POST', path, { as, body: {}, headers: { 'content-type': type } }),
      })),
      fc.tuple(badIdempotencyKey, persona).map(([key, as]) => ({
        why: `POST ${path} key ${key}`,
        event: apiEvent('POST', path, { as, body: {}, headers: { 'idempotency-key': key } }),
      })),
      fc.constant({
        why: `POST ${path} base64 that is not`,
        event: {
          ...apiEvent('POST', path, { as: people.coordinator, body: {} }),
          body: '!!!not base64!!!',
          isBase64Encoded: true,
        },
      }),
    );
  // Only the route's own query parameters: another is ignored, which would make the request a good one.
  const queryKeys = Object.keys((route.query as unknown as { shape?: object } | undefined)?.shape ?? {});
  const badQueries = BAD_QUERIES.filter((q) =>
    q.split('&').every((part) => queryKeys.includes(part.split('=')[0]!)),
  );
  if (badQueries.length > 0)
    options.push(
      fc
        .tuple(fc.constantFrom(...badQueries), fc.constantFrom(people.auditor, people.manager, people.admin))
        .map(([q, as]) => ({
          why: `GET ${path}?${q}`,
          event: apiEvent(route.method, path, { as, query: q }),
        })),
    );
  return fc.oneof(...options);
}

/** Malformed requests for one page, from its method and path template. */
function pageRequests(page: (typeof world.pages)[number]): fc.Arbitrary<Fuzzed> {
  const ids = { childId: world.records.childId, volunteerId: world.records.volunteerId };
  const params = [...page.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const path = fill(page.path, ids);
  const sameSite = { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' };
  const options: Array<fc.Arbitrary<Fuzzed>> = [
    fc
      .tuple(wrongMethod, persona)
      .map(([method, as]) => ({ why: `${method} ${path}`, event: pageEvent(method, path, { as }) })),
    fc
      .tuple(
        fc.constantFrom(
          'iv_session=',
          'iv_session=garbage',
          'iv_session=a.b.c',
          'iv_session=%zz',
          'iv_flash=%E0%A4%A',
        ),
        junkQuery,
      )
      .map(([cookie, q]) => ({
        why: `${page.method} ${path} cookie ${cookie}`,
        event: {
          ...pageEvent(page.method, path, { query: q, form: page.method === 'POST' ? '' : undefined }),
          cookies: [cookie],
        },
      })),
  ];
  if (params.length > 0)
    options.push(
      fc.tuple(fc.constantFrom(...params), badSegment, persona, junkQuery).map(([param, segment, as, q]) => {
        const bad = fill(page.path, { ...ids, [param]: segment });
        return {
          why: `${page.method} ${bad}`,
          event: pageEvent(page.method, bad, {
            as,
            query: q,
            form: page.method === 'POST' ? '' : undefined,
            headers: sameSite,
          }),
        };
      }),
    );
  if (page.method === 'POST')
    options.push(
      fc.tuple(badForm, persona).map(([form, as]) => ({
        why: `POST ${path} form ${form.slice(0, 60)}`,
        event: pageEvent('POST', path, { as, form, headers: sameSite }),
      })),
      // From another site, even with a form that would otherwise be accepted.
      fc.tuple(badOrigin, persona).map(([origin, as]) => ({
        why: `POST ${path} from ${origin}`,
        event: pageEvent('POST', path, { as, form: '', headers: { origin } }),
      })),
      fc.tuple(fc.constantFrom('cross-site', 'same-site'), persona).map(([site, as]) => ({
        why: `POST ${path} sec-fetch-site ${site}`,
        event: pageEvent('POST', path, { as, form: '', headers: { 'sec-fetch-site': site } }),
      })),
      persona.map((as) => ({
        why: `POST ${path} of 1 MB`,
        event: pageEvent('POST', path, { as, form: `a=${'x'.repeat(1_000_000)}`, headers: sameSite }),
      })),
    );
  return fc.oneof(...options);
}

describe('the fuzzer', () => {
  it('sends at least 2,000 malformed requests across every route and page: none answers 500 or more, none writes', async () => {
    const before = await world.counts();
    const requests = [
      ...world.routes.flatMap((route) =>
        fc
          .sample(apiRequests(route), { numRuns: RUNS_PER_ROUTE, seed: SEED })
          .map((r) => ({ ...r, to: world.api })),
      ),
      ...world.pages.flatMap((page) =>
        fc
          .sample(pageRequests(page), { numRuns: RUNS_PER_ROUTE, seed: SEED })
          .map((r) => ({ ...r, to: world.web })),
      ),
    ];
    expect(requests.length).toBeGreaterThanOrEqual(2_000);

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const { why, event, to } of requests) {
      const status = await to(event).then(
        (response) => response.statusCode ?? 200,
        (error: unknown) => `threw ${String(error)}`,
      );
      if (typeof status === 'number') statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (typeof status !== 'number' || status >= 500) failures.push(`${status}: ${why}`);
    }
    expect(failures).toEqual([]);
    // Nothing got through as if it were a good request.
    expect([...statuses.keys()].filter((s) => s < 300 && s !== 200)).toEqual([]);
    // No table changed, but for the access log: a page shown (200) is a view of a record, and views are logged.
    const after = await world.counts();
    const isAccessLog = (table: string) => /AccessLog/.test(table);
    const unlogged = (counts: Record<string, number>) =>
      Object.fromEntries(Object.entries(counts).filter(([table]) => !isAccessLog(table)));
    expect(unlogged(after)).toEqual(unlogged(before));
    const views = Object.keys(after)
      .filter(isAccessLog)
      .reduce((n, table) => n + after[table]! - before[table]!, 0);
    expect(views).toBeLessThanOrEqual(statuses.get(200) ?? 0);
  });
});
