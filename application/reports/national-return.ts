import type { LocalDate } from '../../domain/calendar';
import { LOCAL_AUTHORITIES, localAuthority, REGIONS } from '../../domain/local-authorities';
import { jurisdictionOfLa } from '../../events/contracts/common';
import { ENGLISH_WORDS, type Words } from '../words';
import {
  AGE_BANDS,
  ETHNIC_GROUPS,
  matchWaitsIn,
  type Period,
  percentile,
  type ReturnChildRow,
  type ReturnVolunteerRow,
} from './figures';
import { ACCESS_TARGET, type ReturnReport, returnReport } from './la-report';

/*
 * The national return in the shape of NIVN's data reports: one row per LA, a row per English region, a row for
 * England, one for Wales and one for England and Wales. Aggregates only. Small numbers are protected by one of two
 * conventions, chosen by the reader:
 *   - NIVN: counts of 1 to 5 are suppressed ("c"), and so is any further cell needed to stop a total giving a
 *     suppressed one away (secondary suppression): within a row (matched by sex sums to matched) and across the
 *     rows that add up to another (the LAs of a region, the regions of England, the two countries).
 *   - StatsWales: every count is rounded to the nearest 5, and a count of 1 to 4 is disclosive ("*"). Rounding each
 *     cell on its own protects the totals, so no secondary suppression is needed.
 * Rates and waiting times that rest on a protected count are protected too. The waiting times of regions and
 * countries are pooled from the waits of every match in them: never a median of medians.
 */

export const CONVENTIONS = {
  nivn: {
    name: 'NIVN: counts of 1 to 5 suppressed',
    marker: 'c',
    explanation:
      'Counts from 1 to 5 are shown as c, and so is any figure from which one of them could be worked out.',
  },
  statswales: {
    name: 'StatsWales: counts rounded to the nearest 5',
    marker: '*',
    explanation:
      'Counts are rounded to the nearest 5. Counts from 1 to 4 are shown as *, because they could identify a child.',
  },
} as const;
export type Convention = keyof typeof CONVENTIONS;
export const CONVENTION_NAMES = Object.keys(CONVENTIONS) as Convention[];

/** NIVN's smallest count shown; 1 to this minus one are suppressed (0 is shown: it identifies no one). */
export const SMALLEST_SHOWN = 6;
/** StatsWales: counts below this (and above 0) are disclosive; the rest are rounded to a multiple of it. */
export const ROUND_TO = 5;

export const SUPPRESSED = CONVENTIONS.nivn.marker;
export type Cell = number | string | null;

export interface Column {
  key: string;
  /** The heading a person reads. */
  label: string;
}

const breakdownColumns = (who: 'matched' | 'waiting'): Column[] => {
  const label = who === 'matched' ? 'Matched' : 'Waiting';
  return [
    { key: `${who} male`, label: `${label}: male` },
    { key: `${who} female`, label: `${label}: female` },
    ...AGE_BANDS.map((k) => ({ key: `${who} aged ${k}`, label: `${label}: aged ${k}` })),
    ...ETHNIC_GROUPS.map((k) => ({ key: `${who} ${k}`, label: `${label}: ${k}` })),
    { key: `${who} in area`, label: `${label}: placed in the area` },
    { key: `${who} out of area`, label: `${label}: placed out of the area` },
    { key: `${who} area not known`, label: `${label}: placement area not known` },
  ];
};

/** A column's heading in the reader's language: "Matched: aged 10 to 15", each part a label of its own. */
export const columnLabel = (column: Column, w: Words = ENGLISH_WORDS): string =>
  column.label.split(': ').map(w.term).join(': ');

