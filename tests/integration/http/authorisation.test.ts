import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../application/access';
import type { Role } from '../../../events/envelope';
import { people } from '../../support/app';
import { apiEvent } from '../../support/http';
import { fill, httpWorld, pageEvent } from '../../support/http-world';
import { JPEG, receipt, withMultipart } from '../../support/multipart';
import { visitorWorld } from '../../support/visitors';

/**
 * The authorisation matrix: every persona (and nobody) against every API route and every page. Who may do what is
 * written out here, from the domain brief's roles, independently of the code's own table: a route that checks the
 * wrong permission, or none, fails a cell; so does one where another LA's record answers otherwise than a record
 * nobody has. POSTs carry a body or form the route must refuse, so the matrix writes nothing.
 */
const MAY: Record<string, readonly Role[]> = {
  'signed-in': [
    'coordinator',
    'social-worker',
    'iro',
    'manager',
    'auditor',
    'admin',
    'national-analyst',
    'independent-visitor',
  ],
  'child:read': ['coordinator', 'social-worker', 'iro', 'manager', 'auditor', 'admin'],
  'child:record': ['coordinator', 'social-worker', 'manager', 'admin'],
  'review:record': ['iro', 'manager', 'admin'],
  'volunteer:read': ['coordinator', 'manager', 'auditor', 'admin'],
  'volunteer:record': ['coordinator', 'manager', 'admin'],
  'match:make': ['coordinator', 'manager', 'admin'],
  'tasks:read': ['coordinator', 'social-worker', 'iro', 'manager', 'admin'],
  'report:la': ['coordinator', 'manager', 'auditor', 'admin'],
  'report:national': ['national-analyst', 'admin'],
  'audit:read': ['auditor', 'admin'],
  'clock:control': ['admin'],
  'personal-data:manage': ['manager', 'admin'],
  'subject-access:export': ['manager', 'auditor', 'admin'],
  // The issue: "Nothing is written until a coordinator or admin confirms."
  'children:import': ['coordinator', 'admin'],
  // The issue: volunteers "with the same preview and validation", so confirmed by the same people.
  'volunteers:import': ['coordinator', 'admin'],
  // A volunteer's own matches: the visitor alone; which children are theirs is checked by their record.
  'visitor:own-matches': ['independent-visitor'],
  // Safeguarding: raised by the child's coordinator or social worker (an IV raises one through their own routes),
  // acknowledged by the coordinator, taken further by either; a manager or an admin may stand in.
  'concern:raise': ['coordinator', 'social-worker', 'manager', 'admin'],
  'concern:acknowledge': ['coordinator', 'manager', 'admin'],
  'concern:manage': ['coordinator', 'social-worker', 'manager', 'admin'],
  // Expense claims: the coordinator decides and opens receipts (a manager or an admin may stand in); an IV claims
  // through their own routes, which never take a volunteer's id.
  'expense:decide': ['coordinator', 'manager', 'admin'],
};
/** The queries the routes need to answer at all, by the last part of their path. */
const QUERIES: Record<string, string> = {
  'as-of': 'moment=1',
  since: 'moment=1',
  diff: 'from=1&to=2',
  'viewed-by': `viewer=${people.auditor.id}`,
  '/api/reports/la/children': 'figure=lookedAfter',
  '/api/children/search': 'q=Sam',
};
/** Forms that record nothing, so there is nothing in them to refuse: a batch of the verification. */
const READ_ONLY_POSTS = new Set(['/audit/verify']);
/** A form every page must refuse: no calendar has 31 February. */
const REFUSED_FORM = 'occurredOn-day=31&occurredOn-month=2&occurredOn-year=2026';
/** Ids of records nobody has. */
const NOBODYS = { childId: '01JH0000000000000000000000', volunteerId: '01JH0000000000000000000001' };

let world: Awaited<ReturnType<typeof httpWorld>>;
beforeAll(async () => {
  world = await httpWorld();
});

/** Every persona, the Independent Visitor as the visitor of the world's child, and nobody. */
const personasOf = (): Array<[string, Principal | undefined]> => [
  ...Object.entries(people),
  ['visitor', world.visitor],
  ['nobody', undefined],
];
const status = (r: APIGatewayProxyStructuredResultV2) => r.statusCode ?? 200;
const detailOf = (r: APIGatewayProxyStructuredResultV2) => JSON.parse(r.body || '{}').detail;
const mayDo = (as: Principal, action: string) => (MAY[action] ?? []).includes(as.role);
/** Someone of another LA, on a route about one record. */
const elsewhere = (as: Principal, template: string) =>
  as.la !== people.coordinator.la && template.includes('{');

