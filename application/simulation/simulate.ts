import {
  addDays,
  addMonths,
  addYears,
  ageOn,
  calendarFor,
  type LocalDate,
  londonDateOf,
} from '../../domain/calendar';
import { type ChildCommand, type ChildState, childDecider } from '../../domain/child';
import type { Decided, Decider, DomainEvent } from '../../domain/decider';
import { DomainRuleBroken } from '../../domain/decider';
import { decideMatch } from '../../domain/matching';
import { escalationAt, obligationsOf } from '../../domain/obligations';
import { defaultPolicyFor, type Policy } from '../../domain/policy';
import { decideWithVisitor } from '../../domain/relationship';
import {
  hasValidDbs,
  type VolunteerCommand,
  type VolunteerState,
  volunteerDecider,
} from '../../domain/volunteer';
import type { ChildEventData } from '../../events/contracts/child';
import { type EthnicityCode, ethnicGroupOf } from '../../events/contracts/ethnicity';
import type { Actor } from '../../events/envelope';
import { childStreamId, volunteerStreamId } from '../../events/stream-id';
import { fitOf, type Referral } from '../fit';
import type { CommandInfo, NewEvent } from '../ports/event-store';
import type { StaffMember } from '../ports/staff-directory';
import { DEMO_AREAS, madeUpName, OUT_OF_AREA } from './names';
import { Random } from './random';
import { staffRosterOf } from './staff';

/**
 * Simulates one LA's children and volunteers through time. Every fact comes from a command decided by the real
 * deciders (child, volunteer, matching, endings across both), at a simulated "now", so each history obeys the
 * domain's rules; a command the domain refuses is simply not recorded. Proportions follow the domain brief.
 */

export interface GeneratorRates {
  /** Age at the snapshot of children looked after (DfE, 31 March): under 1 is the remainder. */
  ageBands: Record<'under1' | '1-4' | '5-9' | '10-15' | '16-17', number>;
  male: number;
  ethnicity: Partial<Record<EthnicityCode, number>>;
  unaccompaniedAsylumSeeking: number;
  placedInLaArea: { england: number; wales: number };
  /** Mean years in care of children looked after at the snapshot. */
  meanYearsInCare: number;
  /** Children who left care in the year before the snapshot, as a share of those looked after at it. */
  leaversPerYear: number;
  toldOfEntitlement: number;
  offeredOnceTold: number;
  /** Of those offered, offered by the first review; the rest late, by days or weeks. */
  offeredInTime: number;
  /** A review that did not consider an IV is followed by a fresh offer within a few weeks. */
  reofferAfterMissedReview: number;
  /** Preferred names, sex preferences and other languages, as some referrals have them. */
  goesByShortName: number;
  wantsVisitorOfSex: number;
  /** A child's social worker changes this often during their time in care. */
  socialWorkerChange: number;
  decision: Record<'accepted' | 'declined' | 'objected', number>;
  referredOnceAccepted: number;
  withdrawnWhileWaiting: number;
  medianWaitDays: number;
  /** A match attempt fails this often for a child placed out of area (no volunteer near them), or of a minority group. */
  outOfAreaMissChance: number;
  minorityMissChance: number;
  reviewConsidersIv: number;
  reviewOnTime: number;
  placementChange: number;
  visitEveryDays: [number, number];
  visit: Record<'held' | 'cancelled' | 'missed', number>;
  /** Chances at each visit that the relationship ends. */
  perVisit: { resigned: number; terminated: number; objected: number };
  reReferAfterEnding: number;
  careLeaverContinues: number;
  /** Volunteers who apply over the simulated years, per child looked after, at a 3.5% access rate. */
  volunteersPerChild: number;
  accessRate: { england: number; wales: number };
}

