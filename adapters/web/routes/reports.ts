import { mayDo } from '../../../application/access';
import type { App } from '../../../application/app';
import { barChart } from '../../../application/reports/chart';
import type { Group } from '../../../application/reports/child-list';
import { laReportCsv, nationalReturnCsv } from '../../../application/reports/csv';
import { DIMENSIONS, type Dimension } from '../../../application/reports/equality';
import { CHILD_FIGURES, type ChildFigure } from '../../../application/reports/figures';
import {
  CONVENTION_NAMES,
  CONVENTIONS,
  type Convention,
  type ReturnRow,
} from '../../../application/reports/national-return';
import { checkPeriod, PERIOD_FIELDS } from '../../../application/reports/period';
import {
  childrenBehindFigure,
  nationalReturnFor,
  reportForLa,
  reportViewForLa,
  whatIfFor,
} from '../../../application/reports/reports';
import { DEFAULT_RUNS, MAX_RUNS, NothingToProject } from '../../../application/reports/what-if';
import {
  categoryLabel,
  children as childrenText,
  figureInWords,
  number,
  percent,
} from '../../../application/reports/words';
import { addDays, addYears, londonDateOf } from '../../../domain/calendar';
import { LocalDateSchema } from '../../../events/contracts/common';
import { HttpProblem } from '../../http/problem';
import { dateInputView, errorLink, readDateInput } from '../date-input';
import { longDate } from '../dates';
import { t, term, WORDS } from '../i18n';
import type { Page, PageResult } from '../pages';
import { childListHead, childListRows, reportContext } from '../report-views';

const PAGE_SIZE = 50;

/**
 * The period on a report's form: the dates typed, checked against today. A date that is not real, or a period that
 * cannot be, is an error on its field; nothing is replaced by a default.
 */
function periodFrom(app: App, query: URLSearchParams) {
  const today = londonDateOf(app.now());
  const inputs = {
    from: readDateInput(query, 'from', term(PERIOD_FIELDS.from)),
    to: readDateInput(query, 'to', term(PERIOD_FIELDS.to)),
  };
  // Each end is checked as far as it can be, so every mistake is shown at once.
  const checked = checkPeriod({ from: inputs.from.value, to: inputs.to.value }, today, WORDS);
  if ('problems' in checked) for (const p of checked.problems) inputs[p.field].error ??= p.message;
  const errors = [inputs.from, inputs.to].filter((i) => i.error).map((i) => errorLink(i.name, i.error!));
  const period = errors.length === 0 && 'period' in checked ? checked.period : undefined;
  return {
    period,
    errors,
    dateInputs: { from: dateInputView(inputs.from, period?.from), to: dateInputView(inputs.to, period?.to) },
  };
}

const refused = (view: string, title: string, context: Record<string, unknown>): PageResult => ({
  view,
  status: 400,
  context: { title, ...context },
});

const periodQuery = (period: { from: string; to: string }) => `from=${period.from}&to=${period.to}`;

/** GOV.UK pagination for a list of `total` items, `PAGE_SIZE` a page. */
function paged<T>(items: readonly T[], query: URLSearchParams, path: string) {
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const asked = Number(query.get('page') ?? '1');
  const page = Number.isInteger(asked) && asked >= 1 && asked <= pages ? asked : 1;
  const href = (n: number) => {
    const q = new URLSearchParams(query);
    q.set('page', String(n));
    return `${path}?${q}`;
  };
  return {
    items: items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    first: items.length === 0 ? 0 : (page - 1) * PAGE_SIZE + 1,
    last: Math.min(items.length, page * PAGE_SIZE),
    pagination:
      pages > 1
        ? {
            ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
            ...(page < pages ? { next: { href: href(page + 1) } } : {}),
            items: Array.from({ length: pages }, (_, i) => ({
              number: i + 1,
              href: href(i + 1),
              current: i + 1 === page,
            })),
          }
        : undefined,
  };
}

/**
 * A report's CSV, from a link on its page: served by the pages (with the session cookie), as the API takes bearer
 * tokens only. `from` and `to` are the period the page showed; `format` is csv (people) or csv-machine.
 */
function csvDownload(app: App, query: URLSearchParams) {
  const checked = checkPeriod(
    { from: query.get('from') ?? undefined, to: query.get('to') ?? undefined },
    londonDateOf(app.now()),
  );
  const dates = ['from', 'to'].every((name) => LocalDateSchema.safeParse(query.get(name)).success);
  if (!dates || 'problems' in checked)
    throw new HttpProblem(400, t('reports.cannotDownload'), t('reports.choosePeriodAgain'));
  const audience = query.get('format') === 'csv-machine' ? ('machines' as const) : ('people' as const);
  const file = (body: string, name: string) => ({
    download: {
      body,
      contentType: 'text/csv; charset=utf-8',
      filename: `${name}${audience === 'machines' ? '-machine' : ''}.csv`,
    },
  });
  return { period: checked.period, audience, file };
}

