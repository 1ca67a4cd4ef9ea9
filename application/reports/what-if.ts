import { addDays, addMonths, addYears, type LocalDate } from '../../domain/calendar';
import type { EthnicityCode } from '../../events/contracts/ethnicity';
import type { RecordedEvent } from '../../events/envelope';
import { type ChildRow, childRow, type VolunteerRow } from '../projections/child-row';
import {
  DEFAULT_RATES,
  type GeneratedStream,
  type GeneratorRates,
  type ServiceChanges,
  simulateLa,
} from '../simulation/simulate';
import { ENGLISH_WORDS, type Words } from '../words';
import { ageFromBirthMonth, inPeriod, percentile, periodAt, placedInAreaAt, standingOn } from './figures';
import { days, number, percent } from './words';

/*
 * A what-if of reach: "if we recruit 15 more volunteers, match within 60 days and offer at every first review, what
 * is our access rate over the next 12 months?" The answer is a projection, not a forecast. A local authority like
 * this one (its size, its children, how often they are told, offered and referred, its volunteers and its waits,
 * all measured from its own records) is simulated through the real deciders, once as it is and once with the
 * changes, for several seeded runs; the range across the runs shows how much chance alone moves the answer. The
 * same seed always gives the same projection. Pure: rows in, figures out.
 */

export const MONTHS_AHEAD = 12;
export const DEFAULT_RUNS = 5;
export const MAX_RUNS = 10;

export interface WhatIfChanges {
  extraVolunteers: number;
  matchWithinDays?: number;
  offerAtFirstReview: boolean;
}

export interface WhatIfRequest extends WhatIfChanges {
  runs: number;
  seed: string;
}

/** The middle of the runs and the lowest and highest of them. */
export interface Band {
  median: number;
  low: number;
  high: number;
}

export interface ProjectedMonth {
  on: LocalDate;
  asNow: Band;
  withChanges: Band;
}

export interface Outcome {
  accessRate: Band;
  matched: Band;
  waiting: Band;
  matchesMade: Band;
}

export interface WhatIf {
  la: string;
  today: LocalDate;
  until: LocalDate;
  request: WhatIfRequest;
  /** The LA as its records stand today. */
  current: { lookedAfter: number; matched: number; accessRate: number | null };
  /** What the simulation takes from the LA's records, in words. */
  assumptions: string[];
  /** The changes being tried, in words. */
  changes: string[];
  /** The access rate at the end of each month, as now and with the changes. */
  months: ProjectedMonth[];
  /** At the end of the 12 months. */
  end: { asNow: Outcome; withChanges: Outcome };
}

export class NothingToProject extends Error {
  constructor() {
    super('There are no children looked after in your records today, so there is nothing to project from.');
    this.name = 'NothingToProject';
  }
}

interface Calibration {
  children: number;
  rates: Partial<GeneratorRates>;
  assumptions: string[];
}

const share = (n: number, of: number, otherwise: number) => (of === 0 ? otherwise : n / of);

/** The generator's rates, measured from the LA's own rows today, and what was measured, in words. */
/**
 * What the projection assumes and tries, in English; each sentence is its own key in the web's catalogues
 * (`sentences`), where the Welsh is.
 */
export const WHAT_IF_WORDS = {
  inCare:
    '{{children}} children in care, as today, with as many joining as leaving: {{leavers}} left care in the last 12 months.',
  placed:
    '{{placed}} of them placed in your area, with the ages, sexes and ethnic groups of your children in care.',
  told: 'Children are told about Independent Visitors as often as yours are: {{told}} of children in care have been told, and {{offered}} of those told were offered one.',
  accepted: 'Of the children who decided, {{accepted}} accepted, as yours did.',
  noneDecided: 'No child in care has decided yet, so the service’s usual shares are used: half accept.',
  volunteers:
    '{{volunteers}} volunteers applied in the last 6 years, as in your records; each takes 2 to 3 months to be checked and approved.',
  firstMatch:
    'A first match is tried about {{wait}} after referral, when a volunteer is free; a child placed far away, or of a group your volunteers do not reflect, may wait longer.',
  firstMatchWithMedian:
    'A first match is tried about {{wait}} after referral, when a volunteer is free (your median wait from referral to match over the last 2 years was {{median}}); a child placed far away, or of a group your volunteers do not reflect, may wait longer.',
  usual:
    'Visits, reviews, endings and leaving care happen as the service usually sees them. Every step is decided by the same rules the service uses to record a child’s journey.',
  oneMoreVolunteer: '1 more volunteer applies over the first 6 months.',
  moreVolunteers: '{{n}} more volunteers apply over the first 6 months.',
  matchWithin:
    'Every child referred is first considered for a match within {{days}} of referral (children already waiting, from the first day).',
  offerAtFirstReview:
    'Every child not yet offered is told about and offered an Independent Visitor at their first looked-after review.',
  noChanges: 'No changes: both projections carry on as now.',
} as const;
const WI = WHAT_IF_WORDS;

