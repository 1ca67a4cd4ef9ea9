import { ENGLISH_WORDS, type Words } from '../words';
import { type LaReport, reportFigures } from './la-report';
import { COLUMNS, CONVENTIONS, columnLabel, type NationalReturn, type ReturnRow } from './national-return';
import { figureInWords, machineKey, percent } from './words';

/** The CSVs' headings and lines in English, each its own key in the web's catalogues (`sentences`). */
export const CSV_WORDS = {
  section: 'Section',
  figure: 'Figure',
  group: 'Group',
  value: 'Value',
  about: 'About this report',
  localAuthority: 'Local authority',
  period: 'Period',
  periodDates: '{{from}} to {{to}}',
  countedOn: 'Children counted on',
  level: 'Level',
  code: 'Code',
  name: 'Name',
  region: 'Region',
  hasService: 'Has an Independent Visitor service',
  share: 'Share of children in care with an Independent Visitor',
  meetsTarget: 'Meets the {{target}} target',
  medianWait: 'Median wait from referral to match (days)',
  p90Wait: 'Wait within which 9 in 10 fall (days)',
  country: 'Country',
  englandAndWales: 'England and Wales',
  yes: 'Yes',
  no: 'No',
} as const;
const C = CSV_WORDS;

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
export function laReportCsv(
  report: LaReport,
  audience: CsvAudience = 'people',
  w: Words = ENGLISH_WORDS,
): string {
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
  const about = w.say(C.about);
  return toCsv([
    [C.section, C.figure, C.group, C.value].map((heading) => w.say(heading)),
    [about, w.say(C.localAuthority), '', report.name],
    [
      about,
      w.say(C.period),
      '',
      w.say(C.periodDates, { from: w.date(report.period.from), to: w.date(report.period.to) }),
    ],
    [about, w.say(C.countedOn), '', w.date(report.asOf)],
    ...reportFigures(report).map((f) => {
      const words = figureInWords(f, w);
      return [words.section, words.figure, words.group, words.value];
    }),
  ]);
}

const LEVELS: Record<ReturnRow['level'], string> = {
  la: C.localAuthority,
  region: C.region,
  country: C.country,
  total: C.englandAndWales,
};

/** The national return as CSV: one line per LA, then regions, countries and the total; protected cells marked. */
export function nationalReturnCsv(
  national: NationalReturn,
  audience: CsvAudience = 'people',
  w: Words = ENGLISH_WORDS,
): string {
  const people = audience === 'people';
  const header = people
    ? [
        ...[C.level, C.code, C.name, C.region, C.hasService].map((heading) => w.say(heading)),
        ...COLUMNS.map((c) => columnLabel(c, w)),
        w.say(C.share),
        w.say(C.meetsTarget, { target: percent(national.accessTarget) }),
        w.say(C.medianWait),
        w.say(C.p90Wait),
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
    value === undefined ? null : people ? w.say(value ? C.yes : C.no) : String(value);
  const line = (row: ReturnRow) => [
    people ? w.say(LEVELS[row.level]) : row.level,
    row.code,
    people ? w.term(row.name) : row.name,
    people ? w.term(row.region) : row.region,
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
          [
            `${w.term(CONVENTIONS[national.convention].name)}. ${w.term(CONVENTIONS[national.convention].explanation)}`,
          ],
        ]
      : rows,
  );
}
