import { addYears, daysBetween, type LocalDate } from '../../domain/calendar';
import type { ChildRow, MatchRow, PeriodRow, ReferralRow, VolunteerRow } from '../projections/child-row';

/*
 * The questions every report asks of a row at a date. Rows keep dates, so "as of" any date up to the last event is
 * answered from the same row. A day counts from its start: a child entering care on the 1st is looked after on the
 * 1st; a child leaving on the 1st is not.
 */

export interface Period {
  from: LocalDate;
  to: LocalDate;
}

/**
 * What the national return reads of a child's row and of a volunteer's: the read models keep a child's packed on
 * an index of their own and fetch only these of a volunteer's, so the country's rows are read in a fraction of the
 * time. The figures below take no more than this, so the compiler refuses a figure that reads a field left out.
 */
export const RETURN_CHILD_FIELDS = [
  'streamId',
  'la',
  'sex',
  'birthMonth',
  'ethnicityGroup',
  'placementInLaArea',
  'placements',
  'periods',
  'referrals',
  'matches',
] as const satisfies ReadonlyArray<keyof ChildRow>;
export type ReturnChildRow = Pick<ChildRow, (typeof RETURN_CHILD_FIELDS)[number]>;
/** What an LA's report reads besides: its deadlines and safeguarding concerns. */
export const COMPLIANCE_CHILD_FIELDS = [
  'concerns',
  'reminders',
  'escalations',
  'missed',
] as const satisfies ReadonlyArray<keyof ChildRow>;
export type ReportChildRow = ReturnChildRow & Pick<ChildRow, (typeof COMPLIANCE_CHILD_FIELDS)[number]>;
export const RETURN_VOLUNTEER_FIELDS = [
  'la',
  'appliedOn',
  'approvedOn',
  'withdrawnOn',
  'matches',
] as const satisfies ReadonlyArray<keyof VolunteerRow>;
export type ReturnVolunteerRow = Pick<VolunteerRow, (typeof RETURN_VOLUNTEER_FIELDS)[number]>;

export const inPeriod = (on: LocalDate | undefined, period: Period): boolean =>
  on !== undefined && period.from <= on && on <= period.to;

const by = (on: LocalDate | undefined, d: LocalDate): boolean => on !== undefined && on <= d;

/** The period of care the child is in on a date, if they are looked after on it. */
export const periodAt = (row: ReturnChildRow, d: LocalDate): PeriodRow | undefined =>
  row.periods.find((p) => p.startedOn <= d && !by(p.endedOn, d));

export type PlacementArea = 'in area' | 'out of area' | 'not known';
/** The placement's area as reports group it. */
export const areaOf = (inArea: boolean | undefined): PlacementArea =>
  inArea === undefined ? 'not known' : inArea ? 'in area' : 'out of area';

/** Whether the child's placement on a date is in the LA's area; undefined when it is not known. */
export const placedInAreaAt = (row: ReturnChildRow, d: LocalDate): boolean | undefined => {
  let inArea = row.placements[0]?.inLaArea ?? row.placementInLaArea;
  for (const p of row.placements) if (p.from <= d) inArea = p.inLaArea;
  return inArea;
};

export const decisionAt = (period: PeriodRow, d: LocalDate) =>
  period.decisions.filter((x) => x.on <= d).at(-1)?.decision;

/** A referral waiting for a match on a date: made by then, and neither matched nor withdrawn by then. */
export const waitingReferralAt = (row: ReturnChildRow, d: LocalDate): ReferralRow | undefined =>
  periodAt(row, d)
    ? row.referrals.find((r) => by(r.referredOn, d) && !by(r.matchedOn, d) && !by(r.withdrawnOn, d))
    : undefined;

const activeAt = (m: MatchRow, d: LocalDate) => by(m.matchedOn, d) && !by(m.endedOn, d);

/** The child's IV relationship on a date while they are looked after. */
export const matchAt = (row: ReturnChildRow, d: LocalDate): MatchRow | undefined =>
  periodAt(row, d) ? row.matches.find((m) => activeAt(m, d)) : undefined;

/** A care leaver's IV relationship continuing under the LA's care-leaver offer on a date. */
export const careLeaverMatchAt = (row: ReturnChildRow, d: LocalDate): MatchRow | undefined =>
  periodAt(row, d)
    ? undefined
    : row.matches.find((m) => m.continuingUntilAge !== undefined && activeAt(m, d));

export const matchOverTwoYearsAt = (row: ReturnChildRow, d: LocalDate): boolean => {
  const m = matchAt(row, d) ?? careLeaverMatchAt(row, d);
  return m !== undefined && m.matchedOn <= addYears(d, -2);
};

