import { type LaReport, reportFigures } from './la-report';
import { COUNT_COLUMNS, type NationalReturn, type ReturnRow } from './national-return';

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

const rate = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);

/** The LA report as CSV: a few lines naming the report, then one line per figure. */
export function laReportCsv(report: LaReport): string {
  return toCsv([
    ['section', 'measure', 'category', 'value'],
    ['report', 'local authority', report.la, report.name],
    ['report', 'region', '', report.region],
    ['report', 'period from', '', report.period.from],
    ['report', 'period to', '', report.period.to],
    ['report', 'as of', '', report.asOf],
    ...reportFigures(report).map((f) => [
      f.section,
      f.measure,
      f.category,
      typeof f.value === 'number' && !Number.isInteger(f.value) ? rate(f.value) : f.value,
    ]),
  ]);
}

/** The national return as CSV: one line per LA, then regions, countries and the total; "c" marks a suppressed cell. */
export function nationalReturnCsv(national: NationalReturn): string {
  const header = [
    'level',
    'code',
    'name',
    'region',
    'has IV service',
    ...COUNT_COLUMNS,
    'access rate',
    'meets 10% target',
    'median wait referral to match (days)',
    '90th percentile wait (days)',
  ];
  const line = (row: ReturnRow) => [
    row.level,
    row.code,
    row.name,
    row.region,
    row.hasService ?? null,
    ...COUNT_COLUMNS.map((key) => row.cells[key]),
    typeof row.accessRate === 'number' ? rate(row.accessRate) : row.accessRate,
    row.meetsTarget,
    row.medianWaitDays,
    row.p90WaitDays,
  ];
  return toCsv([
    header,
    ...national.las.map(line),
    ...national.regions.map(line),
    ...national.countries.map(line),
    line(national.total),
  ]);
}
