import { type Decider, DomainRuleBroken } from '../../domain/decider';

/** A tiny aggregate for testing the plumbing: a counter that may not pass a limit. */
export type CounterEvent = { type: 'CounterIncremented'; data: { by: number } };
export type CounterCommand = { type: 'Increment'; by: number };

export const counterDecider: Decider<CounterCommand, CounterEvent, { total: number }> = {
  initialState: { total: 0 },
  evolve: (state, event) => ({ total: state.total + event.data.by }),
  decide: (command, state) => {
    if (state.total + command.by > 100) throw new DomainRuleBroken('The counter may not pass 100.', 409);
    return [{ type: 'CounterIncremented', data: { by: command.by } }];
  },
};