/** The children the snapshot counts: each is a question about one child on one date. */
export const CHILD_FIGURES = [
  'lookedAfter',
  'told',
  'offered',
  'declined',
  'objected',
  'declinedOrObjected',
  'referred',
  'waiting',
  'matched',
  'matchesOverTwoYears',
  'careLeaversWithContinuingIv',
] as const;
export type ChildFigure = (typeof CHILD_FIGURES)[number];

/**
 * Where one child stands on a date, as the report counts them. The report's figures and the list of the children
 * behind each figure both come from here, so a list always has as many children as its figure.
 */
export function standingOn(row: ReturnChildRow, d: LocalDate): Record<ChildFigure, boolean> {
  const period = periodAt(row, d);
  const decision = period && decisionAt(period, d);
  return {
    lookedAfter: period !== undefined,
    told: by(period?.toldOn, d),
    offered: by(period?.offeredOn, d),
    declined: decision === 'declined',
    objected: decision === 'objected',
    declinedOrObjected: decision === 'declined' || decision === 'objected',
    referred:
      period !== undefined &&
      row.referrals.some((r) => period.startedOn <= r.referredOn && by(r.referredOn, d)),
    waiting: waitingReferralAt(row, d) !== undefined,
    matched: matchAt(row, d) !== undefined,
    matchesOverTwoYears: matchOverTwoYearsAt(row, d),
    careLeaversWithContinuingIv: period === undefined && careLeaverMatchAt(row, d) !== undefined,
  };
}

export const AGE_BANDS = ['under 1', '1 to 4', '5 to 9', '10 to 15', '16 and over'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
/**
 * Age in whole years on a date, from the month of birth (YYYY-MM) alone, which is what the statistics keep once a
 * child's personal data is erased: the birthday is taken as the last day of that month. Exact on the last day of
 * every month (31 March, the DfE's snapshot, included); within the birth month a child counts a year younger.
 */
export function ageFromBirthMonth(birthMonth: string, d: LocalDate): number {
  const [year, month] = birthMonth.split('-').map(Number) as [number, number];
  const [onYear, onMonth, onDay] = d.split('-').map(Number) as [number, number, number];
  const lastDayOfMonth = new Date(Date.UTC(onYear, month, 0)).getUTCDate();
  const hadBirthday = onMonth > month || (onMonth === month && onDay >= lastDayOfMonth);
  return onYear - year - (hadBirthday ? 0 : 1);
}

export const ageBandOn = (birthMonth: string, d: LocalDate): AgeBand => {
  const age = ageFromBirthMonth(birthMonth, d);
  return age < 1
    ? 'under 1'
    : age < 5
      ? '1 to 4'
      : age < 10
        ? '5 to 9'
        : age < 16
          ? '10 to 15'
          : '16 and over';
};

/** The major ethnic groups of the DfE's statistics, in their published order. */
export const ETHNIC_GROUPS = [
  'White',
  'Mixed',
  'Asian or Asian British',
  'Black, African, Caribbean or Black British',
  'Other ethnic groups',
  'Refused or not yet obtained',
] as const;

export const WAIT_BANDS = [
  'up to 1 month',
  '1 to 3 months',
  '3 to 6 months',
  '6 to 12 months',
  'over 12 months',
] as const;
export type WaitBand = (typeof WAIT_BANDS)[number];
export const waitBandOf = (days: number): WaitBand =>
  days <= 30
    ? 'up to 1 month'
    : days <= 91
      ? '1 to 3 months'
      : days <= 182
        ? '3 to 6 months'
        : days <= 365
          ? '6 to 12 months'
          : 'over 12 months';

/** Nearest-rank percentile (the smallest value with at least p of the values at or below it); null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

export const daysWaitingAt = (referral: ReferralRow, d: LocalDate) => daysBetween(referral.referredOn, d);

export const volunteerApprovedAt = (v: ReturnVolunteerRow, d: LocalDate) =>
  by(v.approvedOn, d) && !by(v.withdrawnOn, d);
export const volunteerMatchedAt = (v: ReturnVolunteerRow, d: LocalDate) =>
  v.matches.some((m) => by(m.matchedOn, d) && !by(m.endedOn, d));
/** Applied by a date, and neither approved nor withdrawn by then: in the pipeline. */
export const volunteerAwaitingApprovalAt = (v: ReturnVolunteerRow, d: LocalDate) =>
  by(v.appliedOn, d) && !by(v.approvedOn, d) && !by(v.withdrawnOn, d);

/** Days from referral to match of the matches made in a period: pooled across LAs for regional medians. */
export const matchWaitsIn = (rows: Iterable<ReturnChildRow>, period: Period): number[] => {
  const waits: number[] = [];
  for (const row of rows)
    for (const m of row.matches) if (inPeriod(m.matchedOn, period)) waits.push(m.waitDays);
  return waits;
};
