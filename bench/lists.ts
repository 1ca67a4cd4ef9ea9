import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createApiHandler } from '../adapters/api/app';
import { LocalKeyWrapper } from '../adapters/crypto/local-key-wrapper';
import { StaticStaffDirectory } from '../adapters/directory/static-directory';
import { issueSessionToken } from '../adapters/http/session';
import { createWebHandler } from '../adapters/web/app';
import type { Principal } from '../application/access';
import { quietLog } from '../application/ports/log';
import type { ChildRow } from '../application/projections/child-row';
import { createStreamProjector } from '../application/projections/project';
import { rebuild } from '../application/projections/rebuild';
import { staffRosterOf } from '../application/simulation/staff';
import { buildApp } from '../functions/composition';
import { startDynamoDbLocal } from '../infra/local/dynamodb';
import { createTables, localTables, synthesizeTemplates, tablesFromTemplates } from '../infra/local/template';
import { seedLa } from '../scripts/seed';
import { round, summarise } from './stats';

/**
 * The server time of the task list and of search on one generated LA, at two sizes: a page must cost the same on a
 * 2,000-child LA as on a 500-child one, because every list is a query on an index and counts are kept, not counted.
 * Timed through the real web and API handlers (routing, session, queries, names, rendering), against DynamoDB Local.
 */
const LA = 'E08000025';
const SECRET = 'bench-secret';
const AS_OF = '2026-11-30';

export interface ListFigures {
  children: number;
  samples: number;
  /** Milliseconds: p50 and p95 of each request. */
  timings: Record<string, { p50: number; p95: number }>;
  /** The same after the clock was moved on CLOCK_MOVE_DAYS (more duties due and overdue): the first request, then p95. */
  afterClockMove?: Record<string, { first: number; p50: number; p95: number }>;
}

/** How far the clock is moved on: past a month, so visits, reviews and reminders fall due. */
export const CLOCK_MOVE_DAYS = 35;

const event = (path: string, query: string, as: Principal): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    rawPath: path,
    rawQueryString: query,
    headers: { host: 'localhost', authorization: `Bearer ${issueSessionToken(as, SECRET)}` },
    requestContext: {
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    },
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;

/** One generated LA, projected, with its requests ready to time. */
interface Prepared {
  children: number;
  requests: Record<string, () => Promise<unknown>>;
  moveClock: () => void;
  stop: () => Promise<void>;
}

async function prepare(children: number, log: (line: string) => void): Promise<Prepared> {
  const dynamo = await startDynamoDbLocal();
  const templates = synthesizeTemplates();
  await createTables(dynamo.client, tablesFromTemplates(templates));
  const tables = localTables(templates);
  const coordinator: Principal = {
    id: 'bench-coordinator',
    name: 'Bench Coordinator',
    role: 'coordinator',
    la: LA,
  };
  const staff = staffRosterOf(LA, children, [{ ...coordinator, team: 'Independent Visitor Service' }]);
  log(`lists ${children}: generating and projecting`);
  const keys = LocalKeyWrapper.atPath(join(mkdtempSync(join(tmpdir(), 'iv-bench-lists-')), 'kek'));
  await seedLa(dynamo.client, tables, LA, { children, seed: 'bench-lists', asOf: AS_OF, staff, keys });
  let clock = new Date(`${AS_OF}T09:30:00.000Z`);
  const now = () => clock;
  const app = buildApp({
    client: dynamo.client,
    tables: { ...tables },
    now,
    keys,
    staff: new StaticStaffDirectory(staff),
  });
  const project = createStreamProjector({
    store: app.store,
    readModels: app.readModels,
    now,
    log: quietLog,
  });
  await rebuild({ store: app.store, project, las: [LA], concurrency: 8 });

  const rows: ChildRow[] = [];
  for await (const row of app.readModels.childRowsOf(LA)) if (row.current) rows.push(row);
  const socialWorker = staff.find((m) => m.role === 'social-worker')!;
  const iro = staff.find((m) => m.role === 'iro')!;
  const as = (m: { id: string; name: string; role: Principal['role'] }): Principal => ({ ...m, la: LA });
  const web = createWebHandler(app, { localSessionSecret: SECRET });
  const api = createApiHandler(app, { localSessionSecret: SECRET });
  const someone = rows[Math.floor(rows.length / 2)]!;
  log(`lists ${children}: ${rows.length} children in care`);
  return {
    children,
    requests: {
      'task list, coordinator (whole LA)': () => web(event('/', '', coordinator)),
      'task list, coordinator, overdue reviews': () =>
        web(event('/', 'duty=review&due=overdue', coordinator)),
      'task list, social worker (my caseload)': () => web(event('/', '', as(socialWorker))),
      'task list, IRO (my caseload, page 2)': () => web(event('/', 'page=2', as(iro))),
      'search by part of a last name': () =>
        web(event('/children/search', `q=${someone.lastName!.slice(0, 3)}`, coordinator)),
      'search by first and last name': () =>
        web(
          event(
            '/children/search',
            `q=${encodeURIComponent(`${someone.firstNames!.split(' ')[0]} ${someone.lastName}`)}`,
            coordinator,
          ),
        ),
      'search by date of birth': () =>
        web(event('/children/search', `q=${someone.dateOfBirth}`, coordinator)),
      'search by case-system id (API)': () =>
        api(event('/api/children/search', `q=${someone.caseSystemId!.slice(0, 5)}`, coordinator)),
    },
    moveClock: () => {
      clock = new Date(clock.getTime() + CLOCK_MOVE_DAYS * 86_400_000);
    },
    stop: () => dynamo.stop(),
  };
}

