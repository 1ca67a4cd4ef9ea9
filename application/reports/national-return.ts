import type { LocalDate } from '../../domain/calendar';
import { LOCAL_AUTHORITIES, localAuthority, REGIONS } from '../../domain/local-authorities';
import { AGE_BANDS, ETHNIC_GROUPS, type Period } from './figures';
import { ACCESS_TARGET, type LaReport } from './la-report';

/*
 * The national return in the shape of NIVN's data reports: one row per LA, a row per region, a row per country and
 * one for England and Wales. Aggregates only. Counts of 1 to 5 are shown as SUPPRESSED, and so is any further cell
 * needed to stop a total giving a suppressed one away (secondary suppression): within an LA's row (matched by sex
 * sums to matched) and across the LAs of a region (their matched sum to the region's). Rates and waiting times
 * that rest on a suppressed count, or on fewer than 6 children, are suppressed too.
 */

export const SUPPRESSED = 'c';
/** Smallest count shown; 1 to this minus one are suppressed (0 is shown: it identifies no one). */
export const SMALLEST_SHOWN = 6;

export type Cell = number | typeof SUPPRESSED | null;

/** The counts of one return row, before suppression. */
export type Counts = Record<string, number>;

const breakdownKeys = (prefix: string) => [
  ...['male', 'female'].map((k) => `${prefix} ${k}`),
  ...AGE_BANDS.map((k) => `${prefix} aged ${k}`),
  ...ETHNIC_GROUPS.map((k) => `${prefix} ${k}`),
  `${prefix} in area`,
  `${prefix} out of area`,
];

/** The counted columns, in the order of the CSV. */
export const COUNT_COLUMNS = [
  'looked after',
  'matched',
  'waiting',
  'referrals in period',
  'matches made in period',
  'matches ended in period',
  'matches over two years',
  'care leavers with a continuing IV',
  'volunteers recruited in period',
  'volunteers approved in period',
  'volunteers unmatched',
  ...breakdownKeys('matched'),
  ...breakdownKeys('waiting'),
] as const;

/** Groups of columns that add up to a total column: suppressing one cell of a group exposes it through the total. */
const GROUPS: ReadonlyArray<{ total: string; parts: string[] }> = ['matched', 'waiting'].flatMap((who) => [
  { total: who, parts: [`${who} male`, `${who} female`] },
  { total: who, parts: AGE_BANDS.map((k) => `${who} aged ${k}`) },
  { total: who, parts: ETHNIC_GROUPS.map((k) => `${who} ${k}`) },
  { total: who, parts: [`${who} in area`, `${who} out of area`] },
]);

export interface ReturnRow {
  level: 'la' | 'region' | 'country' | 'total';
  code: string;
  name: string;
  region: string;
  /** Whether the LA has an IV service: an approved volunteer or a match on record. */
  hasService?: boolean;
  cells: Record<string, Cell>;
  accessRate: Cell;
  meetsTarget: boolean | typeof SUPPRESSED | null;
  medianWaitDays: Cell;
  p90WaitDays: Cell;
}

export interface NationalReturn {
  period: Period;
  asOf: LocalDate;
  accessTarget: number;
  las: ReturnRow[];
  regions: ReturnRow[];
  countries: ReturnRow[];
  total: ReturnRow;
}

/** One LA's counts for the return, from its report. */
export function returnCounts(report: LaReport): Counts {
  const { children, flows, volunteers, breakdowns } = report;
  const counts: Counts = {
    'looked after': children.lookedAfter,
    matched: children.matched,
    waiting: children.waiting,
    'referrals in period': flows.referrals,
    'matches made in period': flows.matchesMade,
    'matches ended in period': flows.matchesEnded,
    'matches over two years': children.matchesOverTwoYears,
    'care leavers with a continuing IV': children.careLeaversWithContinuingIv,
    'volunteers recruited in period': volunteers.recruited,
    'volunteers approved in period': volunteers.approved,
    'volunteers unmatched': volunteers.unmatched,
  };
  for (const who of ['matched', 'waiting'] as const) {
    const b = breakdowns[who];
    for (const [k, n] of Object.entries(b.sex)) counts[`${who} ${k}`] = n;
    for (const [k, n] of Object.entries(b.ageBand)) counts[`${who} aged ${k}`] = n;
    for (const k of ETHNIC_GROUPS) counts[`${who} ${k}`] = b.ethnicity[k] ?? 0;
    counts[`${who} in area`] = b.placement['in area'];
    counts[`${who} out of area`] = b.placement['out of area'];
  }
  return counts;
}

interface Working {
  row: Omit<ReturnRow, 'cells' | 'accessRate' | 'meetsTarget' | 'medianWaitDays' | 'p90WaitDays'>;
  counts: Counts;
  suppressed: Set<string>;
  waits: { median: number | null; p90: number | null };
}

const small = (n: number) => n > 0 && n < SMALLEST_SHOWN;

