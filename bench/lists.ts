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
 * 2,000-child LA as on a 500-child one, because every list is a query on an index and counts stop at a bound. Timed
 * through the real web and API handlers (routing, session, queries, names, rendering), against DynamoDB Local.
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

export async function benchLists(
  sizes: readonly number[],
  samples: number,
  log: (line: string) => void,
): Promise<ListFigures[]> {
  const results: ListFigures[] = [];
  for (const children of sizes) {
    const dynamo = await startDynamoDbLocal();
    try {
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
      const requests: Record<string, () => Promise<unknown>> = {
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
      };
      log(`lists ${children}: ${rows.length} children in care, timing ${samples} of each request`);
      const names = Object.keys(requests);
      const timeOne = async (name: string) => {
        const start = process.hrtime.bigint();
        const response = (await requests[name]!()) as { statusCode?: number };
        if (response.statusCode !== 200) throw new Error(`${name} answered ${response.statusCode}`);
        return Number(process.hrtime.bigint() - start) / 1e6;
      };
      const timeAll = async () => {
        const samplesOf: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
        for (let i = 0; i < samples; i++)
          for (const name of names) samplesOf[name]!.push(await timeOne(name));
        return Object.fromEntries(
          names.map((name) => {
            const sorted = [...samplesOf[name]!].sort((a, b) => a - b);
            return [
              name,
              {
                p50: round(summarise(sorted).p50, 1),
                p95: round(sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))]!, 1),
              },
            ];
          }),
        );
      };
      // Warm up: JIT, templates and DynamoDB Local's caches.
      for (const request of Object.values(requests)) for (let i = 0; i < 3; i++) await request();
      const timings = await timeAll();
      log(`lists ${children}: the clock moved on ${CLOCK_MOVE_DAYS} days`);
      clock = new Date(clock.getTime() + CLOCK_MOVE_DAYS * 86_400_000);
      const first: Record<string, number> = {};
      for (const name of names) first[name] = round(await timeOne(name), 1);
      const moved = await timeAll();
      const afterClockMove = Object.fromEntries(names.map((n) => [n, { first: first[n]!, ...moved[n]! }]));
      results.push({ children, samples, timings, afterClockMove });
    } finally {
      await dynamo.stop();
    }
  }
  return results;
}
