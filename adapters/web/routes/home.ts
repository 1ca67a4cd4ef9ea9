import { mayDo } from '../../../application/access';
import type { App } from '../../../application/app';
import { labelOf, TRAINING_COURSES } from '../../../application/labels';
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
import { dbsExpiring, trainingExpiring } from '../../../application/tasks';
import { badRequest, zodParams } from '../../http/problem';
import { longDate, timestamp } from '../dates';
import { language, t, term } from '../i18n';
import { daysLeft } from '../i18n/words';
import { childTableHead, childTableRows, escapeHtml, paginationOf, withParam } from '../lists';
import type { Page } from '../pages';

const scopeName = (scope: Scope) => t(`home.scopes.${scope}`);
const AGES: ReadonlyArray<keyof typeof AGE_BANDS> = ['under-5', '5-9', '10-15', '16-plus'];
const ageNames = () => Object.fromEntries(AGES.map((age) => [age, t(`home.ages.${age}`)]));
const sortName = (sort: string) => t(`home.sorts.${sort}`);
const dutyNames = () =>
  Object.fromEntries(Object.entries(DUTY_LABELS).map(([duty, label]) => [duty, term(label)]));

/** The list a page or an export asks for, from its query string; a bad part is a 400 naming it. */
export function listQueryOf(query: URLSearchParams): ListQuery {
  const given = Object.fromEntries([...query].filter(([k, v]) => k !== 'q' && v !== ''));
  const parsed = ListQuery.safeParse(given);
  if (!parsed.success) throw badRequest(zodParams(parsed.error, 'query'));
  return parsed.data;
}

