import type { RecordedEvent } from '../../events/envelope';
import { ERASED } from '../../events/personal-fields';

/*
 * The report's figures computed straight from the events, written separately from the projection and the report
 * (no rows, no shared helpers), so a test comparing the two checks each against an independent reading.
 */

type Data = Record<string, unknown>;
const dayOf = (instant: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(instant));
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const minusYears = (date: string, years: number) => {
  const [y, m, d] = date.split('-').map(Number);
  const last = new Date(Date.UTC(y! - years, m!, 0)).getUTCDate();
  return `${y! - years}-${String(m).padStart(2, '0')}-${String(Math.min(d!, last)).padStart(2, '0')}`;
};
// The reports count age from the month of birth alone (what survives erasure), the birthday on its last day.
const age = (birthMonth: string, on: string) => {
  const [y, m] = birthMonth.split('-').map(Number);
  const lastDay = `${String(m).padStart(2, '0')}-${String(new Date(Date.UTC(Number(on.slice(0, 4)), m!, 0)).getUTCDate()).padStart(2, '0')}`;
  return Number(on.slice(0, 4)) - y! - (on.slice(5) < lastDay ? 1 : 0);
};
const band = (years: number) =>
  years < 1
    ? 'under 1'
    : years <= 4
      ? '1 to 4'
      : years <= 9
        ? '5 to 9'
        : years <= 15
          ? '10 to 15'
          : '16 and over';
const GROUP: Record<string, string> = {
  W: 'White',
  M: 'Mixed',
  A: 'Asian or Asian British',
  B: 'Black, African, Caribbean or Black British',
  C: 'Other ethnic groups',
  O: 'Other ethnic groups',
  R: 'Refused or not yet obtained',
  N: 'Refused or not yet obtained',
};
const nearestRank = (values: number[], p: number) => {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.ceil(p * s.length) - 1] ?? s[0]!;
};
const stats = (values: number[]) => ({
  count: values.length,
  medianDays: nearestRank(values, 0.5),
  p90Days: nearestRank(values, 0.9),
});
const waitBand = (days: number) =>
  days <= 30
    ? 'up to 1 month'
    : days <= 91
      ? '1 to 3 months'
      : days <= 182
        ? '3 to 6 months'
        : days <= 365
          ? '6 to 12 months'
          : 'over 12 months';

