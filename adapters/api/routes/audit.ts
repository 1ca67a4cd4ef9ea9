import * as z from 'zod';
import type { App } from '../../../application/app';
import type { Moment } from '../../../application/audit/as-of';
import type { ViewFilter } from '../../../application/audit/views';
import { actorOf } from '../../../application/children/children';
import { LocalDateSchema, RecordId } from '../../../events/contracts/common';
import { type Route, route } from '../../http/router';

const KINDS = { children: 'child', volunteers: 'volunteer' } as const;
const RecordParams = z.object({ kind: z.enum(['children', 'volunteers']), id: RecordId });
const streamOf = (params: z.infer<typeof RecordParams>) => `${KINDS[params.kind]}#${params.id}`;

/** A moment is a version number or a recorded time (an ISO instant, or a date meaning the end of that day, UTC). */
export const MomentParam = z
  .string()
  .refine(
    (value) =>
      (/^\d{1,15}$/.test(value) && Number.isSafeInteger(Number(value))) ||
      LocalDateSchema.safeParse(value).success ||
      z.iso.datetime().safeParse(value).success,
    'must be a version number, a date or an ISO time',
  )
  .transform(
    (value): Moment =>
      /^\d+$/.test(value)
        ? { version: Number(value) }
        : { at: value.length === 10 ? `${value}T23:59:59.999Z` : value },
  );

/** Which views: one person's (by user id), from one London day to another. */
const ViewFilterQuery = z
  .object({
    viewer: z.string().min(1).max(128).optional(),
    from: LocalDateSchema.optional(),
    to: LocalDateSchema.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] });
const viewFilter = (q: { viewer?: string; from?: string; to?: string }): ViewFilter => ({
  ...(q.viewer ? { viewerId: q.viewer } : {}),
  ...(q.from ? { from: q.from } : {}),
  ...(q.to ? { to: q.to } : {}),
});

/** The auditors' read-only API. Every call is authorised by role and LA and recorded in the record's access log. */
export function auditRoutes(app: App): Route[] {
  const base = '/api/audit/{kind}/{id}';
  return [
    route({
      method: 'GET',
      path: `${base}/history`,
      summary:
        'The full history of a record: every event as stored and as read today, with who, when and why; the hash chain verified',
      tag: 'audit',
      action: 'audit:read',
      params: RecordParams,
      query: z.object({
        cursor: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
      handle: async ({ principal, params, query }) => ({
        body: await app.audit.history(actorOf(principal), 'api', streamOf(params), query),
      }),
    }),
    route({
      method: 'GET',
      path: `${base}/as-of`,
      summary: 'What the record said at a moment: by version or by recorded time',
      tag: 'audit',
      action: 'audit:read',
      params: RecordParams,
      query: z.object({ moment: MomentParam }),
      handle: async ({ principal, params, query }) => ({
        body: await app.audit.asOf(actorOf(principal), 'api', streamOf(params), query.moment),
      }),
    }),
    route({
      method: 'GET',
      path: `${base}/diff`,
      summary: 'What changed in the record between two moments',
      tag: 'audit',
      action: 'audit:read',
      params: RecordParams,
      query: z.object({ from: MomentParam, to: MomentParam }),
      handle: async ({ principal, params, query }) => ({
        body: await app.audit.diff(actorOf(principal), 'api', streamOf(params), query.from, query.to),
      }),
    }),
    route({
      method: 'GET',
      path: `${base}/export`,
      summary:
        'An export bundle an auditor can keep: the stored events, their verification and the replayed state',
      tag: 'audit',
      action: 'audit:read',
      params: RecordParams,
      handle: async ({ principal, params }) => {
        const files = await app.audit.export(actorOf(principal), 'api', streamOf(params));
        return { body: files.bundle, headers: { 'x-content-sha256': files.jsonSha256 } };
      },
    }),
    route({
      method: 'GET',
      path: `${base}/views`,
      summary:
        'Who viewed the record, when, what they saw and how; the access log’s own chain verified. ' +
        'With viewer, from or to (London days), only those views, all of them at once',
      tag: 'audit',
      action: 'audit:read',
      params: RecordParams,
      query: ViewFilterQuery.extend({ cursor: z.string().max(100).optional() }),
      handle: async ({ principal, params, query }) => {
        const { cursor, ...filter } = query;
        return {
          body:
            Object.keys(filter).length > 0
              ? await app.audit.viewsFiltered(actorOf(principal), 'api', streamOf(params), viewFilter(filter))
              : await app.audit.views(actorOf(principal), 'api', streamOf(params), { cursor }),
        };
      },
    }),
    route({
      method: 'GET',
      path: `${base}/since`,
      summary: 'The record at a moment, the record now, and each change since as a sentence with its day',
      tag: 'audit',
      action: 'audit:read',
      params: RecordParams,
      query: z.object({ moment: MomentParam }),
      handle: async ({ principal, params, query }) => ({
        body: await app.audit.since(actorOf(principal), 'api', streamOf(params), query.moment),
      }),
    }),
    route({
      method: 'GET',
      path: '/api/audit/viewed-by',
      summary:
        'What one person viewed across your local authority’s records, newest first (references and times only)',
      tag: 'audit',
      action: 'audit:read',
      query: ViewFilterQuery.required({ viewer: true }),
      handle: async ({ principal, query }) => {
        const { viewerId, ...days } = viewFilter(query);
        return { body: await app.audit.viewedBy(actorOf(principal), viewerId!, days) };
      },
    }),
    route({
      method: 'GET',
      path: '/api/audit/verify',
      summary:
        'Verifies a batch of your local authority’s records, in order: pass next back as after for the next ' +
        'batch; each broken record with its first broken version',
      tag: 'audit',
      action: 'audit:read',
      query: z.object({
        after: z.string().min(1).max(200).optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(200),
      }),
      handle: async ({ principal, query }) => ({
        body: await app.audit.verifyBatch(actorOf(principal), query),
      }),
    }),
  ];
}
