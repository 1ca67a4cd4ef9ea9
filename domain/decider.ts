import type { Actor, DomainEvent } from '../events/envelope';
import { withoutEntriesInError } from './corrections';

export type { DomainEvent };

/** What the domain knows about when and by whom a past fact was recorded. */
export interface FactMeta {
  version: number;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
}

/** Everything a decision may depend on besides the state: the time comes in, it is never read. */
export interface DecisionContext {
  now: Date;
  actor: Actor;
  reason?: string;
}

/** A new fact, with when it happened if that was not now (backdating needs a reason). */
export type Decided<E extends DomainEvent> = E & { occurredAt?: string };

/**
 * An aggregate as three pure functions. The command plumbing supplies the I/O; the decider supplies the rules.
 * `decide` throws a DomainRuleBroken when a rule forbids the command, and returns [] when there is nothing to do.
 */
export interface Decider<C, E extends DomainEvent, S> {
  initialState: S;
  evolve(state: S, event: E, meta: FactMeta): S;
  decide(command: C, state: S, context: DecisionContext): ReadonlyArray<Decided<E>>;
}

/**
 * A rule of the domain forbids the command. `status` 409 means the record's current state conflicts with it
 * (e.g. already matched), 422 means the request can never be right as made (e.g. a date in the future).
 */
export class DomainRuleBroken extends Error {
  constructor(
    message: string,
    readonly status: 409 | 422 = 422,
    readonly rule?: string,
  ) {
    super(message);
    this.name = 'DomainRuleBroken';
  }
}

/** The state a stream's facts add up to; an entry marked as made by mistake is left out (corrections.ts). */
export function fold<E extends DomainEvent, S>(
  decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>,
  events: ReadonlyArray<{ event: E; meta: FactMeta }>,
): S {
  return withoutEntriesInError(events).reduce(
    (state, { event, meta }) => decider.evolve(state, event, meta),
    decider.initialState,
  );
}