/** The counted columns, in the order of the CSV. */
export const COLUMNS: readonly Column[] = [
  { key: 'looked after', label: 'Children looked after' },
  { key: 'matched', label: 'Matched with an Independent Visitor' },
  { key: 'waiting', label: 'Waiting for a match' },
  { key: 'referrals in period', label: 'Referrals in the period' },
  { key: 'matches made in period', label: 'Matches made in the period' },
  { key: 'matches ended in period', label: 'Matches ended in the period' },
  { key: 'matches over two years', label: 'Matches lasting over 2 years' },
  { key: 'care leavers with a continuing IV', label: 'Care leavers with a continuing Independent Visitor' },
  { key: 'volunteers recruited in period', label: 'Volunteers who applied in the period' },
  { key: 'volunteers approved in period', label: 'Volunteers approved in the period' },
  { key: 'volunteers unmatched', label: 'Approved volunteers not matched' },
  ...breakdownColumns('matched'),
  ...breakdownColumns('waiting'),
];
export const COUNT_COLUMNS = COLUMNS.map((c) => c.key);

/** Groups of columns that add up to a total column: suppressing one cell of a group exposes it through the total. */
const GROUPS: ReadonlyArray<{ total: string; parts: string[] }> = ['matched', 'waiting'].flatMap((who) => [
  { total: who, parts: [`${who} male`, `${who} female`] },
  { total: who, parts: AGE_BANDS.map((k) => `${who} aged ${k}`) },
  { total: who, parts: ETHNIC_GROUPS.map((k) => `${who} ${k}`) },
  { total: who, parts: [`${who} in area`, `${who} out of area`, `${who} area not known`] },
]);

export interface ReturnRow {
  level: 'la' | 'region' | 'country' | 'total';
  code: string;
  name: string;
  region: string;
  /** Whether the LA has an IV service: an approved volunteer or a match on record. */
  hasService?: boolean;
  /** How many LAs the row adds up (1 for an LA). */
  las: number;
  cells: Record<string, Cell>;
  accessRate: Cell;
  meetsTarget: boolean | string | null;
  medianWaitDays: Cell;
  p90WaitDays: Cell;
}

export interface NationalReturn {
  period: Period;
  asOf: LocalDate;
  convention: Convention;
  accessTarget: number;
  las: ReturnRow[];
  regions: ReturnRow[];
  /** England, then Wales: always both, even when one has no LA with records. */
  countries: ReturnRow[];
  total: ReturnRow;
}

/** One LA's part of the return: its report, and the waits of its matches in the period (pooled upwards). */
export interface ReturnEntry {
  report: ReturnReport;
  matchWaits: readonly number[];
}

/** One LA's entry from its rows (whole rows, or only the fields the return reads). */
export const returnEntryOf = (
  children: readonly ReturnChildRow[],
  volunteers: readonly ReturnVolunteerRow[],
  la: string,
  period: Period,
): ReturnEntry => ({
  report: returnReport(children, volunteers, la, period, period.to),
  matchWaits: matchWaitsIn(children, period),
});

/** One LA's counts for the return, from its report. */
export function returnCounts(report: ReturnReport): Record<string, number> {
  const { children, flows, volunteers, breakdowns } = report;
  const counts: Record<string, number> = {
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
    counts[`${who} area not known`] = b.placement['not known'];
  }
  return counts;
}

interface Working {
  row: Pick<ReturnRow, 'level' | 'code' | 'name' | 'region' | 'hasService' | 'las'>;
  counts: Record<string, number>;
  suppressed: Set<string>;
  waits: number[];
}

const small = (n: number) => n > 0 && n < SMALLEST_SHOWN;

/** NIVN: primary suppression, then secondary suppression until nothing changes. */
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

/** StatsWales: a count as published, rounded to the nearest 5, or "*" when it is 1 to 4. */
export const roundedCount = (n: number): Cell =>
  n > 0 && n < ROUND_TO ? CONVENTIONS.statswales.marker : Math.round(n / ROUND_TO) * ROUND_TO;

