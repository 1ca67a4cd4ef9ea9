import type { LocalDate } from '../../domain/calendar';
import { localAuthority, type Region } from '../../domain/local-authorities';
import { EndingReason } from '../../events/contracts/child';
import { jurisdictionOfLa } from '../../events/contracts/common';
import { ObligationKindSchema } from '../../events/contracts/obligations';
import {
  AGE_BANDS,
  type AgeBand,
  ageBandOn,
  areaOf,
  CHILD_FIGURES,
  daysWaitingAt,
  ETHNIC_GROUPS,
  inPeriod,
  type Period,
  type PlacementArea,
  percentile,
  placedInAreaAt,
  type ReportChildRow,
  type ReturnChildRow,
  type ReturnVolunteerRow,
  standingOn,
  volunteerApprovedAt,
  volunteerAwaitingApprovalAt,
  volunteerMatchedAt,
  WAIT_BANDS,
  type WaitBand,
  waitBandOf,
  waitingReferralAt,
} from './figures';

/** NIVN campaigns for at least 10% of children in care to have an IV. */
export const ACCESS_TARGET = 0.1;

export interface WaitStats {
  count: number;
  medianDays: number | null;
  p90Days: number | null;
}

export interface Breakdown {
  sex: Record<'male' | 'female', number>;
  ageBand: Record<AgeBand, number>;
  ethnicity: Record<string, number>;
  placement: Record<PlacementArea, number>;
}

/** One LA's figures: a snapshot at `asOf`, and what happened in `period` (both ends included). */
export interface LaReport {
  la: string;
  name: string;
  region: Region;
  jurisdiction: 'england' | 'wales';
  period: Period;
  asOf: LocalDate;
  children: {
    lookedAfter: number;
    told: number;
    offered: number;
    declined: number;
    objected: number;
    declinedOrObjected: number;
    referred: number;
    waiting: number;
    matched: number;
    /** Matched ÷ looked after; null when no child is looked after. */
    accessRate: number | null;
    accessTarget: number;
    meetsTarget: boolean;
    matchesOverTwoYears: number;
    careLeaversWithContinuingIv: number;
  };
  waits: {
    /** Referral to match, for matches made in the period. */
    matchedInPeriod: WaitStats & { distribution: Record<WaitBand, number> };
    matchedInArea: WaitStats;
    matchedOutOfArea: WaitStats;
    /** Days waited so far by children waiting at the snapshot. */
    waitingNow: WaitStats;
    waitingNowInArea: WaitStats;
    waitingNowOutOfArea: WaitStats;
  };
  /** Who is matched and who is left waiting, against all children looked after. */
  breakdowns: { matched: Breakdown; waiting: Breakdown; lookedAfter: Breakdown };
  flows: {
    referrals: number;
    referralsWithdrawn: number;
    matchesMade: number;
    matchesEnded: number;
    endReasons: Record<string, number>;
  };
  volunteers: {
    recruited: number;
    approved: number;
    /** Applied and still going through checks at the snapshot: the pipeline. */
    awaitingApproval: number;
    approvedNow: number;
    unmatched: number;
  };
  compliance: {
    /** Children whose first looked-after review (of a period of care) was held in the period. */
    firstReviews: number;
    offeredBeforeFirstReview: number;
    shareOfferedBeforeFirstReview: number | null;
    remindersSent: number;
    deadlinesMissed: number;
    escalations: number;
    missedByKind: Record<string, number>;
  };
  /** Counts only: no report says what a concern is, or whom it is about. */
  safeguarding: {
    concernsRaised: number;
    allegationsRaised: number;
    /** Concerns without an outcome at the snapshot. */
    openNow: number;
  };
}

/** The in-area or out-of-area list; none when the area is not known, so the comparison counts only known ones. */
const byArea = <T>(inArea: boolean | undefined, inside: T, outside: T): T | undefined =>
  inArea === undefined ? undefined : inArea ? inside : outside;

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

const emptyBreakdown = (): Breakdown => ({
  sex: { male: 0, female: 0 },
  ageBand: zeros(AGE_BANDS),
  ethnicity: zeros(ETHNIC_GROUPS),
  placement: { 'in area': 0, 'out of area': 0, 'not known': 0 },
});