export function calibrate(
  children: readonly ChildRow[],
  volunteers: readonly VolunteerRow[],
  today: LocalDate,
  defaults: GeneratorRates = DEFAULT_RATES,
  w: Words = ENGLISH_WORDS,
): Calibration {
  const inCare = children.filter((row) => standingOn(row, today).lookedAfter);
  const n = inCare.length;
  if (n === 0) throw new NothingToProject();
  const lastYear = { from: addDays(addYears(today, -1), 1), to: today };
  const leavers = children.filter(
    (row) => !periodAt(row, today) && row.periods.some((p) => inPeriod(p.endedOn, lastYear)),
  ).length;
  const periods = inCare.map((row) => periodAt(row, today)!);
  const told = periods.filter((p) => p.toldOn).length;
  const offered = periods.filter((p) => p.offeredOn).length;
  const decisions = { accepted: 0, declined: 0, objected: 0 };
  for (const p of periods) {
    const decision = p.decisions.at(-1)?.decision;
    if (decision) decisions[decision]++;
  }
  const decided = decisions.accepted + decisions.declined + decisions.objected;
  const referredOfAccepted = inCare.filter((row, i) => {
    const p = periods[i]!;
    return (
      p.decisions.at(-1)?.decision === 'accepted' && row.referrals.some((r) => r.referredOn >= p.startedOn)
    );
  }).length;
  const inArea = inCare.filter((row) => placedInAreaAt(row, today)).length;
  const male = inCare.filter((row) => row.sex === 'male').length;
  const ageBands = { under1: 0, '1-4': 0, '5-9': 0, '10-15': 0, '16-17': 0 };
  const ethnicity: Partial<Record<EthnicityCode, number>> = {};
  for (const row of inCare) {
    const age = ageFromBirthMonth(row.birthMonth, today);
    ageBands[age < 1 ? 'under1' : age < 5 ? '1-4' : age < 10 ? '5-9' : age < 16 ? '10-15' : '16-17']++;
    // An erased child keeps only the group; the what-if draws codes from the children whose code is held.
    const code = row.ethnicity as EthnicityCode | undefined;
    if (code) ethnicity[code] = (ethnicity[code] ?? 0) + 1;
  }
  const twoYears = { from: addYears(today, -2), to: today };
  const waits = children.flatMap((row) =>
    row.matches.filter((m) => inPeriod(m.matchedOn, twoYears)).map((m) => m.waitDays),
  );
  const medianWait = percentile(waits, 0.5);
  const sixYears = addYears(today, -6);
  const recruited = volunteers.filter((v) => v.appliedOn >= sixYears && v.appliedOn <= today).length;
  const placed = share(inArea, n, 0.5);

  const rates: Partial<GeneratorRates> = {
    ageBands,
    male: share(male, n, defaults.male),
    ethnicity,
    placedInLaArea: { england: placed, wales: placed },
    leaversPerYear: leavers / n,
    toldOfEntitlement: share(told, n, 0),
    offeredOnceTold: share(offered, told, defaults.offeredOnceTold),
    ...(decided > 0
      ? {
          decision: {
            accepted: decisions.accepted / decided,
            declined: decisions.declined / decided,
            objected: decisions.objected / decided,
          },
        }
      : {}),
    referredOnceAccepted: share(referredOfAccepted, decisions.accepted, defaults.referredOnceAccepted),
    // The generator scales volunteers by a country's access rate; one scale for both, so the LA's own count holds.
    accessRate: { england: 0.035, wales: 0.035 },
    volunteersPerChild: recruited / n,
  };
  const wait = days(defaults.medianWaitDays, w);
  const assumptions = [
    w.say(WI.inCare, { children: number(n), leavers: number(leavers) }),
    w.say(WI.placed, { placed: percent(placed) }),
    w.say(WI.told, { told: percent(share(told, n, 0)), offered: percent(share(offered, told, 0)) }),
    decided > 0
      ? w.say(WI.accepted, { accepted: percent(decisions.accepted / decided) })
      : w.say(WI.noneDecided),
    w.say(WI.volunteers, { volunteers: number(recruited) }),
    medianWait === null
      ? w.say(WI.firstMatch, { wait })
      : w.say(WI.firstMatchWithMedian, { wait, median: days(medianWait, w) }),
    w.say(WI.usual),
  ];
  return { children: n, rates, assumptions };
}

/** A generated stream's events as the projection reads them: in memory only, never stored, so never sealed. */
function recordedOf(stream: GeneratedStream): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  for (const batch of stream.batches)
    for (const event of batch.events)
      events.push({
        streamId: stream.streamId,
        version: events.length + 1,
        la: stream.la,
        type: event.type,
        schemaVersion: 1,
        data: event.data,
        metadata: {
          eventId: `${stream.streamId}:${events.length + 1}`,
          occurredAt: event.occurredAt ?? batch.recordedAt,
          recordedAt: batch.recordedAt,
          actor: batch.command.actor,
          correlationId: batch.command.commandId,
          causationId: batch.command.commandId,
          commandId: batch.command.commandId,
        },
        prevHash: '',
        hash: '',
        stored: { schemaVersion: 1, data: event.data },
      });
  return events;
}