/** "38 children", "More than 1,000 children", with what the filters say. */
function headingOf(list: ChildList): string {
  const number = list.total.toLocaleString(`${language()}-GB`);
  const count = list.atLeast
    ? t('home.moreThanChildren', { number })
    : t('home.children', { count: list.total, number });
  const q = list.query;
  const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
  const what = [
    q.duty ? t('home.filterDuty', { duty: lower(term(DUTY_LABELS[q.duty])) }) : '',
    q.due ? t(`home.filterDue.${q.due}`) : '',
    q.area ? t(`home.filterArea.${q.area}`) : '',
    q.age ? t('home.filterAge', { age: lower(t(`home.ages.${q.age}`)) }) : '',
  ].filter(Boolean);
  return `${count}${what.length ? ` ${what.join(', ')}` : ''}`;
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
        const volunteers = mayDo(principal, 'volunteer:read');
        const [{ list, counts }, dbs, training] = await Promise.all([
          taskList(app, principal, listQueryOf(query)),
          volunteers ? dbsExpiring(app, principal.la) : Promise.resolve([]),
          volunteers ? trainingExpiring(app, principal.la) : Promise.resolve([]),
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
            title: scope === 'mine' ? scopeName('mine') : t('home.yourTasks'),
            mayRecord: mayDo(principal, 'child:record'),
            mayImport: mayDo(principal, 'children:import'),
            scopes: list.scopes.map((s) => ({
              text: scopeName(s),
              href: `/?scope=${s}`,
              current: s === scope,
            })),
            scopeName: scopeName(scope),
            dutyRows: DUTY_GROUP_NAMES.map((duty) => [
              {
                html: `<a class="govuk-link" href="${here({ duty, due: undefined })}">${escapeHtml(term(DUTY_LABELS[duty]))}</a>`,
              },
              counts[duty].overdue > 0
                ? {
                    html: `<a class="govuk-link app-count--overdue" href="${here({ duty, due: 'overdue' })}">${t('home.countOverdue', { n: counts[duty].overdue })}</a>`,
                    format: 'numeric',
                  }
                : { text: t('home.noneOverdue'), format: 'numeric' },
              counts[duty].soon > 0
                ? {
                    html: `<a class="govuk-link" href="${here({ duty, due: 'soon' })}">${t('home.countDueSoon', { n: counts[duty].soon })}</a>`,
                    format: 'numeric',
                  }
                : { text: t('home.noneDueSoon'), format: 'numeric' },
            ]),
            filters: {
              scope,
              duty: select('duty', t('home.duty'), dutyNames(), list.query.duty, t('home.anyDuty')),
              due: select(
                'due',
                t('home.when'),
                { overdue: t('home.overdue'), soon: t('home.dueInTwoWeeks') },
                list.query.due,
                t('home.anyTime'),
              ),
              area: select(
                'area',
                t('lists.placement'),
                { in: t('home.inArea'), out: t('home.outOfArea') },
                list.query.area,
                t('home.inOrOutOfArea'),
              ),
              age: select('age', t('lists.age'), ageNames(), list.query.age, t('home.anyAge')),
              sort: select(
                'sort',
                t('home.sortBy'),
                Object.fromEntries(list.sorts.map((s) => [s, sortName(s)])),
                list.query.sort,
              ),
              filtered: ['duty', 'due', 'area', 'age', 'sort'].some((k) => query.get(k)),
              clearHref: `/?scope=${scope}`,
            },
            heading: headingOf(list),
            table: {
              caption: headingOf(list),
              head: childTableHead(),
              rows: childTableRows(list.rows),
              empty: t('home.emptyList'),
            },
            pagination: paginationOf(
              list.query.page,
              list.pages,
              (n) => `/${withParam(query, { page: String(n) })}`,
            ),
            pageOf:
              list.pages > 1 ? t('lists.pageOf', { page: list.query.page, pages: list.pages }) : undefined,
            csvHref: `/children.csv${withParam(query, { page: undefined, scope })}`,
            dbs: dbs.map((v) => [
              {
                html: `<a class="govuk-link" href="/volunteers/${encodeURIComponent(v.volunteerId)}">${escapeHtml(v.name)}</a>`,
              },
              { text: longDate(v.expiresOn) },
              { text: t('time.daysLeft', { count: v.daysLeft }), format: 'numeric' },
            ]),
            training: training.map((v) => [
              {
                html: `<a class="govuk-link" href="/volunteers/${encodeURIComponent(v.volunteerId)}">${escapeHtml(v.name)}</a>`,
              },
              { text: term(labelOf(TRAINING_COURSES, v.course)) },
              { text: longDate(v.expiresOn) },
              v.daysLeft < 0
                ? { text: t('training.lapsedDays', { count: -v.daysLeft }), format: 'numeric' }
                : { text: t('time.daysLeft', { count: v.daysLeft }), format: 'numeric' },
            ]),
            mayReadVolunteers: volunteers,
            outbox: outbox?.map((n) => [
              { text: timestamp(n.createdAt) },
              { text: n.kind.replace(/-/g, ' ') },
              { text: t(`roles.${n.role}`, { defaultValue: n.role.replace(/-/g, ' ') }) },
              {
                html: `<a class="govuk-link" href="${n.personalisation.record_link?.replace(/^https?:\/\/[^/]+/, '') ?? '#'}">${t('home.openRecord')}</a>`,
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
                'name',
                'caseSystemId',
                'age',
                'placement',
                'socialWorker',
                'iro',
                'whatIsNext',
                'due',
                'status',
              ].map((column) => t(`csv.children.${column}`)),
              ...list.rows.map((r) => [
                r.name,
                r.caseSystemId ?? '',
                r.age,
                r.placement,
                r.socialWorker,
                r.iro,
                term(r.duty?.label ?? r.stage),
                r.duty ? longDate(r.duty.dueOn) : '',
                r.duty ? daysLeft(r.duty.workingDaysLeft) : t('lists.nothingDue'),
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
          return { redirect: '/#clock', flash: t('home.clockRefused') };
        let now: Date;
        try {
          now = await app.local.advanceClock(advance);
        } catch (error) {
          if (error instanceof ClockMoveRefused) return { redirect: '/#clock', flash: error.message };
          throw error;
        }
        return {
          redirect: '/',
          flash: t('home.clockMoved', { now: timestamp(now) }),
        };
      },
    },
  ];
}
