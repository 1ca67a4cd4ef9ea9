import type { EnterCare } from '../../domain/child';
import type { Decided, Decider, DecisionContext, DomainEvent, FactMeta } from '../../domain/decider';
import type { Actor } from '../../events/envelope';

export const LA = 'E08000035';
export const WELSH_LA = 'W06000015';
export const coordinatorActor: Actor = { id: 'user-coordinator-1', role: 'coordinator', la: LA };
export const systemActor: Actor = { id: 'deadlines', role: 'system', la: LA };

export const at = (iso: string): Date => new Date(iso);
export const context = (now: string, extra: Partial<DecisionContext> = {}): DecisionContext => ({
  now: new Date(now),
  actor: coordinatorActor,
  ...extra,
});

/** A synthetic child (no real person): 10 years old in 2026, placed in area. */
export const enterCare = (overrides: Partial<EnterCare> = {}): EnterCare => ({
  type: 'EnterCare',
  childId: 'child-1',
  la: LA,
  dateOfBirth: '2016-03-14',
  sex: 'female',
  ethnicity: 'MWBC',
  unaccompaniedAsylumSeeking: false,
  placementInLaArea: false,
  socialWorkerRef: 'sw-1001',
  iroRef: 'iro-2002',
  ...overrides,
});

/**
 * A stream in memory for given/when/then tests: each step decides a command at a time, then folds the new events
 * with the metadata the store would give them (occurredAt defaults to the time it was recorded).
 */
export class History<C, E extends DomainEvent, S> {
  state: S;
  readonly facts: { event: E; meta: FactMeta }[] = [];

  constructor(private readonly decider: Decider<C, E, S>) {
    this.state = decider.initialState;
  }

  /** Decides and records; throws whatever the decider throws. */
  record(command: C, now: string, extra: Partial<DecisionContext> = {}): Decided<E>[] {
    const ctx = context(now, extra);
    const decided = [...this.decider.decide(command, this.state, ctx)];
    this.apply(decided, now, ctx.actor);
    return decided;
  }

  apply(decided: readonly Decided<E>[], now: string, actor: Actor = coordinatorActor): void {
    for (const { occurredAt, ...event } of decided) {
      const meta: FactMeta = {
        version: this.facts.length + 1,
        occurredAt: occurredAt ?? new Date(now).toISOString(),
        recordedAt: new Date(now).toISOString(),
        actor,
      };
      this.facts.push({ event: event as unknown as E, meta });
      this.state = this.decider.evolve(this.state, event as unknown as E, meta);
    }
  }

  /** What the decider would do now, without recording it. */
  decide(command: C, now: string, extra: Partial<DecisionContext> = {}): Decided<E>[] {
    return [...this.decider.decide(command, this.state, context(now, extra))];
  }

  types(): string[] {
    return this.facts.map((f) => f.event.type);
  }
}

/** Steps that make a synthetic volunteer matchable: 2 references, a DBS check, training, independence, approval. */
export const approvedVolunteerSteps = (volunteerId = 'volunteer-7', la = LA) =>
  [
    { type: 'Apply', volunteerId, la },
    { type: 'RecordReference', referenceId: 'ref-1', satisfactory: true },
    { type: 'RecordReference', referenceId: 'ref-2', satisfactory: true },
    {
      type: 'RecordDbsCheck',
      level: 'enhanced-with-childrens-barred-list',
      certificateNumber: '001234567890',
      issuedOn: '2025-11-03',
      updateServiceSubscribed: false,
    },
    { type: 'RecordTraining', course: 'iv-induction' },
    {
      type: 'DeclareIndependence',
      wordingVersion: '2026-01',
      electedMemberOfLa: false,
      employeeOfLa: false,
      relativeOrHouseholdMemberOfEither: false,
      connectedWithPlacementProvider: false,
    },
    { type: 'Approve' },
  ] as const;
