import type { App } from '../../../application/app';
import { barChartSvg } from '../../../application/reports/chart';
import { ETHNIC_GROUPS, WAIT_BANDS } from '../../../application/reports/figures';
import { type LaReport, reportFigures } from '../../../application/reports/la-report';
import { COUNT_COLUMNS, type ReturnRow } from '../../../application/reports/national-return';
import { nationalReturnFor, periodOf, reportForLa } from '../../../application/reports/reports';
import { LocalDateSchema } from '../../../events/contracts/common';
import type { Page } from '../pages';

const percent = (rate: number | null | string) =>
  typeof rate === 'number' ? `${(rate * 100).toFixed(1)}%` : rate === null ? 'none' : String(rate);
const days = (value: number | null) => (value === null ? 'none' : `${value} days`);

/** The dates a person typed into the period form, or nothing when they are not real dates. */
function dateFrom(query: URLSearchParams, name: string): string | undefined {
  const pad = (v: string | null, n: number) => (v ?? '').trim().padStart(n, '0');
  const date = `${pad(query.get(`${name}-year`), 4)}-${pad(query.get(`${name}-month`), 2)}-${pad(query.get(`${name}-day`), 2)}`;
  return LocalDateSchema.safeParse(date).success ? date : undefined;
}

const dateItems = (date: string) => {
  const [year, month, day] = date.split('-');
  return [
    { name: 'day', label: 'Day', classes: 'govuk-input--width-2', value: String(Number(day)) },
    { name: 'month', label: 'Month', classes: 'govuk-input--width-2', value: String(Number(month)) },
    { name: 'year', label: 'Year', classes: 'govuk-input--width-4', value: year },
  ];
};

/** Each chart with its figures also as a table: a chart never stands alone. */
function charts(report: LaReport) {
  const c = report.children;
  const chart = (
    title: string,
    description: string,
    labelHeading: string,
    valueHeading: string,
    bars: Array<{ label: string; value: number }>,
    unit = '',
  ) => ({
    title,
    labelHeading,
    valueHeading,
    svg: barChartSvg({ title, description, bars, unit }),
    rows: bars.map((b) => [{ text: b.label }, { text: `${b.value}${unit}`, format: 'numeric' }]),
  });
  const { matched, waiting } = report.breakdowns;
  return [
    chart(
      'Children looked after, from told to matched',
      'How many children looked after now have reached each step towards an Independent Visitor.',
      'Step',
      'Children',
      [
        { label: 'Looked after', value: c.lookedAfter },
        { label: 'Told of the entitlement', value: c.told },
        { label: 'Offered an IV', value: c.offered },
        { label: 'Referred', value: c.referred },
        { label: 'Matched', value: c.matched },
      ],
    ),
    chart(
      'How long matched children waited',
      'Referral to match, for the matches made in the period, in bands of time.',
      'Wait',
      'Matches',
      WAIT_BANDS.map((band) => ({ label: band, value: report.waits.matchedInPeriod.distribution[band] })),
    ),
    chart(
      'Median wait, placed in area and out of area',
      'Median days from referral to match for matches made in the period, and days waited so far by children waiting now.',
      'Children',
      'Median days',
      [
        { label: 'Matched, placed in area', value: report.waits.matchedInArea.medianDays ?? 0 },
        { label: 'Matched, placed out of area', value: report.waits.matchedOutOfArea.medianDays ?? 0 },
        { label: 'Waiting, placed in area', value: report.waits.waitingNowInArea.medianDays ?? 0 },
        { label: 'Waiting, placed out of area', value: report.waits.waitingNowOutOfArea.medianDays ?? 0 },
      ],
      ' days',
    ),
    chart(
      'Matched and waiting children by ethnic group',
      'The ethnic groups of children matched now and of children waiting now.',
      'Group',
      'Matched / waiting',
      ETHNIC_GROUPS.flatMap((group) => [
        { label: `${group}: matched`, value: matched.ethnicity[group] ?? 0 },
        { label: `${group}: waiting`, value: waiting.ethnicity[group] ?? 0 },
      ]),
    ),
  ];
}

export function reportPages(app: App): Page[] {
  return [
    {
      method: 'GET',
      path: '/reports',
      action: 'report:la',
      handle: async ({ principal, query }) => {
        const period = periodOf(app, dateFrom(query, 'from'), dateFrom(query, 'to'));
        const report = await reportForLa(
          app,
          principal.la,
          period.from <= period.to ? period : periodOf(app),
        );
        const c = report.children;
        const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
        return {
          view: 'pages/report.njk',
          context: {
            title: 'Independent Visitors report',
            report,
            csvHref: `/api/reports/la?from=${report.period.from}&to=${report.period.to}&format=csv`,
            dateItems: { from: dateItems(report.period.from), to: dateItems(report.period.to) },
            headline: [
              row('Children looked after now', String(c.lookedAfter)),
              row('Matched with an Independent Visitor', String(c.matched)),
              row(
                'Access rate (target 10%)',
                `${percent(c.accessRate)}: ${c.meetsTarget ? 'meets the target' : 'below the target'}`,
              ),
              row('Waiting for a match', String(c.waiting)),
              row('Median wait from referral to match', days(report.waits.matchedInPeriod.medianDays)),
              row('90% of matched children waited up to', days(report.waits.matchedInPeriod.p90Days)),
              row(
                'Offered before their first review',
                `${report.compliance.offeredBeforeFirstReview} of ${report.compliance.firstReviews} (${percent(report.compliance.shareOfferedBeforeFirstReview)})`,
              ),
              row('Deadlines missed in the period', String(report.compliance.deadlinesMissed)),
            ],
            charts: charts(report),
            figures: reportFigures(report).map((f) => [
              { text: f.section },
              { text: [f.measure, f.category].filter(Boolean).join(': ') },
              { text: String(f.value ?? ''), format: 'numeric' },
            ]),
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/reports/national',
      action: 'report:national',
      handle: async ({ query }) => {
        const national = await nationalReturnFor(
          app,
          periodOf(app, dateFrom(query, 'from'), dateFrom(query, 'to')),
        );
        const cells = (r: ReturnRow) => [
          { text: r.name },
          ...COUNT_COLUMNS.map((key) => ({ text: String(r.cells[key] ?? ''), format: 'numeric' })),
          { text: percent(r.accessRate as number | null | string), format: 'numeric' },
          { text: String(r.medianWaitDays ?? ''), format: 'numeric' },
        ];
        return {
          view: 'pages/national.njk',
          context: {
            title: 'National return',
            period: national.period,
            target: percent(national.accessTarget),
            csvHref: `/api/reports/national?from=${national.period.from}&to=${national.period.to}&format=csv`,
            head: [
              { text: 'Area' },
              ...COUNT_COLUMNS.map((key) => ({ text: key, format: 'numeric' })),
              { text: 'access rate', format: 'numeric' },
              { text: 'median wait (days)', format: 'numeric' },
            ],
            tables: [
              { caption: 'England and Wales', rows: [...national.countries, national.total].map(cells) },
              { caption: 'Regions', rows: national.regions.map(cells) },
              { caption: 'Local authorities', rows: national.las.map(cells) },
            ],
          },
        };
      },
    },
  ];
}