describe('the authorisation matrix', () => {
  it('gives every persona exactly what its role and local authority allow on every API route', async () => {
    const wrong: string[] = [];
    const personas = personasOf();
    let cells = 0;
    for (const route of world.routes) {
      const query = QUERIES[route.path] ?? QUERIES[route.path.split('/').at(-1)!] ?? '';
      const send = (as: Principal | undefined, ids: typeof NOBODYS) =>
        world.api(
          apiEvent(route.method, fill(route.path, { ...ids, kind: 'children', id: ids.childId }), {
            as,
            query,
            body: route.method === 'POST' ? { unexpected_field: true } : undefined,
          }),
        );
      for (const [name, as] of personas) {
        cells++;
        const response = await send(as, world.records);
        const expected = !as
          ? 401
          : !mayDo(as, route.action)
            ? 403
            : route.method === 'POST'
              ? 400
              : elsewhere(as, route.path)
                ? 404
                : 200;
        if (status(response) !== expected)
          wrong.push(`${name} ${route.method} ${route.path}: ${status(response)}, expected ${expected}`);
        else if (expected === 404 && detailOf(response) !== detailOf(await send(as, NOBODYS)))
          wrong.push(
            `${name} ${route.method} ${route.path}: another LA's record answers otherwise than none`,
          );
      }
    }
    expect(wrong).toEqual([]);
    expect(cells).toBe(world.routes.length * personas.length);
  });

  it('gives every persona exactly what its role and local authority allow on every page', async () => {
    const wrong: string[] = [];
    const personas = personasOf();
    for (const page of world.pages) {
      const send = (as: Principal | undefined, ids: typeof NOBODYS) => {
        const event: APIGatewayProxyEventV2 = pageEvent(page.method, fill(page.path, ids), {
          as,
          headers: { origin: 'http://localhost' },
          form: page.method === 'POST' ? REFUSED_FORM : undefined,
        });
        return world.web(event);
      };
      for (const [name, as] of personas) {
        const response = await send(as, world.records);
        const code = status(response);
        const location = String(response.headers?.location ?? '');
        const problem = (expected: string) =>
          wrong.push(`${name} ${page.method} ${page.path}: ${code} ${location}, expected ${expected}`);
        if (page.action === 'public') {
          if (code >= 500 || code === 403) problem('the public page');
        } else if (!as) {
          if (code !== 303 || location !== '/sign-in') problem('a redirect to sign-in');
        } else if (!mayDo(as, page.action)) {
          if (code !== 403) problem('403');
        } else if (elsewhere(as, page.path)) {
          const none = status(await send(as, NOBODYS));
          if (code !== none) problem(`${none}, as for a record nobody has`);
          if (page.method === 'GET' && /^\/(children|volunteers)\/\{\w+\}$/.test(page.path) && code !== 404)
            problem('404 for the record itself');
        } else if (
          code === 401 ||
          code === 403 ||
          code >= 500 ||
          (page.method === 'POST' && !READ_ONLY_POSTS.has(page.path) && code < 300)
        ) {
          problem(page.method === 'POST' ? 'the form refused' : 'the page');
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('an Independent Visitor and the expense claims of another', () => {
  it('never reads, decides or opens the receipt of another volunteer’s claim, and claims only on their own record', async () => {
    const others = visitorWorld(world.api);
    const other = await others.volunteer('Morgan Ellis');
    const claim = (as: Principal) =>
      world.api(
        withMultipart(
          apiEvent('POST', '/api/my/expenses', { as }),
          {
            amount: '3.40',
            category: 'travel',
            spentOn: new Date().toISOString().slice(0, 10),
            description: 'Bus',
          },
          [receipt(JPEG)],
        ),
      );
    const theirs = JSON.parse((await claim(other.visitor)).body!);
    expect(theirs.volunteerId).toBe(other.volunteerId);
    const mine = JSON.parse((await claim(world.visitor)).body!);
    expect(mine.volunteerId).toBe(world.visitor.volunteerId);

    const listed = JSON.parse(
      (await world.api(apiEvent('GET', '/api/my/expenses', { as: world.visitor }))).body!,
    );
    expect(listed.claims.map((c: { claimId: string }) => c.claimId)).toEqual([mine.claimId]);

    const base = `/volunteers/${other.volunteerId}/expenses/${theirs.claimId}`;
    const asVisitor = { as: world.visitor };
    expect(
      status(await world.api(apiEvent('GET', `/api/volunteers/${other.volunteerId}/expenses`, asVisitor))),
    ).toBe(403);
    for (const decision of ['approval', 'rejection'])
      expect(
        status(
          await world.api(
            apiEvent('POST', `/api${base}/${decision}`, { ...asVisitor, body: { rejectionReason: 'No' } }),
          ),
        ),
      ).toBe(403);
    expect(status(await world.web(pageEvent('GET', `${base}/receipt`, asVisitor)))).toBe(403);
    expect(status(await world.web(pageEvent('GET', `${base}/approval`, asVisitor)))).toBe(403);
    // And their claim still waits, undecided.
    const stillTheirs = JSON.parse(
      (await world.api(apiEvent('GET', '/api/my/expenses', { as: other.visitor }))).body!,
    );
    expect(stillTheirs.claims).toEqual([
      expect.objectContaining({ claimId: theirs.claimId, status: 'waiting' }),
    ]);
  });
});
