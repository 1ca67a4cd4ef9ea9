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

const rate = (value: number | null) => (value === null ? 'No children' : percent(value));
const wait = (value: number | null) => (value === null ? 'None' : days(value));

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
            items: [{ href: drill(figure), text: 'View', visuallyHiddenText: `the ${key.toLowerCase()}` }],
          },
        }
      : {}),
  });

  const access = [
    summaryRow(`Children looked after on ${longDate(on)}`, number(c.lookedAfter), 'lookedAfter'),
    summaryRow('Told about their entitlement', number(c.told), 'told'),
    summaryRow('Offered an Independent Visitor', number(c.offered), 'offered'),
    summaryRow('Declined or objected', number(c.declinedOrObjected), 'declinedOrObjected'),
    summaryRow('Waiting for a match', number(c.waiting), 'waiting'),
    summaryRow('Matched with an Independent Visitor', number(c.matched), 'matched'),
    summaryRow('Share of children in care with an Independent Visitor', rate(c.accessRate)),
    summaryRow('Matches lasting over 2 years', number(c.matchesOverTwoYears), 'matchesOverTwoYears'),
  ];

  const funnel = barChart({
    title: 'Children looked after, from told to matched',
    description: `How many of the ${number(c.lookedAfter)} children looked after on ${longDate(on)} have reached each step.`,
    bars: [
      { label: 'Looked after', value: c.lookedAfter, text: number(c.lookedAfter) },
      { label: 'Told about the entitlement', value: c.told, text: number(c.told) },
      { label: 'Offered an Independent Visitor', value: c.offered, text: number(c.offered) },
      { label: 'Referred', value: c.referred, text: number(c.referred) },
      { label: 'Matched', value: c.matched, text: number(c.matched) },
    ],
  });

  const trendChart = barChart({
    title: 'Share of children in care with an Independent Visitor, by quarter',
    description: 'At the end of each of the last 8 quarters. A full-length bar is the target of 10%.',
    max: Math.max(report.children.accessTarget, ...trend.map((q) => q.accessRate ?? 0)),
    bars: trend.map((q) => ({ label: q.label, value: q.accessRate ?? 0, text: rate(q.accessRate) })),
  });
  const trendRows = trend.map((q) => [
    { text: q.label },
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
    { text: isRate ? pointsChange(now, before) : countChange(now, before) },
  ];
  const count = (v: number | null) => (v === null ? 'None' : number(v));
  const comparison = [
    compare('Children looked after', c.lookedAfter, previous.children.lookedAfter, count),
    compare('Matched with an Independent Visitor', c.matched, previous.children.matched, count),
    compare('Share with an Independent Visitor', c.accessRate, previous.children.accessRate, rate, true),
    compare('Waiting for a match', c.waiting, previous.children.waiting, count),
    compare('Referrals made', report.flows.referrals, previous.flows.referrals, count),
    compare('Matches made', report.flows.matchesMade, previous.flows.matchesMade, count),
    compare('Matches ended', report.flows.matchesEnded, previous.flows.matchesEnded, count),
    compare(
      'Median wait from referral to match (days)',
      report.waits.matchedInPeriod.medianDays,
      previous.waits.matchedInPeriod.medianDays,
      count,
    ),
    compare('Volunteers who applied', report.volunteers.recruited, previous.volunteers.recruited, count),
    compare('Volunteers approved', report.volunteers.approved, previous.volunteers.approved, count),
    compare(
      'Offered by their first review',
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
    waitRow('Matched in the period, placed in the area', w.matchedInArea),
    waitRow('Matched in the period, placed out of the area', w.matchedOutOfArea),
    waitRow('All matched in the period', w.matchedInPeriod),
    waitRow(
      'Waiting now, placed in the area',
      w.waitingNowInArea,
      drill('waiting', { by: 'placement', category: 'in area' }),
    ),
    waitRow(
      'Waiting now, placed out of the area',
      w.waitingNowOutOfArea,
      drill('waiting', { by: 'placement', category: 'out of area' }),
    ),
    waitRow('All waiting now', w.waitingNow, drill('waiting')),
  ];
  const waitChart = barChart({
    title: 'How long the children matched in the period waited',
    description: 'From referral to match, for the matches made in the period.',
    bars: WAIT_BANDS.map((band) => ({
      label: `Waited ${band}`,
      value: w.matchedInPeriod.distribution[band],
      text: number(w.matchedInPeriod.distribution[band]),
    })),
  });

  const ethnicity = equality.find((t) => t.dimension === 'ethnicity')!;
  const equalityChart = barChart({
    title: 'Share with an Independent Visitor, by ethnic group',
    description:
      'Of the children looked after in each ethnic group, the share matched with an Independent Visitor.',
    bars: ETHNIC_GROUPS.map((group) => {
      const g = ethnicity.groups.find((x) => x.category === group)!;
      return {
        label: group,
        value: g.accessRate ?? 0,
        text: `${rate(g.accessRate)} of ${number(g.lookedAfter)}`,
      };
    }),
  });

  const v = report.volunteers;
  const volunteers = [
    summaryRow('Volunteers who applied in the period', number(v.recruited)),
    summaryRow('Volunteers approved in the period', number(v.approved)),
    summaryRow('Going through checks now', number(v.awaitingApproval)),
    summaryRow('Approved volunteers now', number(v.approvedNow)),
    summaryRow('Approved volunteers not matched with a child', number(v.unmatched)),
  ];
  const k = report.compliance;
  const deadlines = [
    summaryRow('First looked-after reviews held in the period', number(k.firstReviews)),
    summaryRow(
      'Offered an Independent Visitor by their first review',
      `${number(k.offeredBeforeFirstReview)} of ${number(k.firstReviews)} (${rate(k.shareOfferedBeforeFirstReview)})`,
    ),
    summaryRow('Reminders sent', number(k.remindersSent)),
    summaryRow('Deadlines missed', number(k.deadlinesMissed)),
    summaryRow('Escalations to a manager', number(k.escalations)),
  ];
  const s = report.safeguarding;
  const safeguarding = [
    summaryRow('Safeguarding concerns raised in the period', number(s.concernsRaised)),
    summaryRow('Of which, allegations about an Independent Visitor', number(s.allegationsRaised)),
    summaryRow('Concerns still open', number(s.openNow)),
  ];

  return {
    headline: accessSentence(report),
    waitHeadline: waitSentence(report),
    access,
    funnel: withTable(funnel, 'Step', 'Children'),
    trend: { chart: trendChart, rows: trendRows },
    previousPeriod: previous.period,
    comparison,
    waits,
    waitChart: withTable(waitChart, 'Wait', 'Matches'),
    equality: equality.map((t) => equalityView(t, drill)),
    equalityChart: withTable(equalityChart, 'Ethnic group', 'Share with an Independent Visitor'),
    careLeavers: {
      sentence:
        c.careLeaversWithContinuingIv === 0
          ? 'No care leaver has a continuing Independent Visitor.'
          : `${number(c.careLeaversWithContinuingIv)} ${c.careLeaversWithContinuingIv === 1 ? 'care leaver has' : 'care leavers have'} a continuing Independent Visitor under the care-leaver offer.`,
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
        linkedCount(g.lookedAfter, drill('lookedAfter', group), `${g.label} looked after`),
        linkedCount(g.matched, drill('matched', group), `${g.label} matched`),
        linkedCount(g.waiting, drill('waiting', group), `${g.label} waiting`),
        num(rate(g.accessRate)),
      ];
    }),
  };
}

/** Every figure of the report in words, grouped by section, for the table at the end of the page. */
export function everyFigure(report: LaReport) {
  const sections: Array<{ heading: string; rows: Cell[][] }> = [];
  for (const f of reportFigures(report)) {
    const words = figureInWords(f);
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
    { text: child.placedInArea === undefined ? 'Not known' : child.placedInArea ? 'In area' : 'Out of area' },
    { text: child.stageLabel },
    date(child.inCareSince),
    date(child.referredOn),
    date(child.matchedOn),
  ]);
}

export const CHILD_LIST_HEAD = [
  { text: 'Child' },
  { text: 'Age', format: 'numeric' },
  { text: 'Placement' },
  { text: 'Stage now' },
  { text: 'In care since' },
  { text: 'Referred' },
  { text: 'Matched' },
];
