import type { App } from '../../../application/app';
import { readsDifferently } from '../../../application/audit/history';
import { actorOf } from '../../../application/children/children';
import { LocalDateSchema, RecordId } from '../../../events/contracts/common';
import { childStreamId } from '../../../events/stream-id';
import { notFound } from '../../http/problem';
import { timestamp } from '../dates';
import type { Page } from '../pages';

const childRef = (value: string | undefined) => {
  if (!value || !RecordId.safeParse(value).success)
    throw notFound('There is no child with that reference in your local authority.');
  return value;
};
const json = (value: unknown) => JSON.stringify(value, null, 2);
const short = (value: unknown) =>
  value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);

/** The auditors' pages. Read-only: nothing here can write an event, and every page is recorded as a view. */
export function auditPages(app: App): Page[] {
  return [
    {
      method: 'GET',
      path: '/audit',
      action: 'audit:read',
      handle: async () => ({ view: 'pages/audit-index.njk', context: { title: 'Audit' } }),
    },
    {
      method: 'GET',
      path: '/audit/find',
      action: 'audit:read',
      handle: async ({ query }) => ({
        redirect: `/audit/children/${encodeURIComponent((query.get('ref') ?? '').trim())}`,
      }),
    },
    {
      method: 'GET',
      path: '/audit/children/{childId}',
      action: 'audit:read',
      handle: async ({ params, query, principal }) => {
        const childId = childRef(params.childId);
        const page = await app.audit.history(actorOf(principal), 'ui', childStreamId(childId), {
          cursor: query.get('cursor') ?? undefined,
          limit: 50,
        });
        if (page.entries.length === 0 && !query.get('cursor'))
          throw notFound('There is no child with that reference in your local authority.');
        return {
          view: 'pages/audit-record.njk',
          context: {
            title: 'Full history of a child’s record',
            childId,
            streamId: page.streamId,
            verification: page.verification,
            entries: page.entries.map((e) => ({
              ...e,
              storedJson: json(e.stored.data),
              upcastVersion: 'schemaVersion' in e.upcast ? e.upcast.schemaVersion : undefined,
              upcastJson:
                'schemaVersion' in e.upcast
                  ? readsDifferently(e)
                    ? json(e.upcast.data)
                    : undefined
                  : `Cannot be read today: ${e.upcast.error}`,
            })),
            nextHref:
              page.nextCursor && `/audit/children/${childId}?cursor=${encodeURIComponent(page.nextCursor)}`,
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/audit/children/{childId}/as-of',
      action: 'audit:read',
      handle: async ({ params, query, principal }) => {
        const childId = childRef(params.childId);
        const pad = (v: string | null, n: number) => (v ?? '').trim().padStart(n, '0');
        const on = `${pad(query.get('on-year'), 4)}-${pad(query.get('on-month'), 2)}-${pad(query.get('on-day'), 2)}`;
        if (!LocalDateSchema.safeParse(on).success) return { redirect: `/audit/children/${childId}` };
        const streamId = childStreamId(childId);
        const diff = await app.audit.diff(
          actorOf(principal),
          'ui',
          streamId,
          { at: `${on}T23:59:59.999Z` },
          { version: Number.MAX_SAFE_INTEGER },
        );
        const { stages: _, ...state } = diff.from.state as Record<string, unknown>;
        return {
          view: 'pages/audit-as-of.njk',
          context: {
            title: 'The record on a chosen day',
            childId,
            streamId,
            on,
            asOf: diff.from,
            stateJson: json(state),
            changes: diff.changes
              .filter((c) => !c.path.startsWith('stages'))
              .map((c) => [
                { text: c.path },
                { text: c.kind },
                { text: short(c.before) },
                { text: short(c.after) },
              ]),
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/audit/children/{childId}/views',
      action: 'audit:read',
      handle: async ({ params, principal }) => {
        const childId = childRef(params.childId);
        const page = await app.audit.views(actorOf(principal), 'ui', childStreamId(childId));
        return {
          view: 'pages/audit-views.njk',
          context: {
            title: 'Who viewed this record',
            childId,
            streamId: page.recordId,
            intact: page.verification.intact,
            count: page.verification.views,
            rows: page.views.map((v) => [
              { text: timestamp(v.viewedAt) },
              { text: `${v.viewer.role} ${v.viewer.id}` },
              { text: v.what },
              { text: v.channel },
            ]),
          },
        };
      },
    },
    ...(['html', 'json'] as const).map(
      (format): Page => ({
        method: 'GET',
        path: `/audit/children/{childId}/export.${format}`,
        action: 'audit:read',
        handle: async ({ params, principal }) => {
          const childId = childRef(params.childId);
          const files = await app.audit.export(actorOf(principal), 'ui', childStreamId(childId));
          return {
            download: {
              body: files[format],
              contentType: format === 'html' ? 'text/html; charset=utf-8' : 'application/json',
              filename: `child-${childId}.${format}`,
            },
          };
        },
      }),
    ),
  ];
}
