import { escapeHtml } from '../../application/audit/export';
import { barChart } from '../../application/reports/chart';
import type { ChildListRow } from '../../application/reports/child-list';
import type { EqualityTable } from '../../application/reports/equality';
import { type ChildFigure, ETHNIC_GROUPS, WAIT_BANDS } from '../../application/reports/figures';
import { type LaReport, reportFigures, type WaitStats } from '../../application/reports/la-report';
import type { LaReportView } from '../../application/reports/reports';
import {
  accessSentence,
  countChange,
  days,
  figureInWords,
  number,
  percent,
  pointsChange,
  waitSentence,
} from '../../application/reports/words';
import { longDate, shortDate } from './dates';
import { t, term, WORDS } from './i18n';
import { childLinkHtml } from './lists';

/*
 * The LA report as the page shows it: GOV.UK summary lists and tables built from the report, every figure in
 * words, every chart with its table, and each count of children linked to the list of the children behind it.
 */

type Cell = { text?: string; html?: string; format?: 'numeric' };
const num = (text: string): Cell => ({ text, format: 'numeric' });

/** The address of the list of children behind a figure on a date, optionally one group of a breakdown. */
export function childrenHref(
  figure: ChildFigure,
  on: string,
  group?: { by: string; category: string },
): string {
  const query = new URLSearchParams({
    figure,
    on,
    ...(group ? { by: group.by, group: group.category } : {}),
  });
  return `/reports/children?${query}`;
}

/** A count that links to its children, for people who may see them. */
const linkedCount = (n: number, href: string | undefined, what: string): Cell =>
  href && n > 0
    ? {
        html: `<a class="govuk-link" href="${escapeHtml(href)}">${number(n)}<span class="govuk-visually-hidden"> ${escapeHtml(what)}</span></a>`,
        format: 'numeric',
      }
    : num(number(n));

const v = (key: string, values?: Record<string, unknown>) => t(`reports.views.${key}`, values);
const rate = (value: number | null) => (value === null ? v('noChildren') : percent(value));
const wait = (value: number | null) => (value === null ? v('none') : days(value, WORDS));

const MONTH_KEYS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** "Jan to Mar 2026", "Hyd i Rhag 2026 (hyd yma)": a quarter in the page's language. */
function quarterLabel(q: { from: string; to: string; label: string }): string {
  const month = (offset: number) => v(`months.${MONTH_KEYS[Number(q.from.slice(5, 7)) - 1 + offset]}`);
  const label = v('quarter', { from: month(0), to: month(2), year: q.from.slice(0, 4) });
  return q.label.endsWith('(so far)') ? `${label} ${v('soFar')}` : label;
}

