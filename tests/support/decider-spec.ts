import { expect } from 'vitest';
import { type Decided, type Decider, type DecisionContext, DomainRuleBroken } from '../../domain/decider';
import type { DomainEvent } from '../../events/envelope';
import { context, History } from './domain';

/**
 * Decider tests in the given / when / then form of Emmett's DeciderSpecification:
 *
 *   given(history).when(command, at).then([...events])
 *   given(history).when(command, at).thenRefused('rule-name')
 *   given(history).when(command, at).thenNothing()
 *
 * `given` takes a History (a stream built by recording commands, deciding with its own decider), a state, or
 * nothing for a new stream. A refusal is named by
 * its rule, so a test says which rule of the domain forbids the command, not which sentence it happens to use.
 */
export function specFor<C, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
  return (given?: History<C, E, S> | S) => {
    return {
      when(command: C, now: string, extra: Partial<DecisionContext> = {}) {
        // A history decides with its own decider (it may carry an LA's own policy); a new stream with this one.
        const decide = () =>
          given instanceof History
            ? given.decide(command, now, extra)
            : [...decider.decide(command, given ?? decider.initialState, context(now, extra))];
        return {
          /** The events decided, compared by type and data (and occurredAt where the test gives one). */
          // biome-ignore lint/suspicious/noThenProperty: Emmett's given/when/then form; the object is never awaited.
          then(expected: ReadonlyArray<Partial<Decided<E>> & { type: E['type'] }>): Decided<E>[] {
            const decided = decide();
            expect(decided).toMatchObject(expected);
            expect(decided).toHaveLength(expected.length);
            return decided;
          },
          /** Refused by a rule of the domain (the named one, when given); the status is checked when given. */
          thenRefused(rule?: string, status?: 409 | 422): DomainRuleBroken {
            const error = refusalOf(decide);
            if (rule !== undefined) expect(error.rule).toBe(rule);
            if (status !== undefined) expect(error.status).toBe(status);
            return error;
          },
          /** Nothing to record: the command is accepted and changes nothing. */
          thenNothing(): void {
            expect(decide()).toEqual([]);
          },
        };
      },
    };
  };
}

/** The domain's refusal of a decision; fails the test if the decision was not refused. */
export function refusalOf(decide: () => unknown): DomainRuleBroken {
  try {
    decide();
  } catch (error) {
    if (error instanceof DomainRuleBroken) return error;
    throw error;
  }
  throw new Error('expected the command to be refused by a rule of the domain');
}