const waitStats = (days: readonly number[]): WaitStats => ({
  count: days.length,
  medianDays: percentile(days, 0.5),
  p90Days: percentile(days, 0.9),
});

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

/** An LA's figures but its compliance and safeguarding: what the national return is made of. */
export type ReturnReport = Omit<LaReport, 'compliance' | 'safeguarding'>;

/** Every figure of one LA's report, from its read-model rows. Rows of other LAs are ignored. */
export function laReport(
  childRows: Iterable<ReportChildRow>,
  volunteerRows: Iterable<ReturnVolunteerRow>,
  la: string,
  reportPeriod: Period,
  asOf: LocalDate = reportPeriod.to,
): LaReport {
  const rows = [...childRows];
  return {
    ...returnReport(rows, volunteerRows, la, reportPeriod, asOf),
    ...complianceAndSafeguarding(rows, la, reportPeriod, asOf),
  };
}

/**
 * The figures of the national return for one LA, from no more of each row than the return reads
 * (RETURN_CHILD_FIELDS): the snapshot, waits, breakdowns, flows and volunteers of its report.
 */
export function returnReport(
  childRows: Iterable<ReturnChildRow>,
  volunteerRows: Iterable<ReturnVolunteerRow>,
  la: string,
  reportPeriod: Period,
  asOf: LocalDate = reportPeriod.to,
): ReturnReport {
  const d = asOf;
  const authority = localAuthority(la);
  const c = zeros(CHILD_FIGURES);
  const breakdowns = { matched: emptyBreakdown(), waiting: emptyBreakdown(), lookedAfter: emptyBreakdown() };
  const matchedWaits: number[] = [];
  const matchedWaitsIn: number[] = [];
  const matchedWaitsOut: number[] = [];
  const distribution = zeros(WAIT_BANDS);
  const waitingDays: number[] = [];
  const waitingIn: number[] = [];
  const waitingOut: number[] = [];
  const flows = {
    referrals: 0,
    referralsWithdrawn: 0,
    matchesMade: 0,
    matchesEnded: 0,
    endReasons: zeros(EndingReason.options) as Record<string, number>,
  };

  const count = (b: Breakdown, row: ReturnChildRow) => {
    b.sex[row.sex]++;
    b.ageBand[ageBandOn(row.birthMonth, d)]++;
    b.ethnicity[row.ethnicityGroup] = (b.ethnicity[row.ethnicityGroup] ?? 0) + 1;
    b.placement[areaOf(placedInAreaAt(row, d))]++;
  };

  for (const row of childRows) {
    if (row.la !== la) continue;
    const standing = standingOn(row, d);
    for (const figure of CHILD_FIGURES) if (standing[figure]) c[figure]++;
    if (standing.lookedAfter) count(breakdowns.lookedAfter, row);
    if (standing.matched) count(breakdowns.matched, row);
    const waiting = waitingReferralAt(row, d);
    if (waiting) {
      count(breakdowns.waiting, row);
      const days = daysWaitingAt(waiting, d);
      waitingDays.push(days);
      byArea(placedInAreaAt(row, d), waitingIn, waitingOut)?.push(days);
    }

    for (const r of row.referrals) {
      if (inPeriod(r.referredOn, reportPeriod)) flows.referrals++;
      if (inPeriod(r.withdrawnOn, reportPeriod)) flows.referralsWithdrawn++;
    }
    for (const m of row.matches) {
      if (inPeriod(m.matchedOn, reportPeriod)) {
        flows.matchesMade++;
        matchedWaits.push(m.waitDays);
        byArea(m.inLaArea, matchedWaitsIn, matchedWaitsOut)?.push(m.waitDays);
        distribution[waitBandOf(m.waitDays)]++;
      }
      if (inPeriod(m.endedOn, reportPeriod)) {
        flows.matchesEnded++;
        flows.endReasons[m.endReason!] = (flows.endReasons[m.endReason!] ?? 0) + 1;
      }
    }
  }

  const volunteers = { recruited: 0, approved: 0, awaitingApproval: 0, approvedNow: 0, unmatched: 0 };
  for (const v of volunteerRows) {
    if (v.la !== la) continue;
    if (inPeriod(v.appliedOn, reportPeriod)) volunteers.recruited++;
    if (inPeriod(v.approvedOn, reportPeriod)) volunteers.approved++;
    if (volunteerAwaitingApprovalAt(v, d)) volunteers.awaitingApproval++;
    if (volunteerApprovedAt(v, d)) {
      volunteers.approvedNow++;
      if (!volunteerMatchedAt(v, d)) volunteers.unmatched++;
    }
  }

  const accessRate = ratio(c.matched, c.lookedAfter);
  return {
    la,
    name: authority.name,
    region: authority.region,
    jurisdiction: jurisdictionOfLa(la),
    period: { ...reportPeriod },
    asOf: d,
    children: {
      ...c,
      accessRate,
      accessTarget: ACCESS_TARGET,
      meetsTarget: accessRate !== null && accessRate >= ACCESS_TARGET,
    },
    waits: {
      matchedInPeriod: { ...waitStats(matchedWaits), distribution },
      matchedInArea: waitStats(matchedWaitsIn),
      matchedOutOfArea: waitStats(matchedWaitsOut),
      waitingNow: waitStats(waitingDays),
      waitingNowInArea: waitStats(waitingIn),
      waitingNowOutOfArea: waitStats(waitingOut),
    },
    breakdowns,
    flows,
    volunteers,
  };
}