function finish(w: Working, convention: Convention): ReturnRow {
  const marker = CONVENTIONS[convention].marker;
  const isProtected =
    convention === 'nivn'
      ? (key: string) => w.suppressed.has(key)
      : (key: string) => w.counts[key]! > 0 && w.counts[key]! < ROUND_TO;
  const cells: Record<string, Cell> = {};
  for (const key of COUNT_COLUMNS) {
    const n = w.counts[key] ?? 0;
    cells[key] = isProtected(key) ? marker : convention === 'nivn' ? n : roundedCount(n);
  }
  const looked = w.counts['looked after']!;
  const rateHidden = isProtected('matched') || isProtected('looked after');
  const rate = looked === 0 ? null : w.counts.matched! / looked;
  const made = w.waits.length;
  const waitsHidden = convention === 'nivn' ? small(made) : made > 0 && made < ROUND_TO;
  return {
    ...w.row,
    cells,
    accessRate: rateHidden ? marker : rate,
    meetsTarget: rateHidden ? marker : rate === null ? null : rate >= ACCESS_TARGET,
    medianWaitDays: waitsHidden ? marker : percentile(w.waits, 0.5),
    p90WaitDays: waitsHidden ? marker : percentile(w.waits, 0.9),
  };
}

const pooled = (row: Working['row'], members: readonly Working[]): Working => {
  const counts: Record<string, number> = {};
  for (const key of COUNT_COLUMNS) counts[key] = members.reduce((n, w) => n + (w.counts[key] ?? 0), 0);
  return { row, counts, suppressed: new Set(), waits: members.flatMap((w) => w.waits) };
};

const ENGLISH_REGIONS = REGIONS.filter((r) => r !== 'Wales');

/**
 * The national return from each LA's entry (taken one LA at a time, so the caller never holds every row of the
 * country). Regions, countries and the total add their LAs up, waits pooled.
 */
export function nationalReturn(
  entries: Iterable<ReturnEntry>,
  period: Period,
  asOf: LocalDate,
  convention: Convention = 'nivn',
): NationalReturn {
  const las: Working[] = [];
  for (const { report, matchWaits } of entries) {
    const la = localAuthority(report.la);
    las.push({
      row: {
        level: 'la',
        code: la.code,
        name: report.name,
        region: la.region,
        hasService: hasService(report),
        las: 1,
      },
      counts: returnCounts(report),
      suppressed: new Set(),
      waits: [...matchWaits],
    });
  }
  const order = new Map(LOCAL_AUTHORITIES.map((la, i) => [la.code, i]));
  las.sort(
    (a, b) =>
      (order.get(a.row.code) ?? 1e9) - (order.get(b.row.code) ?? 1e9) || a.row.code.localeCompare(b.row.code),
  );
  const inRegion = (region: string) => las.filter((w) => w.row.region === region);
  const regions = ENGLISH_REGIONS.filter((region) => inRegion(region).length > 0).map((region) =>
    pooled(
      { level: 'region', code: region, name: region, region, las: inRegion(region).length },
      inRegion(region),
    ),
  );
  const ofCountry = (jurisdiction: 'england' | 'wales') =>
    las.filter((w) => jurisdictionOfLa(w.row.code) === jurisdiction);
  const england = ofCountry('england');
  const wales = ofCountry('wales');
  const countries = [
    pooled({ level: 'country', code: 'England', name: 'England', region: '', las: england.length }, england),
    pooled({ level: 'country', code: 'Wales', name: 'Wales', region: '', las: wales.length }, wales),
  ];
  const total = pooled(
    { level: 'total', code: 'England and Wales', name: 'England and Wales', region: '', las: las.length },
    las,
  );

  if (convention === 'nivn') {
    // LAs of a region sum to the region; English regions to England; Welsh LAs to Wales; the countries to the total.
    const across = [...ENGLISH_REGIONS.map(inRegion), wales, regions, countries].filter(
      (group) => group.length > 1,
    );
    suppress([...las, ...regions, ...countries, total], across);
  }
  return {
    period,
    asOf,
    convention,
    accessTarget: ACCESS_TARGET,
    las: las.map((w) => finish(w, convention)),
    regions: regions.map((w) => finish(w, convention)),
    countries: countries.map((w) => finish(w, convention)),
    total: finish(total, convention),
  };
}

const hasService = (report: ReturnReport) =>
  report.volunteers.approvedNow > 0 ||
  report.children.matched > 0 ||
  report.children.careLeaversWithContinuingIv > 0 ||
  report.flows.matchesMade > 0;