export function reportPages(app: App): Page[] {
  return [
    {
      method: 'GET',
      path: '/reports/download',
      action: 'report:la',
      handle: async ({ principal, query }) => {
        const { period, audience, file } = csvDownload(app, query);
        const report = await reportForLa(app, principal.la, period);
        return file(laReportCsv(report, audience, WORDS), `iv-report-${report.la}-${report.period.to}`);
      },
    },
    {
      method: 'GET',
      path: '/reports/national/download',
      action: 'report:national',
      handle: async ({ query }) => {
        const { period, audience, file } = csvDownload(app, query);
        const convention = CONVENTION_NAMES.find((c) => c === (query.get('suppression') ?? 'nivn'));
        if (!convention)
          throw new HttpProblem(
            400,
            t('reports.national.cannotDownload'),
            t('reports.national.chooseProtection'),
          );
        const national = await nationalReturnFor(app, period, convention);
        return file(
          nationalReturnCsv(national, audience, WORDS),
          `iv-national-return-${national.period.to}-${national.convention}`,
        );
      },
    },
    {
      method: 'GET',
      path: '/reports',
      action: 'report:la',
      handle: async ({ principal, query }) => {
        const title = t('reports.title');
        const { period, errors, dateInputs } = periodFrom(app, query);
        if (!period) return refused('pages/report.njk', title, { errors, dateInputs });
        const view = await reportViewForLa(app, principal.la, period, WORDS);
        const csv = `/reports/download?${periodQuery(period)}`;
        return {
          view: 'pages/report.njk',
          context: {
            title,
            report: view.report,
            dateInputs,
            csvHref: `${csv}&format=csv`,
            machineCsvHref: `${csv}&format=csv-machine`,
            annualHref: '/reports/annual',
            ...reportContext(view, mayDo(principal, 'child:read')),
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/reports/children',
      action: 'report:la',
      handle: async ({ principal, query }) => {
        if (!mayDo(principal, 'child:read'))
          throw new HttpProblem(403, t('reports.children.forbidden'), t('reports.children.figuresOnly'));
        const figure = CHILD_FIGURES.find((f) => f === query.get('figure'));
        const on = query.get('on') ?? londonDateOf(app.now());
        const by = query.get('by');
        const category = query.get('group');
        const dimension = by && by in DIMENSIONS ? (by as Dimension) : undefined;
        if (
          !figure ||
          !LocalDateSchema.safeParse(on).success ||
          (by && !dimension) ||
          (dimension && !category)
        )
          throw new HttpProblem(400, t('reports.children.cannotShow'), t('reports.children.notAnAddress'));
        const checked = checkPeriod({ to: on }, londonDateOf(app.now()), WORDS);
        if ('problems' in checked)
          throw new HttpProblem(400, t('reports.children.cannotShow'), checked.problems[0]!.message);
        const group: Group | undefined = dimension && category ? { dimension, category } : undefined;
        const children = await childrenBehindFigure(app, principal.la, figure as ChildFigure, on, group);
        const list = paged(children, query, '/reports/children');
        const what = figureInWords(
          { section: 'children', measure: figure, category: '', value: 0 },
          WORDS,
        ).figure;
        return {
          view: 'pages/report-children.njk',
          context: {
            title: `${what}${group ? `: ${categoryLabel(group.category, WORDS).toLowerCase()}` : ''}`,
            caption: t('reports.children.on', { on: longDate(on) }),
            count: children.length,
            countText: childrenText(children.length, WORDS),
            head: childListHead(),
            rows: childListRows(list.items),
            shown: { first: list.first, last: list.last },
            pagination: list.pagination,
            backHref: `/reports?${periodQuery({ from: addDays(addYears(on, -1), 1), to: on })}`,
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/reports/annual',
      action: 'report:la',
      handle: async ({ principal, query }) => {
        // NIVN asks that IV provision is reviewed by the panel at least once a year: a financial year, April to March.
        const today = londonDateOf(app.now());
        const latest = Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0);
        const typed = (query.get('year') ?? '').trim();
        const year = typed === '' ? latest - 1 : /^\d{4}$/.test(typed) ? Number(typed) : Number.NaN;
        const years = Array.from({ length: 6 }, (_, i) => latest - i);
        const title = t('reports.annual.title');
        const yearError = t('reports.annual.chooseYear', { latest });
        if (!(year >= 2000 && year <= latest))
          return refused('pages/report-annual.njk', title, {
            years,
            yearError,
            errors: [{ text: yearError, href: '#year' }],
          });
        const end = `${year + 1}-03-31`;
        const period = { from: `${year}-04-01`, to: end > today ? today : end };
        const view = await reportViewForLa(app, principal.la, period, WORDS);
        const r = view.report;
        return {
          view: 'pages/report-annual.njk',
          context: {
            title,
            year,
            years,
            report: r,
            yearText: t('reports.annual.yearText', { from: longDate(period.from), to: longDate(period.to) }),
            ...reportContext(view, false),
            service:
              r.volunteers.approvedNow > 0 || r.children.matched > 0
                ? t('reports.annual.service', {
                    volunteers: number(r.volunteers.approvedNow),
                    matched: number(r.children.matched),
                    on: longDate(r.asOf),
                  })
                : t('reports.annual.noService'),
            awareness:
              r.children.lookedAfter === 0
                ? t('reports.annual.noChildren')
                : t('reports.annual.awareness', {
                    told: number(r.children.told),
                    lookedAfter: number(r.children.lookedAfter),
                    share: percent(r.children.told / r.children.lookedAfter),
                  }),
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/reports/national',
      action: 'report:national',
      handle: async ({ query }) => {
        const title = t('navigation.nationalReturn');
        const asked = query.get('suppression') ?? 'nivn';
        const convention = CONVENTION_NAMES.find((c) => c === asked);
        const { period, errors, dateInputs } = periodFrom(app, query);
        const conventions = CONVENTION_NAMES.map((c) => ({
          value: c,
          text: term(CONVENTIONS[c].name),
          hint: { text: term(CONVENTIONS[c].explanation) },
          checked: c === (convention ?? 'nivn'),
        }));
        const conventionError = t('reports.national.chooseProtectionError');
        if (!convention) errors.push({ text: conventionError, href: '#suppression' });
        if (!period || !convention)
          return refused('pages/national.njk', title, {
            errors,
            dateInputs,
            conventions,
            conventionError: convention ? undefined : conventionError,
          });
        const national = await nationalReturnFor(app, period, convention);
        const csv = `/reports/national/download?${periodQuery(period)}&suppression=${convention}`;
        return {
          view: 'pages/national.njk',
          context: {
            title,
            period,
            dateInputs,
            conventions,
            convention: { explanation: term(CONVENTIONS[convention].explanation) },
            target: percent(national.accessTarget),
            csvHref: `${csv}&format=csv`,
            machineCsvHref: `${csv}&format=csv-machine`,
            head: keyHead(),
            summary: [...national.countries, national.total].map((r) => keyCells(r, convention)),
            regions: national.regions.map((r) => keyCells(r, convention)),
            las: national.las.map((r) => keyCells(r, convention)),
            noWales: national.countries.find((r) => r.code === 'Wales')!.las === 0,
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/reports/what-if',
      action: 'report:la',
      handle: async ({ principal, query }) => {
        const title = t('reports.whatIf.title');
        const values = {
          extraVolunteers: (query.get('extraVolunteers') ?? '').trim(),
          matchWithinDays: (query.get('matchWithinDays') ?? '').trim(),
          offerAtFirstReview: query.get('offerAtFirstReview') ?? '',
          runs: (query.get('runs') ?? '').trim(),
          seed: (query.get('seed') ?? '').trim(),
        };
        const asked = [...query.keys()].length > 0;
        const fieldErrors: Record<string, string> = {};
        const whole = (name: keyof typeof values, label: string, min: number, max: number) => {
          const text = values[name];
          if (text === '') return undefined;
          const n = Number(text);
          if (!/^\d+$/.test(text) || n < min || n > max)
            fieldErrors[name] = t('reports.whatIf.wholeNumber', { label, min, max });
          return n;
        };
        const extraVolunteers = whole('extraVolunteers', t('reports.whatIf.moreVolunteers'), 0, 500) ?? 0;
        const matchWithinDays = whole('matchWithinDays', t('reports.whatIf.daysToMatch'), 1, 365);
        const runs = whole('runs', t('reports.whatIf.runs'), 1, MAX_RUNS) ?? DEFAULT_RUNS;
        if (values.seed && !/^[\w-]{1,40}$/.test(values.seed))
          fieldErrors.seed = t('reports.whatIf.seedError');
        const errors = Object.entries(fieldErrors).map(([name, text]) => ({ text, href: `#${name}` }));
        const form = { values, fieldErrors, defaultRuns: DEFAULT_RUNS, maxRuns: MAX_RUNS };
        if (errors.length > 0) return refused('pages/what-if.njk', title, { errors, ...form });
        if (!asked) return { view: 'pages/what-if.njk', context: { title, ...form } };
        const seed = values.seed || 'projection';
        try {
          const result = await whatIfFor(
            app,
            principal.la,
            {
              extraVolunteers,
              ...(matchWithinDays !== undefined ? { matchWithinDays } : {}),
              offerAtFirstReview: values.offerAtFirstReview === 'yes',
              runs,
              seed,
            },
            WORDS,
          );
          return { view: 'pages/what-if.njk', context: { title, ...form, ...whatIfView(result) } };
        } catch (error) {
          if (!(error instanceof NothingToProject)) throw error;
          return {
            view: 'pages/what-if.njk',
            status: 422,
            context: { title, ...form, errors: [{ text: t('reports.whatIf.nothingToProject') }] },
          };
        }
      },
    },
  ];
}

/** The key columns of the national return: few enough to fit the page; the CSV has them all. */
const keyHead = () => [
  { text: t('reports.national.area') },
  ...['lookedAfter', 'matched', 'shareMatched', 'waiting', 'matchesMade', 'medianWait'].map((key) => ({
    text: t(`reports.national.${key}`),
    format: 'numeric',
  })),
];

function keyCells(r: ReturnRow, convention: Convention) {
  const none = t('reports.views.none');
  const shown = (cell: ReturnRow['cells'][string]) =>
    cell === null ? none : typeof cell === 'number' ? number(cell) : cell;
  const marker = CONVENTIONS[convention].marker;
  const share =
    typeof r.accessRate === 'number' ? percent(r.accessRate) : r.accessRate === null ? none : marker;
  const cell = (text: string) => ({ text, format: 'numeric' });
  return [
    {
      text:
        r.level === 'la'
          ? r.name
          : `${term(r.name)} (${r.las === 0 ? t('reports.national.noneWithRecords') : t('reports.national.authorities', { count: r.las, n: number(r.las) })})`,
    },
    cell(shown(r.cells['looked after']!)),
    cell(shown(r.cells.matched!)),
    cell(share),
    cell(shown(r.cells.waiting!)),
    cell(shown(r.cells['matches made in period']!)),
    cell(shown(r.medianWaitDays)),
  ];
}

function whatIfView(result: Awaited<ReturnType<typeof whatIfFor>>) {
  const w = (key: string, values?: Record<string, unknown>) => t(`reports.whatIf.${key}`, values);
  const legend: [string, string] = [w('asNow'), w('withChanges')];
  const chart = barChart({
    title: w('chartTitle'),
    description: w('chartDescription', { until: longDate(result.until), runs: result.request.runs }),
    legend,
    max: Math.max(0.1, ...result.months.flatMap((m) => [m.asNow.high, m.withChanges.high])),
    bars: result.months.flatMap((m) => [
      {
        label: longDate(m.on),
        value: m.asNow.median,
        low: m.asNow.low,
        high: m.asNow.high,
        text: percent(m.asNow.median),
        series: 0 as const,
      },
      {
        label: '',
        value: m.withChanges.median,
        low: m.withChanges.low,
        high: m.withChanges.high,
        text: percent(m.withChanges.median),
        series: 1 as const,
      },
    ]),
  });
  const range = (b: { median: number; low: number; high: number }, show: (n: number) => string) =>
    b.low === b.high
      ? show(b.median)
      : w('range', { median: show(b.median), low: show(b.low), high: show(b.high) });
  const outcome = (
    label: string,
    pick: (o: typeof result.end.asNow) => { median: number; low: number; high: number },
    show: (n: number) => string,
  ) => [
    { text: label },
    { text: range(pick(result.end.asNow), show), format: 'numeric' },
    { text: range(pick(result.end.withChanges), show), format: 'numeric' },
  ];
  return {
    result,
    current: result.current.accessRate === null ? w('noChildrenInCare') : percent(result.current.accessRate),
    chart,
    legend,
    monthRows: result.months.map((m) => [
      { text: longDate(m.on) },
      { text: range(m.asNow, percent), format: 'numeric' },
      { text: range(m.withChanges, percent), format: 'numeric' },
    ]),
    outcomes: [
      outcome(w('share'), (o) => o.accessRate, percent),
      outcome(w('matched'), (o) => o.matched, number),
      outcome(w('waiting'), (o) => o.waiting, number),
      outcome(w('matchesMade'), (o) => o.matchesMade, number),
    ],
    startGap: w('startGap', {
      start: percent(result.months[0]!.asNow.median),
      yours: result.current.accessRate === null ? w('notKnown') : percent(result.current.accessRate),
    }),
  };
}