export const DEFAULT_RATES: GeneratorRates = {
  ageBands: { under1: 4, '1-4': 14, '5-9': 18, '10-15': 39, '16-17': 25 },
  male: 0.56,
  ethnicity: {
    WBRI: 60,
    WOTH: 8,
    WIRI: 1,
    WROM: 1,
    WIRT: 1,
    MWBC: 4,
    MWBA: 2,
    MWAS: 2,
    MOTH: 3,
    BAFR: 4,
    BCRB: 2,
    BOTH: 2,
    APKN: 1.5,
    ABAN: 1,
    AIND: 1,
    AOTH: 1.5,
    OOTH: 3.5,
    CHNE: 0.5,
    NOBT: 1,
  },
  unaccompaniedAsylumSeeking: 0.07,
  placedInLaArea: { england: 0.5, wales: 0.656 },
  meanYearsInCare: 2.5,
  leaversPerYear: 0.4,
  // A believable LA: nearly every child is told and offered (a what-if calibrates these from an LA's own records).
  toldOfEntitlement: 1,
  offeredOnceTold: 1,
  offeredInTime: 0.9,
  reofferAfterMissedReview: 0.9,
  goesByShortName: 0.3,
  wantsVisitorOfSex: 0.3,
  socialWorkerChange: 0.15,
  // Most children offered an IV say no: access stays at a few per cent (NIVN) although nearly all are offered.
  decision: { accepted: 0.14, declined: 0.72, objected: 0.14 },
  referredOnceAccepted: 0.85,
  withdrawnWhileWaiting: 0.12,
  medianWaitDays: 60,
  outOfAreaMissChance: 0.3,
  minorityMissChance: 0.2,
  reviewConsidersIv: 0.93,
  reviewOnTime: 0.9,
  placementChange: 0.3,
  visitEveryDays: [24, 36],
  visit: { held: 0.88, cancelled: 0.07, missed: 0.05 },
  perVisit: { resigned: 0.012, terminated: 0.002, objected: 0.002 },
  reReferAfterEnding: 0.4,
  careLeaverContinues: 0.5,
  volunteersPerChild: 0.07,
  accessRate: { england: 0.035, wales: 0.01 },
};

/** The events one command added to one stream, with when it was recorded: sealed in this order, they chain. */
export interface CommandBatch {
  command: CommandInfo;
  recordedAt: string;
  events: NewEvent[];
}

export interface GeneratedStream {
  streamId: string;
  la: string;
  batches: CommandBatch[];
}

export interface SimulationStats {
  children: number;
  volunteers: number;
  events: number;
  commands: number;
  refused: number;
}

interface Sim<S> {
  streamId: string;
  la: string;
  state: S;
  batches: CommandBatch[];
}

type Task = { at: number; seq: number; run: () => void };

/** A binary min-heap of tasks by time (then by the order they were scheduled, so ties are reproducible). */
class Agenda {
  private readonly heap: Task[] = [];
  private seq = 0;
  push(at: number, run: () => void) {
    const task = { at, seq: this.seq++, run };
    const h = this.heap;
    h.push(task);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (before(h[parent]!, task)) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = task;
  }
  pop(): Task | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        const candidate = (k: number) => (k === i ? last : h[k]!);
        if (l < h.length && before(h[l]!, candidate(m))) m = l;
        if (r < h.length && before(h[r]!, candidate(m))) m = r;
        if (m === i) break;
        h[i] = h[m]!;
        i = m;
      }
      h[i] = last;
    }
    return top;
  }
}
const before = (a: Task, b: Task) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

type LeftCareReason = ChildEventData<'ChildLeftCare'>['reason'];

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const DAY = 86_400_000;

/** Changes to how the service works, from a date on: what a what-if projection asks about. */
export interface ServiceChanges {
  /** The first day the changes apply; before it, the simulation is exactly what it would be without them. */
  from: LocalDate;
  /** More volunteers, applying over the 6 months from `from` (each then goes through checks and approval). */
  extraVolunteers?: number;
  /** Every referral is first considered for a match within this many days (those already waiting, from `from`). */
  matchWithinDays?: number;
  /** Every child not yet offered is told and offered an IV at their first looked-after review. */
  offerAtFirstReview?: boolean;
}

export interface SimulateOptions {
  /** Children looked after at the snapshot; those who left in the year before come on top. */
  children: number;
  seed: string;
  /** The snapshot date (YYYY-MM-DD): nothing is simulated after the end of this day. */
  asOf: LocalDate;
  rates?: Partial<GeneratorRates>;
  /** The LA's staff that children are allocated to; made-up staff for the size of the LA when not given. */
  staff?: readonly StaffMember[];
  /**
   * Whether to run the deadlines workflow (reminders, misses, escalations). They never change a child's journey,
   * so a projection of reach leaves them out: it runs several times faster.
   */
  deadlines?: boolean;
  changes?: ServiceChanges;
}