/**
 * Every size is generated first, each in a DynamoDB Local of its own, and then timed in turns (a sample of each
 * request at each size, round after round), so a ratio between sizes compares requests made under the same load.
 */
export async function benchLists(
  sizes: readonly number[],
  samples: number,
  log: (line: string) => void,
): Promise<ListFigures[]> {
  const prepared: Prepared[] = [];
  try {
    for (const children of sizes) prepared.push(await prepare(children, log));
    const names = Object.keys(prepared[0]!.requests);
    const timeOne = async (la: Prepared, name: string) => {
      const start = process.hrtime.bigint();
      const response = (await la.requests[name]!()) as { statusCode?: number };
      if (response.statusCode !== 200) throw new Error(`${name} answered ${response.statusCode}`);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const timeAll = async () => {
      const samplesOf = prepared.map(() => Object.fromEntries(names.map((n) => [n, [] as number[]])));
      for (let i = 0; i < samples; i++)
        for (const [k, la] of prepared.entries())
          for (const name of names) samplesOf[k]![name]!.push(await timeOne(la, name));
      return samplesOf.map((of) =>
        Object.fromEntries(
          names.map((name) => {
            const sorted = [...of[name]!].sort((a, b) => a - b);
            return [
              name,
              {
                p50: round(summarise(sorted).p50, 1),
                p95: round(sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))]!, 1),
              },
            ];
          }),
        ),
      );
    };
    // Warm up: JIT, templates and DynamoDB Local's caches.
    for (const la of prepared)
      for (const request of Object.values(la.requests)) for (let i = 0; i < 3; i++) await request();
    log(`lists: timing ${samples} of each request at ${sizes.join(' and ')} children, in turns`);
    const timings = await timeAll();
    log(`lists: the clock moved on ${CLOCK_MOVE_DAYS} days`);
    const first: Array<Record<string, number>> = [];
    for (const la of prepared) {
      la.moveClock();
      const firsts: Record<string, number> = {};
      for (const name of names) firsts[name] = round(await timeOne(la, name), 1);
      first.push(firsts);
    }
    const moved = await timeAll();
    return prepared.map((la, k) => ({
      children: la.children,
      samples,
      timings: timings[k]!,
      afterClockMove: Object.fromEntries(names.map((n) => [n, { first: first[k]![n]!, ...moved[k]![n]! }])),
    }));
  } finally {
    for (const la of prepared) await la.stop();
  }
}
