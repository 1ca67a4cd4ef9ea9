import type { App } from '../../../application/app';
import { escapeHtml } from '../../../application/audit/export';
import { type HistoryEntry, readsDifferently } from '../../../application/audit/history';
import { endOfDay } from '../../../application/audit/service';
import { BREAK_WORDS, type BreakProblem } from '../../../application/audit/verify';
import { CHANNELS, ROLES } from '../../../application/audit/words';
import { actorOf } from '../../../application/children/children';
import { AUTOMATED } from '../../../application/people';
import { eventTitle } from '../../../application/timeline';
import { londonDateOf } from '../../../domain/calendar';
import type { ChildState } from '../../../domain/child';
import { RecordId } from '../../../events/contracts/common';
import type { Actor } from '../../../events/envelope';
import { childStreamId, fromStreamId } from '../../../events/stream-id';
import { HttpProblem, notFound } from '../../http/problem';
import { childSummary, summaryRows } from '../child-summary';
import { dateInputView, errorLink, readDateInput } from '../date-input';
import { dateTime, longDate } from '../dates';
import { sentence, t, term, WORDS } from '../i18n';
import { inPageWords } from '../i18n/rules';
import type { Page, PageResult } from '../pages';

const noChild = () => notFound(t('volunteers.noSuchChild'));
const childRef = (value: string | undefined) => {
  if (!value || !RecordId.safeParse(value).success) throw noChild();
  return value;
};
const a = (key: string, values?: Record<string, unknown>) => t(`audit.${key}`, values);
/** A person as the audit names them: their role, then their user id. */
const who = (actor: Actor | undefined): string =>
  !actor
    ? a('notKnown')
    : actor.role === 'system'
      ? sentence(AUTOMATED)
      : `${term(ROLES[actor.role] ?? actor.role)} (${actor.id})`;
const channel = (name: string) => term(CHANNELS[name] ?? name);
/**
 * What a view saw, as the access log keeps it ("child record", "the record as it stood at the end of 1 December
 * 2026"), in the page's language and capitalised.
 */
const SEEN: Array<[RegExp, string]> = [
  [/^the record as it stood at the end of (.+), and what has changed since$/, 'seenAsOfAndSince'],
  [/^the record as it stood at the end of (.+)$/, 'seenAsOf'],
  [/^the full history, versions (\d+) to (\d+)$/, 'seenHistory'],
];
const what = (text: string) => {
  for (const [pattern, key] of SEEN) {
    const m = pattern.exec(text);
    if (m)
      return a(key, { on: inPageWords(m[1]!), from: m[1], to: m[2] }).replace(/^./, (c) => c.toUpperCase());
  }
  return term(text).replace(/^./, (c) => c.toUpperCase());
};
const json = (value: unknown) => JSON.stringify(value, null, 2);

/** Streams verified per request: each page of the check shows its progress, then carries on. */
const VERIFY_BATCH = 100;

/** The day range of a "who viewed" filter, from its two date inputs; errors on the fields. */
function dayRange(query: URLSearchParams, today: string) {
  const from = readDateInput(query, 'from', a('from'));
  const to = readDateInput(query, 'to', a('to'));
  if (from.value && from.value > today) from.error = a('fromInFuture');
  if (!from.error && !to.error && from.value && to.value && from.value > to.value)
    from.error = a('fromAfterTo');
  const errors = [from, to].filter((i) => i.error).map((i) => errorLink(i.name, i.error!));
  return {
    errors,
    filter: { ...(from.value ? { from: from.value } : {}), ...(to.value ? { to: to.value } : {}) },
    inputs: { from: dateInputView(from), to: dateInputView(to) },
  };
}

function historyRow(e: HistoryEntry) {
  const upcast = 'schemaVersion' in e.upcast ? e.upcast : undefined;
  return {
    version: e.version,
    title: sentence(eventTitle(e.type)),
    type: e.type,
    chain: e.chain,
    chainText:
      e.chain === 'broken' ? a('firstBroken') : e.chain === 'after-break' ? a('cannotBeTrusted') : '',
    schema:
      upcast && upcast.schemaVersion !== e.stored.schemaVersion
        ? a('storedUpcast', { stored: e.stored.schemaVersion, today: upcast.schemaVersion })
        : a('storedVersion', { stored: e.stored.schemaVersion }),
    storedJson: json(e.stored.data),
    // Shown beside the stored form when it reads differently: an older contract, or sealed fields opened.
    upcastJson: upcast
      ? readsDifferently(e)
        ? json(upcast.data)
        : undefined
      : a('unreadable', { error: 'error' in e.upcast ? e.upcast.error : '' }),
    happened: e.occurredAt ? dateTime(e.occurredAt) : a('notKnown'),
    recorded: e.recordedAt ? dateTime(e.recordedAt) : a('notKnown'),
    by: who(e.actor),
    reason: e.reason,
  };
}