/** Everything the report page shows, for one LA and period. `mayListChildren` adds the links to the children. */
export function reportContext(view: LaReportView, mayListChildren: boolean) {
  const { report, previous, trend, equality } = view;
  const c = report.children;
  const on = report.asOf;
  const drill = (figure: ChildFigure, group?: { by: string; category: string }) =>
    mayListChildren ? childrenHref(figure, on, group) : undefined;
  const summaryRow = (key: string, value: string, figure?: ChildFigure) => ({
    key: { text: key },
    value: { text: value },
    ...(figure && mayListChildren
      ? {
          actions: {
            items: [
              {
                href: drill(figure),
                text: t('reports.views.view'),
                visuallyHiddenText: t('reports.views.viewThe', { what: key.toLowerCase() }),
              },
            ],
          },
        }
      : {}),
  });

  const access = [
    summaryRow(v('lookedAfterOn', { on: longDate(on) }), number(c.lookedAfter), 'lookedAfter'),
    summaryRow(v('toldAbout'), number(c.told), 'told'),
    summaryRow(v('offered'), number(c.offered), 'offered'),
    summaryRow(v('declinedOrObjected'), number(c.declinedOrObjected), 'declinedOrObjected'),
    summaryRow(v('waitingForMatch'), number(c.waiting), 'waiting'),
    summaryRow(v('matchedWithIv'), number(c.matched), 'matched'),
    summaryRow(v('shareWithIv'), rate(c.accessRate)),
    summaryRow(v('overTwoYears'), number(c.matchesOverTwoYears), 'matchesOverTwoYears'),
  ];

  const funnel = barChart({
    title: v('funnelTitle'),
    description: v('funnelDescription', { n: number(c.lookedAfter), on: longDate(on) }),
    bars: [
      { label: v('stepLookedAfter'), value: c.lookedAfter, text: number(c.lookedAfter) },
      { label: v('stepTold'), value: c.told, text: number(c.told) },
      { label: v('offered'), value: c.offered, text: number(c.offered) },
      { label: v('stepReferred'), value: c.referred, text: number(c.referred) },
      { label: v('stepMatched'), value: c.matched, text: number(c.matched) },
    ],
  });

  const trendChart = barChart({
    title: v('trendTitle'),
    description: v('trendDescription'),
    max: Math.max(report.children.accessTarget, ...trend.map((q) => q.accessRate ?? 0)),
    bars: trend.map((q) => ({ label: quarterLabel(q), value: q.accessRate ?? 0, text: rate(q.accessRate) })),
  });
  const trendRows = trend.map((q) => [
    { text: quarterLabel(q) },
    num(number(q.lookedAfter)),
    num(number(q.matched)),
    num(rate(q.accessRate)),
    num(number(q.waiting)),
    num(number(q.referrals)),
    num(number(q.matchesMade)),
  ]);

  const compare = (
    label: string,
    now: number | null,
    before: number | null,
    show: (v: number | null) => string,
    isRate = false,
  ) => [
    { text: label },
    num(show(now)),
    num(show(before)),
    { text: isRate ? pointsChange(now, before, WORDS) : countChange(now, before, WORDS) },
  ];
  const count = (n: number | null) => (n === null ? v('none') : number(n));
  const comparison = [
    compare(v('compareLookedAfter'), c.lookedAfter, previous.children.lookedAfter, count),
    compare(v('matchedWithIv'), c.matched, previous.children.matched, count),
    compare(v('compareShare'), c.accessRate, previous.children.accessRate, rate, true),
    compare(v('waitingForMatch'), c.waiting, previous.children.waiting, count),
    compare(v('compareReferrals'), report.flows.referrals, previous.flows.referrals, count),
    compare(v('compareMatchesMade'), report.flows.matchesMade, previous.flows.matchesMade, count),
    compare(v('compareMatchesEnded'), report.flows.matchesEnded, previous.flows.matchesEnded, count),
    compare(
      v('compareMedianWait'),
      report.waits.matchedInPeriod.medianDays,
      previous.waits.matchedInPeriod.medianDays,
      count,
    ),
    compare(v('compareApplied'), report.volunteers.recruited, previous.volunteers.recruited, count),
    compare(v('compareApproved'), report.volunteers.approved, previous.volunteers.approved, count),
    compare(
      v('compareOffered'),
      report.compliance.shareOfferedBeforeFirstReview,
      previous.compliance.shareOfferedBeforeFirstReview,
      rate,
      true,
    ),
  ];

  const waitRow = (label: string, s: WaitStats, href?: string) => [
    { text: label },
    linkedCount(s.count, href, label.toLowerCase()),
    num(wait(s.medianDays)),
    num(wait(s.p90Days)),
  ];
  const w = report.waits;
  const waits = [
    waitRow(v('matchedInArea'), w.matchedInArea),
    waitRow(v('matchedOutOfArea'), w.matchedOutOfArea),
    waitRow(v('allMatched'), w.matchedInPeriod),
    waitRow(
      v('waitingInArea'),
      w.waitingNowInArea,
      drill('waiting', { by: 'placement', category: 'in area' }),
    ),
    waitRow(
      v('waitingOutOfArea'),
      w.waitingNowOutOfArea,
      drill('waiting', { by: 'placement', category: 'out of area' }),
    ),
    waitRow(v('allWaiting'), w.waitingNow, drill('waiting')),
  ];
  const waitChart = barChart({
    title: v('waitChartTitle'),
    description: v('waitChartDescription'),
    bars: WAIT_BANDS.map((band) => ({
      label: t('reports.views.waited', { band: term(band) }),
      value: w.matchedInPeriod.distribution[band],
      text: number(w.matchedInPeriod.distribution[band]),
    })),
  });

  const ethnicity = equality.find((t) => t.dimension === 'ethnicity')!;
  const equalityChart = barChart({
    title: v('equalityTitle'),
    description: v('equalityDescription'),
    bars: ETHNIC_GROUPS.map((group) => {
      const g = ethnicity.groups.find((x) => x.category === group)!;
      return {
        label: term(group),
        value: g.accessRate ?? 0,
        text: v('rateOf', { rate: rate(g.accessRate), n: number(g.lookedAfter) }),
      };
    }),
  });

  const vol = report.volunteers;
  const volunteers = [
    summaryRow(v('appliedInPeriod'), number(vol.recruited)),
    summaryRow(v('approvedInPeriod'), number(vol.approved)),
    summaryRow(v('inChecks'), number(vol.awaitingApproval)),
    summaryRow(v('approvedNow'), number(vol.approvedNow)),
    summaryRow(v('unmatched'), number(vol.unmatched)),
  ];
  const k = report.compliance;
  const deadlines = [
    summaryRow(v('firstReviews'), number(k.firstReviews)),
    summaryRow(
      v('offeredByFirstReview'),
      v('countOfCount', {
        n: number(k.offeredBeforeFirstReview),
        of: number(k.firstReviews),
        rate: rate(k.shareOfferedBeforeFirstReview),
      }),
    ),
    summaryRow(v('remindersSent'), number(k.remindersSent)),
    summaryRow(v('deadlinesMissed'), number(k.deadlinesMissed)),
    summaryRow(v('escalations'), number(k.escalations)),
  ];
  const s = report.safeguarding;
  const safeguarding = [
    summaryRow(v('concernsRaised'), number(s.concernsRaised)),
    summaryRow(v('allegations'), number(s.allegationsRaised)),
    summaryRow(v('concernsOpen'), number(s.openNow)),
  ];

  return {
    headline: accessSentence(report, WORDS),
    waitHeadline: waitSentence(report, WORDS),
    access,
    funnel: withTable(funnel, v('step'), v('children')),
    trend: { chart: trendChart, rows: trendRows },
    previousPeriod: previous.period,
    comparison,
    waits,
    waitChart: withTable(waitChart, v('wait'), v('matches')),
    equality: equality.map((t) => equalityView(t, drill)),
    equalityChart: withTable(equalityChart, v('ethnicGroup'), v('compareShare')),
    careLeavers: {
      sentence:
        c.careLeaversWithContinuingIv === 0
          ? v('noCareLeaver')
          : v(c.careLeaversWithContinuingIv === 1 ? 'oneCareLeaver' : 'careLeavers', {
              n: number(c.careLeaversWithContinuingIv),
            }),
      href: c.careLeaversWithContinuingIv > 0 ? drill('careLeaversWithContinuingIv') : undefined,
    },
    volunteers,
    deadlines,
    safeguarding,
    figures: everyFigure(report),
  };
}

