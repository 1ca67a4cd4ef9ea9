import { z } from 'zod';
import type { App } from '../../../application/app';
import { laReportCsv, nationalReturnCsv } from '../../../application/reports/csv';
import { nationalReturnFor, periodOf, reportForLa } from '../../../application/reports/reports';
import { LocalDateSchema } from '../../../events/contracts/common';
import { HttpProblem } from '../../http/problem';
import { type Route, route } from '../../http/router';

const PeriodQuery = z
  .object({
    from: LocalDateSchema.optional(),
    to: LocalDateSchema.optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] });

const csv = (body: string, name: string) => ({
  body: undefined,
  raw: body,
  headers: {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
  },
});

/** Reports: one LA's (for its own staff) and the national return (aggregates only, for national analysts). */
export function reportRoutes(app: App): Route[] {
  return [
    route({
      method: 'GET',
      path: '/api/reports/la',
      summary:
        'Your local authority’s report for a period: access rate, waits, who is left waiting, flows, deadlines',
      tag: 'reports',
      action: 'report:la',
      query: PeriodQuery,
      handle: async ({ principal, query }) => {
        const report = await reportForLa(app, principal.la, periodOf(app, query.from, query.to));
        return query.format === 'csv'
          ? csv(laReportCsv(report), `iv-report-${report.la}-${report.period.to}.csv`)
          : { body: report };
      },
    }),
    route({
      method: 'GET',
      path: '/api/reports/national',
      summary:
        'The national return: one row per local authority, regions and countries, small numbers suppressed',
      tag: 'reports',
      action: 'report:national',
      query: PeriodQuery,
      handle: async ({ query }) => {
        const national = await nationalReturnFor(app, periodOf(app, query.from, query.to));
        return query.format === 'csv'
          ? csv(nationalReturnCsv(national), `iv-national-return-${national.period.to}.csv`)
          : { body: national };
      },
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
          .regex(/^(\d+[wdhm])+$/, 'must look like 21d, 1w2d or 6h')
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
