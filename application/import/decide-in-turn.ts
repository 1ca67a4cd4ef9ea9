import { type Decided, type DecisionContext, DomainRuleBroken, type FactMeta } from '../../domain/decider';
import type { DomainEvent } from '../../events/envelope';

/**
 * An import's commands decided in turn, each on the state the ones before it leave, evolved as the store would
 * record their events (at `context.now`, by the importer): what the preview shows and the write re-checks. Stops at
 * the first command the domain refuses. `decide` gives each command's decision; `evolving` the events of it that
 * change this record's state (an SSDA903 ending also decides events for the visitor's record).
 */
export function decideInTurn<P, S extends { version: number }, E extends DomainEvent, D>(
  commands: readonly P[],
  initial: S,
  context: DecisionContext,
  step: {
    decide: (planned: P, state: S) => D;
    evolving: (decision: D) => ReadonlyArray<Decided<E>>;
    evolve: (state: S, event: E, meta: FactMeta) => S;
  },
): { decisions: D[]; refused?: { planned: P; error: DomainRuleBroken } } {
  const decisions: D[] = [];
  let state = initial;
  for (const planned of commands) {
    try {
      const decision = step.decide(planned, state);
      for (const { occurredAt, ...event } of step.evolving(decision))
        state = step.evolve(state, event as E, {
          version: state.version + 1,
          occurredAt: occurredAt ?? context.now.toISOString(),
          recordedAt: context.now.toISOString(),
          actor: context.actor,
        });
      decisions.push(decision);
    } catch (error) {
      if (!(error instanceof DomainRuleBroken)) throw error;
      return { decisions, refused: { planned, error } };
    }
  }
  return { decisions };
}