/** A chart and the rows of its table (label, value). */
const withTable = (chart: ReturnType<typeof barChart>, labelHeading: string, valueHeading: string) => ({
  chart,
  labelHeading,
  valueHeading,
  rows: chart.bars.map((b) => [{ text: b.label }, num(b.text)]),
});

function equalityView(
  table: EqualityTable,
  drill: (figure: ChildFigure, group?: { by: string; category: string }) => string | undefined,
) {
  return {
    heading: table.heading,
    gaps: table.gaps,
    rows: table.groups.map((g) => {
      const group = { by: g.dimension, category: g.category };
      return [
        { text: g.label },
        linkedCount(g.lookedAfter, drill('lookedAfter', group), v('lookedAfterGroup', { group: g.label })),
        linkedCount(g.matched, drill('matched', group), v('matchedGroup', { group: g.label })),
        linkedCount(g.waiting, drill('waiting', group), v('waitingGroup', { group: g.label })),
        num(rate(g.accessRate)),
      ];
    }),
  };
}

/** Every figure of the report in words, grouped by section, for the table at the end of the page. */
export function everyFigure(report: LaReport) {
  const sections: Array<{ heading: string; rows: Cell[][] }> = [];
  for (const f of reportFigures(report)) {
    const words = figureInWords(f, WORDS);
    let section = sections.at(-1);
    if (section?.heading !== words.section) {
      section = { heading: words.section, rows: [] };
      sections.push(section);
    }
    section.rows.push([{ text: words.figure }, { text: words.group }, num(words.value)]);
  }
  return sections;
}

/** The one list of children: a table row each, with a link to the child, age, placement, stage and dates. */
export function childListRows(children: readonly ChildListRow[]): Cell[][] {
  const date = (d: string | undefined) => ({ text: d ? shortDate(d) : '' });
  return children.map((child) => [
    { html: childLinkHtml(child) },
    num(String(child.age)),
    { text: v(child.placedInArea === undefined ? 'notKnown' : child.placedInArea ? 'inArea' : 'outOfArea') },
    { text: term(child.stageLabel) },
    date(child.inCareSince),
    date(child.referredOn),
    date(child.matchedOn),
  ]);
}

export const childListHead = () => [
  { text: v('child') },
  { text: v('age'), format: 'numeric' },
  { text: v('placement') },
  { text: v('stageNow') },
  { text: v('inCareSince') },
  { text: v('referred') },
  { text: v('matched') },
];