/** Counts keyed "section|measure|category", as reportFigures flattens a report. */
export function rawFigures(
  streams: Iterable<readonly RecordedEvent[]>,
  la: string,
  from: string,
  to: string,
  asOf: string,
): Map<string, unknown> {
  const figures = new Map<string, unknown>();
  const add = (key: string, by = 1) => figures.set(key, ((figures.get(key) as number) ?? 0) + by);
  const inRange = (day: string) => from <= day && day <= to;
  const waits = { all: [] as number[], in: [] as number[], out: [] as number[] };
  const waiting = { all: [] as number[], in: [] as number[], out: [] as number[] };
  const c = {
    lookedAfter: 0,
    told: 0,
    offered: 0,
    declined: 0,
    objected: 0,
    referred: 0,
    waiting: 0,
    matched: 0,
    over2: 0,
    careLeavers: 0,
  };
  const v = { recruited: 0, approved: 0, awaitingApproval: 0, approvedNow: 0, unmatched: 0 };
  let firstReviews = 0;
  let offeredBefore = 0;

  for (const events of streams) {
    if (events[0]?.la !== la) continue;
    if (events[0].streamId.startsWith('volunteer#')) {
      let approvedOn: string | undefined;
      let applied = false;
      let withdrawn = false;
      const open = new Set<string>();
      for (const e of events) {
        const day = dayOf(e.metadata.occurredAt);
        const data = e.data as Data;
        if (e.type === 'VolunteerApplied' && inRange(day)) v.recruited++;
        if (e.type === 'VolunteerApproved' && !approvedOn) {
          if (inRange(day)) v.approved++;
          if (day <= asOf) approvedOn = day;
        }
        if (day > asOf) continue;
        if (e.type === 'VolunteerApplied') applied = true;
        if (e.type === 'VolunteerWithdrew') withdrawn = true;
        if (e.type === 'VolunteerMatchedWithChild') open.add(String(data.matchId) + data.childId);
        if (e.type === 'VolunteerMatchEnded') open.delete(String(data.matchId) + data.childId);
      }
      if (approvedOn && !withdrawn) {
        v.approvedNow++;
        if (open.size === 0) v.unmatched++;
      }
      if (applied && !approvedOn && !withdrawn) v.awaitingApproval++;
      continue;
    }

    // The child: details (with every correction), then a replay up to the snapshot day.
    const details: Data = {};
    for (const e of events) {
      if (e.type === 'ChildEnteredCare') Object.assign(details, e.data);
      if (e.type === 'ChildDetailsCorrected') Object.assign(details, (e.data as Data).changes);
      // After an erasure the details read as erased; the erasure's record keeps the month and the group.
      if (e.type === 'PersonalDataErased') Object.assign(details, { retained: (e.data as Data).retained });
    }
    let inCare = false;
    let told = false;
    let offered = false;
    const cares: Array<{ review?: string; offer?: string }> = [];
    let decision: string | undefined;
    let referredInPeriod = false;
    let openReferral: { id: string; day: string } | undefined;
    let openMatch: { id: string; day: string; continued: boolean } | undefined;
    let placedIn = false;
    const referralDays = new Map<string, string>();
    for (const e of events) {
      const day = dayOf(e.metadata.occurredAt);
      const data = e.data as Data;
      // Flows in the period, whatever the snapshot.
      if (inRange(day)) {
        if (e.type === 'ReferredToIvService') add('flows|referrals|');
        if (e.type === 'ReferralWithdrawn') add('flows|referralsWithdrawn|');
        if (e.type === 'RelationshipEnded') {
          add('flows|matchesEnded|');
          add(`flows|endReasons|${data.reason}`);
        }
        if (e.type === 'SafeguardingConcernRaised') {
          add('safeguarding|concernsRaised|');
          if (data.about === 'visitor') add('safeguarding|allegationsRaised|');
        }
        if (e.type === 'ObligationReminderSent') add('compliance|remindersSent|');
        if (e.type === 'ObligationEscalated') add('compliance|escalations|');
        if (e.type === 'ObligationDeadlineMissed') {
          add('compliance|deadlinesMissed|');
          add(`compliance|missedByKind|${data.kind}`);
        }
      }
      if (e.type === 'SafeguardingConcernRaised' && day <= asOf) add('safeguarding|openNow|');
      if (e.type === 'SafeguardingConcernOutcomeRecorded' && day <= asOf) add('safeguarding|openNow|', -1);
      if (e.type === 'ReferredToIvService') referralDays.set(String(data.referralId), day);
      if (e.type === 'VisitorMatched' && inRange(day)) {
        add('flows|matchesMade|');
        const wait = dayNumber(day) - dayNumber(referralDays.get(String(data.referralId))!);
        waits.all.push(wait);
        (placedIn ? waits.in : waits.out).push(wait);
        add(`waits|matchedInPeriod.distribution|${waitBand(wait)}`);
      }
      if (e.type === 'ChildEnteredCare' || e.type === 'ChildReEnteredCare') cares.push({});
      if (e.type === 'LookedAfterReviewHeld') cares.at(-1)!.review ??= day;
      if (e.type === 'IndependentVisitorOffered') cares.at(-1)!.offer ??= day;
      // The placement as it stands at each event, for the wait by area at the moment of matching.
      if (
        e.type === 'ChildEnteredCare' ||
        e.type === 'ChildReEnteredCare' ||
        e.type === 'ChildPlacementChanged'
      )
        placedIn = Boolean(data.placementInLaArea);
      if (e.type === 'ChildDetailsCorrected' && (data.changes as Data).placementInLaArea !== undefined)
        placedIn = Boolean((data.changes as Data).placementInLaArea);

      if (day > asOf) continue;
      switch (e.type) {
        case 'ChildEnteredCare':
        case 'ChildReEnteredCare':
          inCare = true;
          told = false;
          offered = false;
          decision = undefined;
          referredInPeriod = false;
          break;
        case 'ChildLeftCare':
          inCare = false;
          break;
        case 'ChildToldOfEntitlement':
          told = true;
          break;
        case 'IndependentVisitorOffered':
          offered = true;
          break;
        case 'ChildDecisionRecorded':
          decision = String(data.decision);
          break;
        case 'ChildObjectedToContinuing':
          decision = 'objected';
          break;
        case 'ReferredToIvService':
          referredInPeriod = true;
          openReferral = { id: String(data.referralId), day };
          break;
        case 'ReferralWithdrawn':
          openReferral = undefined;
          break;
        case 'VisitorMatched':
          openReferral = undefined;
          openMatch = { id: String(data.matchId), day, continued: false };
          break;
        case 'IvContinuedUnderCareLeaverOffer':
          if (openMatch) openMatch.continued = true;
          break;
        case 'RelationshipEnded':
          openMatch = undefined;
          break;
      }
    }
    // Offered on or before the day of the first review of each period of care.
    for (const care of cares)
      if (care.review && inRange(care.review)) {
        firstReviews++;
        if (care.offer && care.offer <= care.review) offeredBefore++;
      }
    const who = (prefix: string) => {
      add(`breakdowns|${prefix}.sex|${details.sex}`);
      const retained = (details.retained ?? {}) as { birthMonth?: string; ethnicGroup?: string };
      const born =
        details.dateOfBirth === ERASED ? retained.birthMonth! : String(details.dateOfBirth).slice(0, 7);
      const group =
        details.ethnicity === ERASED ? retained.ethnicGroup : GROUP[String(details.ethnicity)[0]!];
      add(`breakdowns|${prefix}.ageBand|${band(age(born, asOf))}`);
      add(`breakdowns|${prefix}.ethnicity|${group}`);
      add(`breakdowns|${prefix}.placement|${placedInAt(events, asOf) ? 'in area' : 'out of area'}`);
    };
    if (openMatch && (inCare || openMatch.continued) && openMatch.day <= minusYears(asOf, 2)) c.over2++;
    if (!inCare) {
      if (openMatch?.continued && events.some((e) => e.type === 'ChildEnteredCare')) c.careLeavers++;
      continue;
    }
    c.lookedAfter++;
    who('lookedAfter');
    if (told) c.told++;
    if (offered) c.offered++;
    if (decision === 'declined') c.declined++;
    if (decision === 'objected') c.objected++;
    if (referredInPeriod) c.referred++;
    if (openReferral) {
      c.waiting++;
      who('waiting');
      const days = dayNumber(asOf) - dayNumber(openReferral.day);
      waiting.all.push(days);
      (placedInAt(events, asOf) ? waiting.in : waiting.out).push(days);
    }
    if (openMatch) {
      c.matched++;
      who('matched');
    }
  }

  const rate = c.lookedAfter === 0 ? null : c.matched / c.lookedAfter;
  const set = (key: string, value: unknown) => figures.set(key, value);
  set('children|lookedAfter|', c.lookedAfter);
  set('children|told|', c.told);
  set('children|offered|', c.offered);
  set('children|declined|', c.declined);
  set('children|objected|', c.objected);
  set('children|declinedOrObjected|', c.declined + c.objected);
  set('children|referred|', c.referred);
  set('children|waiting|', c.waiting);
  set('children|matched|', c.matched);
  set('children|accessRate|', rate);
  set('children|accessTarget|', 0.1);
  set('children|meetsTarget|', rate !== null && rate >= 0.1);
  set('children|matchesOverTwoYears|', c.over2);
  set('children|careLeaversWithContinuingIv|', c.careLeavers);
  for (const [name, values] of [
    ['matchedInPeriod', waits.all],
    ['matchedInArea', waits.in],
    ['matchedOutOfArea', waits.out],
    ['waitingNow', waiting.all],
    ['waitingNowInArea', waiting.in],
    ['waitingNowOutOfArea', waiting.out],
  ] as const)
    for (const [k, value] of Object.entries(stats([...values]))) set(`waits|${name}|${k}`, value);
  for (const [k, value] of Object.entries(v)) set(`volunteers|${k}|`, value);
  set('compliance|firstReviews|', firstReviews);
  set('compliance|offeredBeforeFirstReview|', offeredBefore);
  set('compliance|shareOfferedBeforeFirstReview|', firstReviews === 0 ? null : offeredBefore / firstReviews);
  for (const key of [
    'flows|referrals|',
    'flows|referralsWithdrawn|',
    'flows|matchesMade|',
    'flows|matchesEnded|',
  ])
    if (!figures.has(key)) set(key, 0);
  for (const key of [
    'compliance|remindersSent|',
    'compliance|deadlinesMissed|',
    'compliance|escalations|',
    'safeguarding|concernsRaised|',
    'safeguarding|allegationsRaised|',
    'safeguarding|openNow|',
  ])
    if (!figures.has(key)) set(key, 0);
  return figures;
}

