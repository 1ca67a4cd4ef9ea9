import { mayDo } from '../../../application/access';
import type { App } from '../../../application/app';
import {
  type AGE_BANDS,
  allOfList,
  type ChildList,
  DUTY_LABELS,
  ListQuery,
  type Scope,
  taskList,
} from '../../../application/lists/children';
import { DUTY_GROUP_NAMES } from '../../../application/lists/keys';
import { ClockMoveRefused, clockMoveProblem } from '../../../application/ports/clock';
import { toCsv } from '../../../application/reports/csv';
import { dbsExpiring } from '../../../application/tasks';
import { daysLeftText, inWords } from '../../../application/timeline';
import { badRequest, zodParams } from '../../http/problem';
import { timestamp } from '../dates';
import { CHILD_TABLE_HEAD, childTableRows, escapeHtml, paginationOf, withParam } from '../lists';
import type { Page } from '../pages';

const SCOPE_NAMES: Record<Scope, string> = {
  mine: 'My caseload',
  team: 'My team',
  la: 'Whole local authority',
};
const AGE_NAMES: Record<keyof typeof AGE_BANDS, string> = {
  'under-5': 'Under 5',
  '5-9': '5 to 9',
  '10-15': '10 to 15',
  '16-plus': '16 and over',
};
const SORT_NAMES = { due: 'Most urgent first', name: 'Name (A to Z)', age: 'Oldest first' } as const;

/** The list a page or an export asks for, from its query string; a bad part is a 400 naming it. */
export function listQueryOf(query: URLSearchParams): ListQuery {
  const given = Object.fromEntries([...query].filter(([k, v]) => k !== 'q' && v !== ''));
  const parsed = ListQuery.safeParse(given);
  if (!parsed.success) throw badRequest(zodParams(parsed.error, 'query'));
  return parsed.data;
}

/** "38 children", "More than 1,000 children", with what the filters say. */
function headingOf(list: ChildList): string {
  const count = list.atLeast
    ? `More than ${list.total.toLocaleString('en-GB')}`
    : list.total.toLocaleString('en-GB');
  const noun = list.total === 1 && !list.atLeast ? 'child' : 'children';
  const q = list.query;
  const what = [
    q.duty ? `to ${DUTY_LABELS[q.duty].charAt(0).toLowerCase()}${DUTY_LABELS[q.duty].slice(1)}` : '',
    q.due === 'overdue' ? 'overdue' : q.due === 'soon' ? 'due in the next 2 weeks' : '',
    q.area === 'in' ? 'placed in area' : q.area === 'out' ? 'placed out of area' : '',
    q.age ? `aged ${AGE_NAMES[q.age].toLowerCase()}` : '',
  ].filter(Boolean);
  return `${count} ${noun}${what.length ? ` ${what.join(', ')}` : ''}`;
}

const select = (
  name: string,
  label: string,
  options: Record<string, string>,
  value: string | undefined,
  any?: string,
) => ({
  id: name,
  name,
  label: { text: label },
  items: [
    ...(any ? [{ value: '', text: any }] : []),
    ...Object.entries(options).map(([v, text]) => ({ value: v, text, selected: v === value })),
  ],
});