/** A record named and linked for an auditor; anything that is not a stream id is shown as it is. */
function recordCell(streamId: string) {
  let parsed: ReturnType<typeof fromStreamId> | undefined;
  try {
    parsed = fromStreamId(streamId);
  } catch {
    return { text: streamId };
  }
  return parsed.kind === 'child'
    ? {
        html: `<a class="govuk-link" href="/audit/children/${encodeURIComponent(parsed.id)}">${escapeHtml(a('child', { id: parsed.id }))}</a>`,
      }
    : {
        text: parsed.kind === 'volunteer' ? a('volunteer', { id: parsed.id }) : `${parsed.kind} ${parsed.id}`,
      };
}

/** The auditors' pages. Read-only: nothing here can write an event, and every page is recorded as a view. */
export function auditPages(app: App): Page[] {
  const today = () => londonDateOf(app.now());
  const indexPage = (extra: Record<string, unknown> = {}, status?: number): PageResult => ({
    view: 'pages/audit-index.njk',
    ...(status ? { status } : {}),
    context: { title: t('navigation.audit'), ...extra },
  });
  return [
    {
      method: 'GET',
      path: '/audit',
      action: 'audit:read',
      handle: async () => indexPage(),
    },
    {
      method: 'GET',
      path: '/audit/find',
      action: 'audit:read',
      handle: async ({ query }) => {
        const ref = (query.get('ref') ?? '').trim();
        if (ref === '') {
          const error = a('enterReference');
          return indexPage({ refError: error, errors: [{ text: error, href: '#ref' }] }, 400);
        }
        return { redirect: `/audit/children/${encodeURIComponent(ref)}` };
      },
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
        if (page.entries.length === 0 && !query.get('cursor')) throw noChild();
        const broken = page.verification.firstBroken;
        return {
          view: 'pages/audit-record.njk',
          context: {
            title: a('recordTitle'),
            childId,
            verification: page.verification,
            brokenText:
              broken &&
              a('brokenAt', { version: broken.version, problem: term(BREAK_WORDS[broken.problem]) }),
            anchoredAt: page.verification.anchored && dateTime(page.verification.anchored.anchoredAt),
            dateInput: dateInputView(readDateInput(new URLSearchParams(), 'on', t('fields.day'))),
            entries: page.entries.map(historyRow),
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
        const input = readDateInput(query, 'on', t('fields.day'));
        if (input.blank) input.error = a('enterDay');
        else if (input.value && input.value > today()) input.error = a('dayInFuture');
        const context = { title: a('asOfTitle'), childId, dateInput: dateInputView(input) };
        if (input.error || !input.value)
          return {
            view: 'pages/audit-as-of.njk',
            status: 400,
            context: { ...context, errors: [errorLink('on', input.error!)] },
          };
        const on = input.value;
        const result = await app.audit.since(
          actorOf(principal),
          'ui',
          childStreamId(childId),
          endOfDay(on),
          WORDS,
        );
        if (result.now.version === 0) throw noChild();
        const policy = app.policies(principal.la);
        const then = childSummary(result.then.state as ChildState, policy);
        const now = childSummary(result.now.state as ChildState, policy);
        return {
          view: 'pages/audit-as-of.njk',
          context: {
            ...context,
            on,
            asOf: result.then,
            lastWritten: result.then.recordedAt && dateTime(result.then.recordedAt),
            summaryRows: summaryRows(then),
            differences: then
              .map((r, i) => ({ key: r.key, before: r.value, after: now[i]!.value }))
              .filter((d) => d.before !== d.after)
              .map((d) => [{ text: d.key }, { text: d.before }, { text: d.after }]),
            changes: result.changes.map((c) => ({
              text: c.on ? a('changeOn', { change: c.text, on: longDate(c.on) }) : c.text,
              recorded: c.recordedOn && a('recordedOn', { on: longDate(c.recordedOn) }),
              version: c.version,
            })),
            more: result.more,
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/audit/children/{childId}/views',
      action: 'audit:read',
      handle: async ({ params, query, principal }) => {
        const childId = childRef(params.childId);
        const range = dayRange(query, today());
        const person = (query.get('person') ?? '').trim();
        const base = { title: a('viewsTitle'), childId, inputs: range.inputs, person };
        if (range.errors.length)
          return { view: 'pages/audit-views.njk', status: 400, context: { ...base, errors: range.errors } };
        const found = await app.audit.viewsFiltered(actorOf(principal), 'ui', childStreamId(childId), {
          ...range.filter,
          ...(person ? { viewerId: person } : {}),
        });
        return {
          view: 'pages/audit-views.njk',
          context: {
            ...base,
            intact: found.verification.intact,
            total: found.verification.views,
            count: found.views.length,
            filtered: person !== '' || range.filter.from !== undefined || range.filter.to !== undefined,
            people: [
              { value: '', text: a('everyone') },
              ...found.viewers.map((id) => ({ value: id, text: id, selected: id === person })),
            ],
            rows: found.views.map((v) => [
              { text: dateTime(v.viewedAt) },
              {
                html: `<a class="govuk-link" href="/audit/people?person=${encodeURIComponent(v.viewer.id)}">${escapeHtml(who(v.viewer))}</a>`,
              },
              { text: what(v.what) },
              { text: channel(v.channel) },
            ]),
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/audit/people',
      action: 'audit:read',
      handle: async ({ query, principal }) => {
        const person = (query.get('person') ?? '').trim();
        const range = dayRange(query, today());
        const base = { title: a('personTitle'), person, inputs: range.inputs };
        const errors = [...(person ? [] : [{ text: a('enterUserId'), href: '#person' }]), ...range.errors];
        if (!query.has('person') && range.errors.length === 0)
          return { view: 'pages/audit-person.njk', context: base };
        if (errors.length)
          return {
            view: 'pages/audit-person.njk',
            status: 400,
            context: { ...base, errors, personError: person ? undefined : errors[0]!.text },
          };
        const found = await app.audit.viewedBy(actorOf(principal), person, range.filter);
        return {
          view: 'pages/audit-person.njk',
          context: {
            ...base,
            searched: true,
            count: found.views.length,
            broken: found.broken.map(recordCell).map((c) => ('html' in c ? c.html : escapeHtml(c.text))),
            rows: found.views.map((v) => [
              { text: dateTime(v.viewedAt) },
              recordCell(v.recordId),
              { text: what(v.what) },
              { text: channel(v.channel) },
            ]),
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/audit/verify',
      action: 'audit:read',
      handle: async () => ({ view: 'pages/audit-verify.njk', context: { title: a('verifyTitle') } }),
    },
    {
      method: 'POST',
      path: '/audit/verify',
      action: 'audit:read',
      handle: async ({ form, principal }) => {
        const one = (name: string) => {
          const v = form[name];
          return (Array.isArray(v) ? v[0] : v) ?? '';
        };
        const count = (name: string) => {
          const n = Number(one(name) || '0');
          if (!Number.isInteger(n) || n < 0) throw new HttpProblem(400, a('cannotCarryOn'), a('startAgain'));
          return n;
        };
        const carried = ([] as string[]).concat(form.broken ?? []);
        const after = one('after') || undefined;
        const batch = await app.audit.verifyBatch(actorOf(principal), { after, limit: VERIFY_BATCH });
        const checked = count('checked') + batch.checked;
        const events = count('events') + batch.events;
        const total = batch.total ?? count('total');
        const broken = [
          ...carried,
          ...batch.broken.map(
            (b) => `${b.streamId}|${b.firstBroken?.version ?? 0}|${b.firstBroken?.problem ?? ''}`,
          ),
        ];
        return {
          view: 'pages/audit-verify.njk',
          context: {
            title: a('verifyTitle'),
            running: batch.next !== undefined,
            state: { after: batch.next, checked, events, total, broken },
            progress: {
              checked,
              total,
              percent: total === 0 ? 100 : Math.min(100, Math.round((checked / total) * 100)),
            },
            events,
            brokenRows: broken.map((b) => {
              const [streamId, version, problem] = b.split('|');
              return [
                recordCell(streamId ?? ''),
                { text: version ?? '', format: 'numeric' },
                { text: term(BREAK_WORDS[problem as BreakProblem] ?? problem ?? '') },
              ];
            }),
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
          const files = await app.audit.export(actorOf(principal), 'ui', childStreamId(childId), WORDS);
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