/** Primary suppression, then secondary suppression until nothing changes. */
function suppress(rows: Working[], groupsAcross: Working[][]) {
  for (const w of rows) for (const [k, n] of Object.entries(w.counts)) if (small(n)) w.suppressed.add(k);
  // Hide the smallest non-zero shown cell among candidates; a total of zero exposes nothing.
  const hideSmallest = (candidates: Array<{ w: Working; key: string }>) => {
    const shown = candidates.filter(({ w, key }) => !w.suppressed.has(key) && w.counts[key]! > 0);
    shown.sort((a, b) => a.w.counts[a.key]! - b.w.counts[b.key]!);
    const pick = shown[0];
    if (!pick) return false;
    pick.w.suppressed.add(pick.key);
    return true;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of rows)
      for (const group of GROUPS) {
        if (w.suppressed.has(group.total)) continue;
        const hidden = group.parts.filter((p) => w.suppressed.has(p));
        if (hidden.length === 1)
          changed =
            hideSmallest(group.parts.filter((p) => p !== hidden[0]).map((key) => ({ w, key }))) || changed;
      }
    for (const members of groupsAcross)
      for (const key of COUNT_COLUMNS) {
        const hidden = members.filter((w) => w.suppressed.has(key));
        if (hidden.length === 1)
          changed = hideSmallest(members.filter((w) => w !== hidden[0]).map((w) => ({ w, key }))) || changed;
      }
  }
}

function finish(w: Working): ReturnRow {
  const cells: Record<string, Cell> = {};
  for (const key of COUNT_COLUMNS) cells[key] = w.suppressed.has(key) ? SUPPRESSED : (w.counts[key] ?? 0);
  const looked = w.counts['looked after']!;
  const matched = w.counts.matched!;
  const rateHidden = w.suppressed.has('matched') || w.suppressed.has('looked after');
  const rate = looked === 0 ? null : matched / looked;
  const made = w.counts['matches made in period']!;
  const waitsHidden = made > 0 && made < SMALLEST_SHOWN;
  return {
    ...w.row,
    cells,
    accessRate: rateHidden ? SUPPRESSED : rate,
    meetsTarget: rateHidden ? SUPPRESSED : rate === null ? null : rate >= ACCESS_TARGET,
    medianWaitDays: waitsHidden ? SUPPRESSED : w.waits.median,
    p90WaitDays: waitsHidden ? SUPPRESSED : w.waits.p90,
  };
}

const sum = (rows: Working[]): Counts => {
  const out: Counts = {};
  for (const key of COUNT_COLUMNS) out[key] = rows.reduce((n, w) => n + (w.counts[key] ?? 0), 0);
  return out;
};

/**
 * The national return from each LA's report (taken one LA at a time, so the caller never holds every row of the
 * country). Waiting times of regions and countries are not the median of medians: they are left null unless given
 * through `waitsOf` (e.g. from the pooled waits); an LA's come from its own report.
 */
export function nationalReturn(reports: Iterable<LaReport>, period: Period, asOf: LocalDate): NationalReturn {
  const las: Working[] = [];
  for (const report of reports) {
    const la = localAuthority(report.la);
    las.push({
      row: {
        level: 'la',
        code: la.code,
        name: report.name,
        region: la.region,
        hasService: hasService(report),
      },
      counts: returnCounts(report),
      suppressed: new Set(),
      waits: { median: report.waits.matchedInPeriod.medianDays, p90: report.waits.matchedInPeriod.p90Days },
    });
  }
  const order = new Map(LOCAL_AUTHORITIES.map((la, i) => [la.code, i]));
  las.sort(
    (a, b) =>
      (order.get(a.row.code) ?? 1e9) - (order.get(b.row.code) ?? 1e9) || a.row.code.localeCompare(b.row.code),
  );

  const regions: Working[] = REGIONS.map((region) => {
    const members = las.filter((w) => w.row.region === region);
    return {
      row: { level: 'region' as const, code: region, name: region, region },
      counts: sum(members),
      suppressed: new Set<string>(),
      waits: { median: null, p90: null },
    };
  }).filter((w) => las.some((l) => l.row.region === w.row.region));
  const england = regions.filter((r) => r.row.region !== 'Wales');
  const countryRows: Working[] = [
    {
      row: { level: 'country' as const, code: 'England', name: 'England', region: '' },
      counts: sum(las.filter((l) => l.row.code.startsWith('E'))),
    },
    {
      row: { level: 'country' as const, code: 'Wales', name: 'Wales', region: '' },
      counts: sum(las.filter((l) => l.row.code.startsWith('W'))),
    },
  ]
    .filter((c) => las.some((l) => l.row.code.startsWith(c.row.code[0]!)))
    .map((c) => ({ ...c, suppressed: new Set<string>(), waits: { median: null, p90: null } }));
  const total: Working = {
    row: { level: 'total', code: 'England and Wales', name: 'England and Wales', region: '' },
    counts: sum(las),
    suppressed: new Set(),
    waits: { median: null, p90: null },
  };

  // LAs of a region sum to the region; English regions sum to England; the countries sum to the total.
  const across = [
    ...REGIONS.map((region) => las.filter((w) => w.row.region === region)).filter((g) => g.length > 1),
    ...(england.length > 1 ? [england] : []),
    ...(countryRows.length > 1 ? [countryRows] : []),
  ];
  suppress([...las, ...regions, ...countryRows, total], across);
  return {
    period,
    asOf,
    accessTarget: ACCESS_TARGET,
    las: las.map(finish),
    regions: regions.map(finish),
    countries: countryRows.map(finish),
    total: finish(total),
  };
}

const hasService = (report: LaReport) =>
  report.volunteers.approvedNow > 0 ||
  report.children.matched > 0 ||
  report.children.careLeaversWithContinuingIv > 0 ||
  report.flows.matchesMade > 0;