/** One LA's population as streams of sealed-to-be batches, in memory for this LA only. */
export function simulateLa(
  la: string,
  options: SimulateOptions,
): { streams: GeneratedStream[]; stats: SimulationStats } {
  const rates = { ...DEFAULT_RATES, ...options.rates };
  const rng = new Random(`${options.seed}:${la}`);
  const policy: Policy = defaultPolicyFor(la);
  const calendar = calendarFor(policy.jurisdiction);
  const wales = policy.jurisdiction === 'wales';
  const asOf = options.asOf;
  const end = Date.parse(`${addDays(asOf, 1)}T00:00:00.000Z`) - 2 * 3_600_000;
  const agenda = new Agenda();
  const stats: SimulationStats = { children: 0, volunteers: 0, events: 0, commands: 0, refused: 0 };
  const coordinator: Actor = { id: `coordinator-${la}`, role: 'coordinator', la };
  const staff = options.staff ?? staffRosterOf(la, options.children);
  const coordinators = staff.filter((m) => m.role === 'coordinator');
  const recorder = (): Actor => {
    const m = coordinators.length > 0 ? rng.pick(coordinators) : undefined;
    return m ? { id: m.id, role: 'coordinator', la } : coordinator;
  };
  /** Each child goes to whoever of a few holds the fewest children, so caseloads come out even. */
  const caseloads = new Map<string, number>();
  const allocate = (role: 'social-worker' | 'iro'): StaffMember => {
    const pool = staff.filter((m) => m.role === role);
    if (pool.length === 0) throw new Error(`the staff of ${la} has no ${role}`);
    const candidates = [rng.pick(pool), rng.pick(pool), rng.pick(pool)];
    const chosen = candidates.reduce((a, b) =>
      (caseloads.get(a.id) ?? 0) <= (caseloads.get(b.id) ?? 0) ? a : b,
    );
    caseloads.set(chosen.id, (caseloads.get(chosen.id) ?? 0) + 1);
    return chosen;
  };
  const asIro = (id: string): Actor => ({ id, role: 'iro', la });
  const system: Actor = { id: 'deadlines', role: 'system', la };

  /** A working-hours instant on a London date (09:00-16:59 UTC is the same date in London all year). */
  const atOn = (date: LocalDate, r: Random = rng): number =>
    Date.parse(`${date}T${pad(r.int(9, 16), 2)}:${pad(r.int(0, 59), 2)}:00.000Z`);
  const changes = options.changes;
  const changesAt = changes ? Date.parse(`${changes.from}T00:00:00.000Z`) : Number.POSITIVE_INFINITY;
  const changed = (at: number) => at >= changesAt;
  const schedule = (at: number, run: () => void) => {
    if (at <= end) agenda.push(at, run);
  };
  const dateOf = (at: number) => londonDateOf(new Date(at));

  /** One stream's share of a command: the events decided for it, and how its state folds them in. */
  interface Step {
    sim: { streamId: string; batches: CommandBatch[] };
    decided: ReadonlyArray<Decided<DomainEvent>>;
    fold(recordedAt: string, actor: Actor): void;
  }
  const stepOf = <E extends DomainEvent, S extends { version: number }>(
    sim: Sim<S>,
    decider: Pick<Decider<unknown, E, S>, 'evolve'>,
    decided: ReadonlyArray<Decided<E>>,
  ): Step => ({
    sim,
    decided,
    fold(recordedAt, actor) {
      let version = sim.state.version;
      for (const event of decided)
        sim.state = decider.evolve(sim.state, event, {
          version: ++version,
          occurredAt: event.occurredAt ?? recordedAt,
          recordedAt,
          actor,
        });
    },
  });

  /** Records one command's events on each of its streams, as the store would: one batch per stream. */
  function record(steps: ReadonlyArray<Step>, at: number, actor: Actor) {
    if (steps.every(({ decided }) => decided.length === 0)) return;
    const recordedAt = new Date(at).toISOString();
    const lead = steps[0]!.sim;
    const commandId = `${lead.streamId.replace('#', '-')}-${lead.batches.length + 1}`;
    for (const step of steps) {
      if (step.decided.length === 0) continue;
      const events: NewEvent[] = step.decided.map(({ occurredAt, ...event }) => ({
        type: event.type,
        data: event.data,
        occurredAt: occurredAt ?? recordedAt,
      }));
      step.sim.batches.push({ command: { commandId, actor }, recordedAt, events });
      step.fold(recordedAt, actor);
      stats.events += events.length;
    }
    stats.commands++;
  }

  /** Decides a command; a refusal by the domain means the step does not happen. */
  function attempt(decide: () => void): boolean {
    try {
      decide();
      return true;
    } catch (error) {
      if (!(error instanceof DomainRuleBroken)) throw error;
      stats.refused++;
      return false;
    }
  }

  // Volunteers first, so the pool exists when children are referred.
  const volunteers: Sim<VolunteerState>[] = [];
  const accessScale = (wales ? rates.accessRate.wales : rates.accessRate.england) / 0.035;
  const volunteerCount = Math.max(1, Math.round(options.children * rates.volunteersPerChild * accessScale));
  const volunteerWindowDays = 6 * 365;
  for (let n = 1; n <= volunteerCount; n++)
    addVolunteer(n, () => atOn(addDays(asOf, -rng.int(20, volunteerWindowDays))));
  if (changes?.extraVolunteers) {
    // Their own random numbers, so the history before the changes is the same with them as without.
    const own = new Random(`${options.seed}:${la}:changes`);
    for (let i = 1; i <= changes.extraVolunteers; i++)
      addVolunteer(volunteerCount + i, () => atOn(addDays(changes.from, own.int(0, 182)), own));
  }

  function addVolunteer(n: number, appliedAt: () => number) {
    const volunteerId = `${la}-v${pad(n, 5)}`;
    const sim: Sim<VolunteerState> = {
      streamId: volunteerStreamId(volunteerId),
      la,
      state: volunteerDecider.initialState,
      batches: [],
    };
    volunteers.push(sim);
    stats.volunteers++;
    const volunteer = (command: VolunteerCommand, at: number, actor = coordinator) =>
      attempt(() =>
        record(
          [
            stepOf(
              sim,
              volunteerDecider,
              volunteerDecider.decide(command, sim.state, { now: new Date(at), actor }),
            ),
          ],
          at,
          actor,
        ),
      );
    const applied = appliedAt();
    const day = (at: number, days: number) => atOn(addDays(dateOf(at), days));
    const sex = rng.chance(0.7) ? ('female' as const) : ('male' as const);
    const name = madeUpName(rng, sex);
    const fullName = `${name.firstNames.split(' ')[0]} ${name.lastName}`;
    const profile = {
      name: fullName,
      email:
        `${name.firstNames.split(' ')[0]!.toLowerCase()}.${name.lastName.toLowerCase().replace(/[^a-z]/g, '')}${n}@example.com`
          .normalize('NFKD')
          .replace(/\p{M}/gu, ''),
      phone: `07700 900${pad(rng.int(0, 999), 3)}`,
      sex,
      languages: ['english', ...(rng.chance(0.2) ? [rng.pick(LANGUAGES)] : [])],
      interests: [...new Set([rng.pick(INTERESTS), rng.pick(INTERESTS), rng.pick(INTERESTS)])],
      travelAreas: [
        ...new Set([
          rng.pick(DEMO_AREAS),
          rng.pick(DEMO_AREAS),
          ...(rng.chance(0.4) ? [rng.pick(OUT_OF_AREA)] : []),
        ]),
      ],
      availability: [
        ...new Set([rng.pick(AVAILABILITY), ...(rng.chance(0.5) ? [rng.pick(AVAILABILITY)] : [])]),
      ],
    };
    schedule(applied, () => {
      volunteer({ type: 'Apply', volunteerId, la, ...profile }, applied);
      const refs = [day(applied, rng.int(7, 30)), day(applied, rng.int(10, 40))];
      for (const [i, at] of refs.entries())
        schedule(at, () =>
          volunteer({ type: 'RecordReference', referenceId: `ref-${i + 1}`, satisfactory: true }, at),
        );
      const dbsAt = day(applied, rng.int(14, 45));
      const updateService = rng.chance(0.4);
      schedule(dbsAt, () =>
        volunteer(
          {
            type: 'RecordDbsCheck',
            level: 'enhanced-with-childrens-barred-list',
            certificateNumber: pad(rng.int(0, 999_999), 6) + pad(rng.int(0, 999_999), 6),
            issuedOn: dateOf(dbsAt),
            updateServiceSubscribed: updateService,
          },
          dbsAt,
        ),
      );
      const trained = day(applied, rng.int(30, 60));
      schedule(trained, () => {
        volunteer({ type: 'RecordTraining', course: 'iv-induction' }, trained);
        volunteer(
          {
            type: 'DeclareIndependence',
            wordingVersion: '2026-01',
            electedMemberOfLa: false,
            employeeOfLa: false,
            relativeOrHouseholdMemberOfEither: false,
            connectedWithPlacementProvider: false,
          },
          trained + 60_000,
        );
      });
      if (rng.chance(0.1)) {
        const gone = day(applied, rng.int(20, 55));
        schedule(gone, () => volunteer({ type: 'Withdraw', reason: 'own-choice' }, gone));
        return;
      }
      const approved = day(applied, rng.int(61, 100));
      schedule(approved, () => {
        if (!volunteer({ type: 'Approve', capacity: rng.chance(0.15) ? 2 : 1 }, approved)) return;
        keepDbsCurrent(approved);
        const leaving = (at: number) => {
          schedule(at, () => {
            if (sim.state.activeMatches.length === 0 && rng.chance(0.35))
              volunteer({ type: 'Withdraw', reason: 'own-choice' }, at);
            else leaving(day(at, rng.int(90, 365)));
          });
        };
        leaving(day(approved, rng.int(300, 700)));
      });
    });

    function keepDbsCurrent(from: number) {
      const dbs = sim.state.dbs;
      if (!dbs || sim.state.status === 'withdrawn') return;
      if (dbs.updateServiceSubscribed) {
        const at = day(from, rng.int(300, 340));
        schedule(at, () => {
          if (sim.state.status === 'withdrawn') return;
          volunteer({ type: 'RecordUpdateServiceCheck', result: 'no-change' }, at);
          keepDbsCurrent(at);
        });
      } else {
        const due = addMonths(dbs.issuedOn, policy.volunteers.dbs.recheckEveryMonths);
        const at = atOn(addDays(due, -rng.int(10, 40)));
        schedule(at, () => {
          if (sim.state.status === 'withdrawn') return;
          volunteer(
            {
              type: 'RenewDbsCheck',
              level: 'enhanced-with-childrens-barred-list',
              certificateNumber: pad(rng.int(0, 999_999), 6) + pad(rng.int(0, 999_999), 6),
              issuedOn: dateOf(at),
              updateServiceSubscribed: false,
            },
            at,
          );
          keepDbsCurrent(at);
        });
      }
    }
  }

  const children: Sim<ChildState>[] = [];
  const leavers = Math.round(options.children * rates.leaversPerYear);
  const ages = {
    under1: [0, 1],
    '1-4': [1, 5],
    '5-9': [5, 10],
    '10-15': [10, 16],
    '16-17': [16, 18],
  } as const;
  // No generated child dies: the generator leaves that reason (and its shorter retention) to the tests.
  const leftReasons: Record<Exclude<LeftCareReason, 'transferred-to-another-la' | 'died'>, number> = {
    'reached-18': 30,
    'returned-home': 30,
    adopted: 10,
    'special-guardianship-order': 13,
    'child-arrangements-order': 3,
    'moved-to-independent-living': 4,
    other: 10,
  };

  for (let n = 1; n <= options.children + leavers; n++) {
    const current = n <= options.children;
    const childId = `${la}-c${pad(n, 6)}`;
    const sim: Sim<ChildState> = {
      streamId: childStreamId(childId),
      la,
      state: childDecider.initialState,
      batches: [],
    };
    children.push(sim);
    stats.children++;

    // Who the child is, when they came into care and (for leavers) when and why they left.
    let dateOfBirth: LocalDate;
    let entered: LocalDate;
    let leave: { on: LocalDate; reason: LeftCareReason } | undefined;
    if (current) {
      const [from, to] = ages[rng.weighted(rates.ageBands)];
      const ageDays = rng.int(from * 365 + 1, to * 365 - 2);
      dateOfBirth = addDays(asOf, -ageDays);
      entered = addDays(
        asOf,
        -Math.min(Math.floor(rng.exponential(rates.meanYearsInCare * 365)), ageDays - 1),
      );
    } else {
      const on = addDays(asOf, -rng.int(0, 364));
      const reason = rng.weighted(leftReasons);
      if (reason === 'reached-18') dateOfBirth = addYears(on, -18);
      else {
        const [from, to] = ages[rng.weighted(rates.ageBands)];
        dateOfBirth = addDays(on, -rng.int(from * 365 + 1, to * 365 - 2));
      }
      const ageDays = Math.round((Date.parse(on) - Date.parse(dateOfBirth)) / DAY);
      entered = addDays(on, -Math.min(Math.floor(rng.exponential(1.5 * 365)) + 1, ageDays - 1));
      leave = { on, reason };
    }
    const ethnicity = rng.weighted(rates.ethnicity as Record<EthnicityCode, number>);
    const inArea = rng.chance(wales ? rates.placedInLaArea.wales : rates.placedInLaArea.england);
    const minority = ethnicGroupOf(ethnicity) !== 'White';
    const sex = rng.chance(rates.male) ? ('male' as const) : ('female' as const);
    const name = madeUpName(rng, sex, rates.goesByShortName);
    const areaOf = (inside: boolean) => (inside ? rng.pick(DEMO_AREAS) : rng.pick(OUT_OF_AREA));
    const socialWorker = allocate('social-worker');
    const childIro = allocate('iro');
    const speaks = rng.chance(0.12) ? [rng.pick(LANGUAGES)] : [];

    const child = (command: ChildCommand, at: number, actor = recorder()): boolean =>
      attempt(() => {
        const context = { now: new Date(at), actor };
        const [childEvents, volunteerEvents] = decideWithVisitor(command, sim.state, context);
        const visitor = sim.state.relationship
          ? volunteers.find((v) => v.streamId === volunteerStreamId(sim.state.relationship!.volunteerId))
          : undefined;
        record(
          [
            stepOf(sim, childDecider, childEvents),
            ...(visitor && volunteerEvents.length > 0
              ? [stepOf(visitor, volunteerDecider, volunteerEvents)]
              : []),
          ],
          at,
          actor,
        );
        scheduleDeadlines(at);
      });
    const day = (at: number, days: number) => atOn(addDays(dateOf(at), days));

    // The deadlines workflow: each open obligation's reminder, miss and first escalation, asked once each.
    const asked = new Set<string>();
    function scheduleDeadlines(at: number) {
      if (options.deadlines === false) return;
      for (const o of obligationsOf(sim.state, policy, calendar, new Date(at))) {
        const stages: Array<[string, ChildCommand, string]> = [
          ['r', { type: 'RecordObligationReminder', obligationId: o.id }, o.remindAt],
          ['m', { type: 'RecordMissedDeadline', obligationId: o.id }, o.dueAt],
          ['e', { type: 'RecordEscalation', obligationId: o.id, escalation: 1 }, escalationAt(o, 1)],
        ];
        for (const [stage, command, when] of stages) {
          const key = `${stage}:${o.id}`;
          if (asked.has(key)) continue;
          asked.add(key);
          const t = Math.max(Date.parse(when), at + 60_000);
          schedule(t, () => child(command, t, system));
        }
      }
    }

    const startAt = atOn(entered);
    schedule(startAt, () => {
      child(
        {
          type: 'EnterCare',
          childId,
          la,
          dateOfBirth,
          sex,
          ethnicity,
          unaccompaniedAsylumSeeking: rng.chance(rates.unaccompaniedAsylumSeeking),
          placementInLaArea: inArea,
          placementArea: areaOf(inArea),
          socialWorkerRef: socialWorker.id,
          iroRef: childIro.id,
          ...name,
          caseSystemId: String(Number(la.slice(-3)) * 1_000_000 + 100_000 + n * 37),
        },
        startAt,
      );
      const period = sim.state.period?.number;
      const lookedAfter = () => sim.state.status === 'looked-after' && sim.state.period?.number === period;

      // Looked-after reviews: the first within 20 working days, then 3 months, then every 6 months.
      const review = (due: LocalDate, n: number) => {
        const on = rng.chance(rates.reviewOnTime)
          ? addDays(due, -rng.int(0, 14))
          : addDays(due, rng.int(1, 25));
        const at = atOn(on);
        schedule(at, () => {
          if (!lookedAfter()) return;
          if (n === 1 && changes?.offerAtFirstReview && changed(at) && !sim.state.period?.offeredOn) {
            if (!sim.state.period?.toldOn) child({ type: 'RecordChildTold' }, at);
            offer(at);
          }
          const considered = rng.chance(rates.reviewConsidersIv);
          child(
            {
              type: 'RecordReview',
              ivConsidered: considered,
              outcome: considered ? outcomeOf() : 'not-considered',
            },
            at,
            asIro(sim.state.details?.iroRef ?? childIro.id),
          );
          // The coordinator puts the question again soon after a review that missed it.
          if (!considered && rng.chance(rates.reofferAfterMissedReview)) {
            const again = day(at, rng.int(3, 25));
            schedule(again, () => {
              if (lookedAfter() && !sim.state.relationship && !sim.state.referral)
                child({ type: 'OfferIndependentVisitor' }, again);
            });
          }
          review(
            addMonths(on, n === 1 ? policy.reviews.secondWithinMonths : policy.reviews.laterEveryMonths),
            n + 1,
          );
        });
      };
      review(calendar.addWorkingDays(entered, policy.reviews.firstWithinWorkingDays), 1);

      // Told and offered, most by the first review (20 working days), the rest days or weeks late; then the child's
      // decision and the referral. A child who came into care in the last few weeks may not have been offered yet.
      if (rng.chance(rates.toldOfEntitlement)) {
        const inTime = rng.chance(rates.offeredInTime);
        const told = day(startAt, inTime ? rng.int(1, 12) : rng.int(20, 45));
        schedule(told, () => {
          // Offered already at the first review, under the changes being tried.
          if (sim.state.period?.offeredOn) return;
          if (!child({ type: 'RecordChildTold' }, told)) return;
          if (!rng.chance(rates.offeredOnceTold)) return;
          const offered = day(told, inTime ? rng.int(0, 10) : rng.int(3, 21));
          schedule(offered, () => offer(offered));
        });
      }

      function offer(at: number) {
        if (!child({ type: 'OfferIndependentVisitor' }, at)) return;
        const decided = day(at, rng.int(2, 21));
        const decision = rng.weighted(rates.decision);
        schedule(decided, () => {
          if (
            !child(
              {
                type: 'RecordChildDecision',
                decision,
                sufficientUnderstanding: decision !== 'declined' || rng.chance(0.5),
              },
              decided,
            )
          )
            return;
          if (decision === 'accepted' && rng.chance(rates.referredOnceAccepted))
            refer(day(decided, rng.int(2, 28)));
        });
      }

      if (rng.chance(rates.placementChange)) {
        const moved = day(startAt, rng.int(30, 900));
        schedule(moved, () => {
          if (!lookedAfter()) return;
          const inside = !sim.state.placementInLaArea;
          child({ type: 'ChangePlacement', placementInLaArea: inside, placementArea: areaOf(inside) }, moved);
        });
      }

      // Social workers move on: a new one is allocated from the LA's staff.
      if (rng.chance(rates.socialWorkerChange)) {
        const changed = day(startAt, rng.int(60, 700));
        schedule(changed, () => {
          if (lookedAfter())
            child(
              { type: 'AllocateStaff', role: 'social-worker', staffId: allocate('social-worker').id },
              changed,
            );
        });
      }

      if (leave) {
        const leftAt = atOn(leave.on);
        const reason = leave.reason;
        schedule(leftAt, () => {
          const continues =
            reason === 'reached-18' &&
            sim.state.relationship?.plannedAt18 === 'continue-under-care-leaver-offer';
          child(
            {
              type: 'LeaveCare',
              reason,
              ...(continues ? { continueUnderCareLeaverOffer: { untilAge: 21 } } : {}),
            },
            leftAt,
          );
          if (continues) {
            const ends = atOn(addYears(dateOfBirth, 21));
            schedule(ends, () => child({ type: 'EndCareLeaverRelationship' }, ends));
          }
        });
      }
      const planAt = atOn(addMonths(addYears(dateOfBirth, 18), -7));
      schedule(Math.max(planAt, startAt + DAY), () => planFor18(Math.max(planAt, startAt + DAY)));

      function outcomeOf() {
        const s = sim.state;
        if (s.relationship) return 'iv-in-place' as const;
        if (s.referral) return 'referral-in-progress' as const;
        if (s.decision?.decision === 'declined') return 'child-declined' as const;
        if (s.decision?.decision === 'objected') return 'child-objected' as const;
        if (s.period?.offeredOn) return 'iv-offered-awaiting-decision' as const;
        return 'iv-to-be-offered' as const;
      }

      function refer(at: number) {
        schedule(at, () => {
          if (!lookedAfter()) return;
          const visitorSex = rng.chance(rates.wantsVisitorOfSex) ? sex : undefined;
          if (
            !child(
              {
                type: 'ReferToIvService',
                needs: [],
                interests: [...new Set([rng.pick(INTERESTS), rng.pick(INTERESTS)])],
                preferences: [],
                languages: ['english', ...speaks],
                availability: [rng.pick(AVAILABILITY)],
                ...(visitorSex ? { visitorSex } : {}),
              },
              at,
            )
          )
            return;
          const referralId = sim.state.referral?.referralId;
          tryMatch(
            day(at, Math.max(1, Math.round(rng.logNormal(rates.medianWaitDays, 0.7)))),
            referralId,
            at,
          );
          if (rng.chance(rates.withdrawnWhileWaiting)) {
            const withdrawn = day(at, rng.int(20, 300));
            schedule(withdrawn, () => {
              if (sim.state.referral?.referralId === referralId)
                child({ type: 'WithdrawReferral', reason: 'no-longer-appropriate' }, withdrawn);
            });
          } else {
            // A referral nobody could match within the year is reviewed and withdrawn.
            const withdrawn = day(at, rng.int(280, 365));
            schedule(withdrawn, () => {
              if (sim.state.referral?.referralId === referralId)
                child({ type: 'WithdrawReferral', reason: 'no-longer-appropriate' }, withdrawn);
            });
          }
        });
      }

      /** The first attempt for a referral gives its time; under the changes it waits no longer than the target. */
      function tryMatch(planned: number, referralId: string | undefined, referredAt?: number) {
        const within = changes?.matchWithinDays;
        const at =
          within && referredAt !== undefined && changed(planned)
            ? Math.max(changesAt, Math.min(planned, referredAt + within * DAY))
            : planned;
        schedule(at, () => {
          if (!lookedAfter() || sim.state.referral?.referralId !== referralId) return;
          const nearby = sim.state.placementInLaArea || !rng.chance(rates.outOfAreaMissChance);
          const found = nearby && (!minority || !rng.chance(rates.minorityMissChance)) && match(at);
          if (!found) tryMatch(day(at, rng.int(14, 45)), referralId);
        });
      }

      function match(at: number): boolean {
        const on = dateOf(at);
        const free = volunteers.filter(
          (v) =>
            v.state.status === 'approved' &&
            !v.state.paused &&
            !v.state.suspended &&
            v.state.activeMatches.length < v.state.capacity &&
            hasValidDbs(v.state, policy, on),
        );
        if (free.length === 0) return false;
        // The coordinator picks the volunteer who fits the referral best, as the suggestions rank them.
        const referral = referralOf(sim);
        const fits = free.map((v) => ({
          v,
          score:
            fitOf(referral, { called: 'the child', placementArea: sim.state.placementArea }, v.state.profile)
              .score + rng.next(),
        }));
        const visitor = fits.reduce((a, b) => (b.score > a.score ? b : a)).v;
        const matched = attempt(() => {
          const actor = recorder();
          const [childEvents, volunteerEvents] = decideMatch(
            { type: 'MatchVisitor' },
            sim.state,
            visitor.state,
            { now: new Date(at), actor },
          );
          record(
            [stepOf(sim, childDecider, childEvents), stepOf(visitor, volunteerDecider, volunteerEvents)],
            at,
            actor,
          );
          scheduleDeadlines(at);
        });
        if (!matched) return false;
        const matchId = sim.state.relationship!.matchId;
        visits(day(at, rng.int(...rates.visitEveryDays)), matchId);
        matchReview(atOn(addDays(addMonths(on, policy.matchReviewEveryMonths), -rng.int(0, 20))), matchId);
        if (addMonths(addYears(dateOfBirth, 18), -7) <= on) planFor18(day(at, 7));
        return true;
      }

      function visits(at: number, matchId: string) {
        schedule(at, () => {
          if (sim.state.relationship?.matchId !== matchId) return;
          const outcome = rng.weighted(rates.visit);
          child(
            {
              type: 'RecordVisit',
              outcome,
              mode: rng.chance(0.85) ? 'in-person' : 'remote',
              ...(outcome === 'held' ? { durationMinutes: rng.int(4, 16) * 15 } : {}),
            },
            at,
          );
          const ending = rng.next();
          const { resigned, terminated, objected } = rates.perVisit;
          const later = at + 3_600_000;
          if (ending < resigned) child({ type: 'RecordIvResignation', writtenNoticeOn: dateOf(at) }, later);
          else if (ending < resigned + terminated)
            child(
              { type: 'TerminateAppointment', writtenNoticeOn: dateOf(at), reason: 'not-working' },
              later,
            );
          else if (ending < resigned + terminated + objected && ageOn(dateOfBirth, dateOf(at)) >= 10)
            child({ type: 'RecordObjectionToContinuing', sufficientUnderstanding: true }, later);
          if (sim.state.relationship?.matchId === matchId)
            visits(day(at, rng.int(...rates.visitEveryDays)), matchId);
          else if (lookedAfter() && !sim.state.relationship && rng.chance(rates.reReferAfterEnding))
            refer(day(at, rng.int(20, 120)));
        });
      }

      function matchReview(at: number, matchId: string) {
        schedule(at, () => {
          if (sim.state.relationship?.matchId !== matchId) return;
          child({ type: 'RecordMatchReview', outcome: 'continuing' }, at);
          matchReview(
            atOn(addDays(addMonths(dateOf(at), policy.matchReviewEveryMonths), -rng.int(0, 20))),
            matchId,
          );
        });
      }

      function planFor18(at: number) {
        schedule(at, () => {
          if (!lookedAfter() || !sim.state.relationship || sim.state.relationship.plannedAt18) return;
          const continues = rng.chance(rates.careLeaverContinues);
          child(
            continues
              ? { type: 'PlanForEighteenthBirthday', plan: 'continue-under-care-leaver-offer', untilAge: 21 }
              : { type: 'PlanForEighteenthBirthday', plan: 'end-at-18' },
            at,
          );
        });
      }
    });
  }

  for (let task = agenda.pop(); task; task = agenda.pop()) task.run();
  const streams = [...volunteers, ...children]
    .filter((s) => s.batches.length > 0)
    .map(({ streamId, batches }) => ({ streamId, la, batches }));
  return { streams, stats };
}

/** The referral a simulated child is waiting with, as the last ReferredToIvService recorded it. */
function referralOf(sim: Sim<ChildState>): Referral | undefined {
  for (let b = sim.batches.length - 1; b >= 0; b--)
    for (const e of sim.batches[b]!.events) if (e.type === 'ReferredToIvService') return e.data as Referral;
  return undefined;
}

const LANGUAGES = ['polish', 'urdu', 'arabic', 'romanian', 'somali', 'welsh', 'bsl', 'portuguese'];
const AVAILABILITY = ['weekday-daytime', 'weekday-evenings', 'weekends'] as const;

const INTERESTS = [
  'football',
  'art',
  'music',
  'swimming',
  'gaming',
  'animals',
  'cooking',
  'reading',
  'cinema',
];