interface RunFigures {
  accessRate: number[];
  matched: number;
  waiting: number;
  matchesMade: number;
}

function measure(
  rows: readonly ChildRow[],
  monthEnds: readonly LocalDate[],
  window: { from: LocalDate; to: LocalDate },
): RunFigures {
  const accessRate = monthEnds.map((d) => {
    let looked = 0;
    let matched = 0;
    for (const row of rows) {
      const s = standingOn(row, d);
      if (s.lookedAfter) looked++;
      if (s.matched) matched++;
    }
    return looked === 0 ? 0 : matched / looked;
  });
  const end = monthEnds.at(-1)!;
  let matched = 0;
  let waiting = 0;
  let matchesMade = 0;
  for (const row of rows) {
    const s = standingOn(row, end);
    if (s.matched) matched++;
    if (s.waiting) waiting++;
    matchesMade += row.matches.filter((m) => inPeriod(m.matchedOn, window)).length;
  }
  return { accessRate, matched, waiting, matchesMade };
}

const band = (values: readonly number[]): Band => ({
  median: percentile(values, 0.5) ?? 0,
  low: Math.min(...values),
  high: Math.max(...values),
});

function changesInWords(c: WhatIfChanges, w: Words): string[] {
  const out: string[] = [];
  if (c.extraVolunteers > 0)
    out.push(
      c.extraVolunteers === 1
        ? w.say(WI.oneMoreVolunteer)
        : w.say(WI.moreVolunteers, { n: number(c.extraVolunteers) }),
    );
  if (c.matchWithinDays !== undefined) out.push(w.say(WI.matchWithin, { days: days(c.matchWithinDays, w) }));
  if (c.offerAtFirstReview) out.push(w.say(WI.offerAtFirstReview));
  if (out.length === 0) out.push(w.say(WI.noChanges));
  return out;
}

/** The projection: the LA as now and with the changes, each over `runs` seeded runs, month by month for 12 months. */
export function projectReach(
  la: string,
  children: readonly ChildRow[],
  volunteers: readonly VolunteerRow[],
  today: LocalDate,
  request: WhatIfRequest,
  /** The words of its assumptions and changes: English for the API, the page's language on the page. */
  w: Words = ENGLISH_WORDS,
): WhatIf {
  const calibration = calibrate(children, volunteers, today, DEFAULT_RATES, w);
  const until = addMonths(today, MONTHS_AHEAD);
  const monthEnds = Array.from({ length: MONTHS_AHEAD + 1 }, (_, m) => addMonths(today, m));
  const window = { from: addDays(today, 1), to: until };
  const changes: ServiceChanges = {
    from: window.from,
    extraVolunteers: request.extraVolunteers,
    ...(request.matchWithinDays !== undefined ? { matchWithinDays: request.matchWithinDays } : {}),
    offerAtFirstReview: request.offerAtFirstReview,
  };
  const projectedAt = new Date(`${until}T23:00:00.000Z`);
  const run = (seed: string, withChanges: boolean) => {
    const { streams } = simulateLa(la, {
      children: calibration.children,
      seed,
      asOf: until,
      rates: calibration.rates,
      deadlines: false,
      ...(withChanges ? { changes } : {}),
    });
    const rows = streams
      .filter((s) => s.streamId.startsWith('child#'))
      .map((s) => childRow(recordedOf(s), projectedAt))
      .filter((row): row is ChildRow => row !== undefined);
    return measure(rows, monthEnds, window);
  };
  const asNow: RunFigures[] = [];
  const withChanges: RunFigures[] = [];
  for (let i = 1; i <= request.runs; i++) {
    const seed = `${request.seed}:${i}`;
    asNow.push(run(seed, false));
    withChanges.push(run(seed, true));
  }
  const outcome = (runs: RunFigures[]): Outcome => ({
    accessRate: band(runs.map((r) => r.accessRate.at(-1)!)),
    matched: band(runs.map((r) => r.matched)),
    waiting: band(runs.map((r) => r.waiting)),
    matchesMade: band(runs.map((r) => r.matchesMade)),
  });
  const inCare = children.filter((row) => standingOn(row, today).lookedAfter);
  const matchedToday = inCare.filter((row) => standingOn(row, today).matched).length;
  return {
    la,
    today,
    until,
    request,
    current: {
      lookedAfter: inCare.length,
      matched: matchedToday,
      accessRate: inCare.length === 0 ? null : matchedToday / inCare.length,
    },
    assumptions: calibration.assumptions,
    changes: changesInWords(request, w),
    months: monthEnds.map((on, m) => ({
      on,
      asNow: band(asNow.map((r) => r.accessRate[m]!)),
      withChanges: band(withChanges.map((r) => r.accessRate[m]!)),
    })),
    end: { asNow: outcome(asNow), withChanges: outcome(withChanges) },
  };
}