/** The rest of an LA's report: what the period's deadlines and safeguarding concerns came to. */
function complianceAndSafeguarding(
  childRows: Iterable<ReportChildRow>,
  la: string,
  reportPeriod: Period,
  asOf: LocalDate,
): Pick<LaReport, 'compliance' | 'safeguarding'> {
  const safeguarding = { concernsRaised: 0, allegationsRaised: 0, openNow: 0 };
  const compliance = {
    firstReviews: 0,
    offeredBeforeFirstReview: 0,
    remindersSent: 0,
    deadlinesMissed: 0,
    escalations: 0,
    missedByKind: zeros(ObligationKindSchema.options) as Record<string, number>,
  };
  for (const row of childRows) {
    if (row.la !== la) continue;
    for (const p of row.periods)
      if (inPeriod(p.firstReviewOn, reportPeriod)) {
        compliance.firstReviews++;
        if (p.offeredOn && p.offeredOn <= p.firstReviewOn!) compliance.offeredBeforeFirstReview++;
      }
    for (const concern of row.concerns ?? []) {
      if (inPeriod(concern.raisedOn, reportPeriod)) {
        safeguarding.concernsRaised++;
        if (concern.allegation) safeguarding.allegationsRaised++;
      }
      if (concern.raisedOn <= asOf && !(concern.closedOn && concern.closedOn <= asOf)) safeguarding.openNow++;
    }
    compliance.remindersSent += row.reminders.filter((x) => inPeriod(x.on, reportPeriod)).length;
    compliance.escalations += row.escalations.filter((x) => inPeriod(x.on, reportPeriod)).length;
    for (const x of row.missed)
      if (inPeriod(x.on, reportPeriod)) {
        compliance.deadlinesMissed++;
        compliance.missedByKind[x.kind] = (compliance.missedByKind[x.kind] ?? 0) + 1;
      }
  }
  return {
    compliance: {
      ...compliance,
      shareOfferedBeforeFirstReview: ratio(compliance.offeredBeforeFirstReview, compliance.firstReviews),
    },
    safeguarding,
  };
}

export interface Figure {
  section: string;
  measure: string;
  category: string;
  value: number | string | boolean | null;
}

/**
 * The report as a flat list of figures (section, measure, category, value): the rows of the CSV, and the shape the
 * tests compare with figures computed straight from the events.
 */
export function reportFigures(report: LaReport): Figure[] {
  const out: Figure[] = [];
  const walk = (section: string, measure: string, value: unknown) => {
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (v !== null && typeof v === 'object') walk(section, measure ? `${measure}.${k}` : k, v);
        else
          out.push(
            measure
              ? { section, measure, category: k, value: v as Figure['value'] }
              : { section, measure: k, category: '', value: v as Figure['value'] },
          );
      }
    }
  };
  for (const section of [
    'children',
    'waits',
    'breakdowns',
    'flows',
    'volunteers',
    'compliance',
    'safeguarding',
  ] as const)
    walk(section, '', report[section]);
  return out;
}
