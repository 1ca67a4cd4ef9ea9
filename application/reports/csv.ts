import { longDate } from '../dates';
import { type LaReport, reportFigures } from './la-report';
import { COLUMNS, CONVENTIONS, type NationalReturn, type ReturnRow } from './national-return';
import { figureInWords, machineKey, percent } from './words';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled. A text that a
 * spreadsheet would run as a formula (starting =, +, -, @, tab or carriage return) is prefixed with an apostrophe.
 * Numbers are written as they are; null (not applicable) as an empty field; booleans as yes/no.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const toCsv = (rows: ReadonlyArray<ReadonlyArray<unknown>>): string =>
  `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;

/** Who reads the file: a person (headings and values in words) or a program (stable keys and raw values). */
export type CsvAudience = 'people' | 'machines';

const rate = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);

/** The LA report as CSV: a few lines about the report, then one line per figure. */
export function laReportCsv(report: LaReport, audience: CsvAudience = 'people'): string {
  if (audience === 'machines')
    return toCsv([
      ['section', 'measure', 'category', 'value'],
      ['report', 'la_code', '', report.la],
      ['report', 'la_name', '', report.name],
      ['report', 'region', '', report.region],
      ['report', 'period_from', '', report.period.from],
      ['report', 'period_to', '', report.period.to],
      ['report', 'as_of', '', report.asOf],
      ...reportFigures(report).map((f) => [
        machineKey(f.section),
        machineKey(f.measure),
        machineKey(f.category),
        typeof f.value === 'number' && !Number.isInteger(f.value)
          ? rate(f.value)
          : typeof f.value === 'boolean'
            ? String(f.value)
            : f.value,
      ]),
    ]);
  const about = 'About this report';
  return toCsv([
    ['Section', 'Figure', 'Group', 'Value'],
    [about, 'Local authority', '', report.name],
    [about, 'Period', '', `${longDate(report.period.from)} to ${longDate(report.period.to)}`],
    [about, 'Children counted on', '', longDate(report.asOf)],
    ...reportFigures(report).map((f) => {
      const words = figureInWords(f);
      return [words.section, words.figure, words.group, words.value];
    }),
  ]);
}

const LEVELS: Record<ReturnRow['level'], string> = {
  la: 'Local authority',
  region: 'Region',
  country: 'Country',
  total: 'England and Wales',
};

/** The national return as CSV: one line per LA, then regions, countries and the total; protected cells marked. */
export function nationalReturnCsv(national: NationalReturn, audience: CsvAudience = 'people'): string {
  const people = audience === 'people';
  const header = people
    ? [
        'Level',
        'Code',
        'Name',
        'Region',
        'Has an Independent Visitor service',
        ...COLUMNS.map((c) => c.label),
        'Share of children in care with an Independent Visitor',
        `Meets the ${percent(national.accessTarget)} target`,
        'Median wait from referral to match (days)',
        'Wait within which 9 in 10 fall (days)',
      ]
    : [
        'level',
        'code',
        'name',
        'region',
        'has_iv_service',
        ...COLUMNS.map((c) => machineKey(c.key)),
        'access_rate',
        'meets_target',
        'median_wait_days',
        'p90_wait_days',
      ];
  const yesNo = (value: boolean | undefined) =>
    value === undefined ? null : people ? (value ? 'Yes' : 'No') : String(value);
  const line = (row: ReturnRow) => [
    people ? LEVELS[row.level] : row.level,
    row.code,
    row.name,
    row.region,
    yesNo(row.hasService),
    ...COLUMNS.map((c) => row.cells[c.key]),
    typeof row.accessRate === 'number'
      ? people
        ? percent(row.accessRate)
        : rate(row.accessRate)
      : row.accessRate,
    typeof row.meetsTarget === 'boolean' ? yesNo(row.meetsTarget) : row.meetsTarget,
    row.medianWaitDays,
    row.p90WaitDays,
  ];
  const rows = [
    header,
    ...national.las.map(line),
    ...national.regions.map(line),
    ...national.countries.map(line),
    line(national.total),
  ];
  return toCsv(
    people
      ? [
          ...rows,
          [],
          [`${CONVENTIONS[national.convention].name}. ${CONVENTIONS[national.convention].explanation}`],
        ]
      : rows,
  );
}