function placedInAt(events: readonly RecordedEvent[], asOf: string): boolean {
  let inArea = false;
  for (const e of events) {
    const data = e.data as Data;
    const changes = data.changes as Data | undefined;
    if (['ChildEnteredCare', 'ChildReEnteredCare', 'ChildPlacementChanged'].includes(e.type)) {
      if (dayOf(e.metadata.occurredAt) <= asOf) inArea = Boolean(data.placementInLaArea);
    } else if (e.type === 'ChildDetailsCorrected' && changes?.placementInLaArea !== undefined)
      inArea = Boolean(changes.placementInLaArea);
  }
  return inArea;
}

/** Days from referral to match of every match made in a period, straight from the events. */
export function rawMatchWaits(
  streams: Iterable<readonly RecordedEvent[]>,
  from: string,
  to: string,
): number[] {
  const waits: number[] = [];
  for (const events of streams) {
    const referred = new Map<string, string>();
    for (const e of events) {
      const data = e.data as Data;
      const day = dayOf(e.metadata.occurredAt);
      if (e.type === 'ReferredToIvService') referred.set(String(data.referralId), day);
      if (e.type === 'VisitorMatched' && from <= day && day <= to)
        waits.push(dayNumber(day) - dayNumber(referred.get(String(data.referralId))!));
    }
  }
  return waits;
}

export const nearestRankMedian = (values: number[]) => nearestRank(values, 0.5);

/** The report's figures in the same keyed form, dropping the zero counts the raw reading never adds. */
export function keyedFigures(
  figures: Array<{ section: string; measure: string; category: string; value: unknown }>,
): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const f of figures) {
    const key = `${f.section}|${f.measure}|${f.category}`;
    const isBreakdownCount =
      /^(breakdowns|flows\|endReasons|compliance\|missedByKind|waits\|matchedInPeriod\.distribution)/.test(
        key,
      );
    if (isBreakdownCount && f.value === 0) continue;
    out.set(key, f.value);
  }
  return out;
}