/** The home page: the task list for staff of an LA (their caseload, team or LA), and the local clock for an admin. */
export function homePages(app: App): Page[] {
  return [
    {
      method: 'GET',
      path: '/',
      action: 'signed-in',
      handle: async ({ principal, query }) => {
        if (principal.role === 'national-analyst') return { redirect: '/reports/national' };
        if (mayDo(principal, 'visitor:own-matches')) return { redirect: '/my-visits' };
        if (!mayDo(principal, 'tasks:read'))
          return { redirect: principal.role === 'auditor' ? '/audit' : '/reports' };
        const [{ list, counts }, dbs] = await Promise.all([
          taskList(app, principal, listQueryOf(query)),
          mayDo(principal, 'volunteer:read') ? dbsExpiring(app, principal.la) : Promise.resolve([]),
        ]);
        const scope = list.query.scope;
        const outbox = app.local
          ? (await app.local.outbox())
              .filter((n) => n.la === principal.la)
              .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
              .slice(0, 25)
          : undefined;
        const here = (changes: Record<string, string | undefined>) =>
          `/${withParam(query, { page: undefined, ...changes })}`;
        return {
          view: 'pages/home.njk',
          context: {
            title: scope === 'mine' ? 'My caseload' : 'Your tasks',
            mayRecord: mayDo(principal, 'child:record'),
            scopes: list.scopes.map((s) => ({
              text: SCOPE_NAMES[s],
              href: `/?scope=${s}`,
              current: s === scope,
            })),
            scopeName: SCOPE_NAMES[scope],
            dutyRows: DUTY_GROUP_NAMES.map((duty) => [
              {
                html: `<a class="govuk-link" href="${here({ duty, due: undefined })}">${DUTY_LABELS[duty]}</a>`,
              },
              counts[duty].overdue > 0
                ? {
                    html: `<a class="govuk-link app-count--overdue" href="${here({ duty, due: 'overdue' })}">${counts[duty].overdue} overdue</a>`,
                    format: 'numeric',
                  }
                : { text: 'None overdue', format: 'numeric' },
              counts[duty].soon > 0
                ? {
                    html: `<a class="govuk-link" href="${here({ duty, due: 'soon' })}">${counts[duty].soon} due soon</a>`,
                    format: 'numeric',
                  }
                : { text: 'None due soon', format: 'numeric' },
            ]),
            filters: {
              scope,
              duty: select('duty', 'Duty', DUTY_LABELS, list.query.duty, 'Any duty'),
              due: select(
                'due',
                'When',
                { overdue: 'Overdue', soon: 'Due in the next 2 weeks' },
                list.query.due,
                'Any time',
              ),
              area: select(
                'area',
                'Placement',
                { in: 'In area', out: 'Out of area' },
                list.query.area,
                'In or out of area',
              ),
              age: select('age', 'Age', AGE_NAMES, list.query.age, 'Any age'),
              sort: select(
                'sort',
                'Sort by',
                Object.fromEntries(list.sorts.map((s) => [s, SORT_NAMES[s]])),
                list.query.sort,
              ),
              filtered: ['duty', 'due', 'area', 'age', 'sort'].some((k) => query.get(k)),
              clearHref: `/?scope=${scope}`,
            },
            heading: headingOf(list),
            table: {
              caption: headingOf(list),
              head: CHILD_TABLE_HEAD,
              rows: childTableRows(list.rows),
              empty: 'No child on this list. Change the filters to see more.',
            },
            pagination: paginationOf(
              list.query.page,
              list.pages,
              (n) => `/${withParam(query, { page: String(n) })}`,
            ),
            pageOf: list.pages > 1 ? `Page ${list.query.page} of ${list.pages}` : undefined,
            csvHref: `/children.csv${withParam(query, { page: undefined, scope })}`,
            dbs: dbs.map((v) => [
              {
                html: `<a class="govuk-link" href="/volunteers/${encodeURIComponent(v.volunteerId)}">${escapeHtml(v.name)}</a>`,
              },
              { text: inWords(v.expiresOn) },
              { text: daysLeftText(v.daysLeft).replace('working ', ''), format: 'numeric' },
            ]),
            mayReadVolunteers: mayDo(principal, 'volunteer:read'),
            outbox: outbox?.map((n) => [
              { text: timestamp(n.createdAt) },
              { text: n.kind.replace(/-/g, ' ') },
              { text: n.role.replace(/-/g, ' ') },
              {
                html: `<a class="govuk-link" href="${n.personalisation.record_link?.replace(/^https?:\/\/[^/]+/, '') ?? '#'}">Open the record</a>`,
              },
            ]),
            clockForm: app.local !== undefined && mayDo(principal, 'clock:control'),
            now: app.now().toISOString(),
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/children.csv',
      action: 'tasks:read',
      handle: async ({ principal, query }) => {
        const list = await allOfList(app, principal, listQueryOf(query));
        return {
          download: {
            contentType: 'text/csv; charset=utf-8',
            filename: `children-${list.today}.csv`,
            body: toCsv([
              [
                'Name',
                'Case-system id',
                'Age',
                'Placement',
                'Social worker',
                'IRO',
                'What is next',
                'Due',
                'Status',
              ],
              ...list.rows.map((r) => [
                r.name,
                r.caseSystemId ?? '',
                r.age,
                r.placement,
                r.socialWorker,
                r.iro,
                r.duty?.label ?? r.stage,
                r.duty ? inWords(r.duty.dueOn) : '',
                r.duty ? daysLeftText(r.duty.workingDaysLeft) : 'Nothing due',
              ]),
            ]),
          },
        };
      },
    },
    {
      method: 'POST',
      path: '/admin/clock',
      action: 'clock:control',
      handle: async ({ form }) => {
        const advance = typeof form.advance === 'string' ? form.advance.trim() : '';
        if (!app.local || clockMoveProblem(advance))
          return { redirect: '/#clock', flash: 'Give a duration of up to 5 years, such as 21d, 1w or 6h.' };
        let now: Date;
        try {
          now = await app.local.advanceClock(advance);
        } catch (error) {
          if (error instanceof ClockMoveRefused) return { redirect: '/#clock', flash: error.message };
          throw error;
        }
        return {
          redirect: '/',
          flash: `The clock now says ${timestamp(now)}; anything that fell due has fired.`,
        };
      },
    },
  ];
}
