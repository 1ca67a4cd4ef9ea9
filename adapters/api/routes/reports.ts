import * as z from 'zod';
import { mayDo } from '../../../application/access';
import type { App } from '../../../application/app';
import { clockMoveProblem } from '../../../application/ports/clock';
import { laReportCsv, nationalReturnCsv } from '../../../application/reports/csv';
import { DIMENSIONS } from '../../../application/reports/equality';
import { CHILD_FIGURES } from '../../../application/reports/figures';
import { CONVENTION_NAMES } from '../../../application/reports/national-return';
import { checkPeriod, type FieldProblem } from '../../../application/reports/period';
import {
  childrenBehindFigure,
  nationalReturnFor,
  reportForLa,
  whatIfFor,
} from '../../../application/reports/reports';
import { DEFAULT_RUNS, MAX_RUNS } from '../../../application/reports/what-if';
import { londonDateOf } from '../../../domain/calendar';
import { LocalDateSchema } from '../../../events/contracts/common';
import { badRequest, forbidden, HttpProblem } from '../../http/problem';
import { type Route, route } from '../../http/router';

const FORMATS = {
  json: undefined,
  csv: 'people',
  'csv-machine': 'machines',
} as const;

const PeriodQuery = z.object({
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
  format: z.enum(['json', 'csv', 'csv-machine']).default('json'),
});

const refuse = (problems: FieldProblem[]) =>
  badRequest(problems.map((p) => ({ name: `query.${p.field}`, reason: p.message })));

/** The period asked for, checked against today: a bad one is refused, never replaced. */
function periodOf(app: App, query: { from?: string; to?: string }) {
  const checked = checkPeriod(query, londonDateOf(app.now()));
  if ('problems' in checked) throw refuse(checked.problems);
  return checked.period;
}

const csv = (body: string, name: string) => ({
  body: undefined,
  raw: body,
  headers: {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
  },
});

/** Reports: one LA's (for its own staff), the national return (aggregates only, for national analysts), a what-if. */
export function reportRoutes(app: App): Route[] {
  return [
    route({
      method: 'GET',
      path: '/api/reports/la',
      summary:
        'Your local authority’s report for a period: access rate, waits, who is left waiting, flows, deadlines. ' +
        'format=csv has headings people read; format=csv-machine has stable keys and raw values.',
      tag: 'reports',
      action: 'report:la',
      query: PeriodQuery,
      handle: async ({ principal, query }) => {
        const report = await reportForLa(app, principal.la, periodOf(app, query));
        const audience = FORMATS[query.format];
        return audience
          ? csv(
              laReportCsv(report, audience),
              `iv-report-${report.la}-${report.period.to}${audience === 'machines' ? '-machine' : ''}.csv`,
            )
          : { body: report };
      },
    }),
    route({
      method: 'GET',
      path: '/api/reports/la/children',
      summary:
        'The children behind one figure of your report on a date (optionally one group of a breakdown): one row each',
      tag: 'reports',
      action: 'report:la',
      query: z
        .object({
          figure: z.enum(CHILD_FIGURES),
          on: LocalDateSchema.optional(),
          by: z.enum(Object.keys(DIMENSIONS) as [keyof typeof DIMENSIONS]).optional(),
          group: z.string().min(1).max(100).optional(),
        })
        .refine((q) => (q.by === undefined) === (q.group === undefined), {
          message: 'by and group go together',
          path: ['group'],
        }),
      handle: async ({ principal, query }) => {
        if (!mayDo(principal, 'child:read')) throw forbidden('Your role cannot see lists of children.');
        const on = periodOf(app, { to: query.on }).to;
        const group = query.by && query.group ? { dimension: query.by, category: query.group } : undefined;
        const children = await childrenBehindFigure(app, principal.la, query.figure, on, group);
        return { body: { figure: query.figure, on, group, count: children.length, children } };
      },
    }),
    route({
      method: 'GET',
      path: '/api/reports/national',
      summary:
        'The national return: one row per local authority, English regions, England, Wales and England and Wales; ' +
        'small numbers protected by the chosen convention (nivn: 1 to 5 suppressed; statswales: rounded to 5)',
      tag: 'reports',
      action: 'report:national',
      query: PeriodQuery.extend({ suppression: z.enum(CONVENTION_NAMES).default('nivn') }),
      handle: async ({ query }) => {
        const national = await nationalReturnFor(app, periodOf(app, query), query.suppression);
        const audience = FORMATS[query.format];
        return audience
          ? csv(
              nationalReturnCsv(national, audience),
              `iv-national-return-${national.period.to}-${national.convention}${audience === 'machines' ? '-machine' : ''}.csv`,
            )
          : { body: national };
      },
    }),
    route({
      method: 'GET',
      path: '/api/reports/what-if',
      summary:
        'A projection of your access rate over the next 12 months, as now and with changes (more volunteers, a ' +
        'target for matching, an offer at every first review), across seeded runs of the real deciders',
      tag: 'reports',
      action: 'report:la',
      query: z.object({
        extraVolunteers: z.coerce.number().int().min(0).max(500).default(0),
        matchWithinDays: z.coerce.number().int().min(1).max(365).optional(),
        offerAtFirstReview: z.enum(['yes', 'no']).default('no'),
        runs: z.coerce.number().int().min(1).max(MAX_RUNS).default(DEFAULT_RUNS),
        seed: z
          .string()
          .regex(/^[\w-]{1,40}$/, 'must be letters, digits, - or _')
          .default('projection'),
      }),
      handle: async ({ principal, query }) => ({
        body: await whatIfFor(app, principal.la, {
          ...query,
          offerAtFirstReview: query.offerAtFirstReview === 'yes',
        }),
      }),
    }),
    route({
      method: 'POST',
      path: '/api/admin/clock',
      summary:
        'Local system only: move the controllable clock forward (e.g. "21d") or to an instant, and let deadlines fire',
      tag: 'admin',
      action: 'clock:control',
      body: z.strictObject({
        advance: z
          .string()
          .max(40)
          .superRefine((value, ctx) => {
            const problem = clockMoveProblem(value);
            if (problem) ctx.addIssue({ code: 'custom', message: problem });
          })
          .optional(),
        to: z.iso.datetime().optional(),
      }),
      handle: async ({ body }) => {
        if (!app.local)
          throw new HttpProblem(404, 'Not found', 'The clock can only be moved on the local system.');
        const now = body.to
          ? await app.local.setClock(new Date(body.to))
          : await app.local.advanceClock(body.advance ?? '0d');
        return { body: { now: now.toISOString() } };
      },
    }),
  ];
}
