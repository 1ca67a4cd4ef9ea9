import type { ChildEvent } from '../../events/contracts/child';
import type { Decider } from '../decider';
import { defaultPolicyFor, type PolicySource } from '../policy';
import type { ChildCommand } from './commands';
import { decideChild } from './decide';
import { type ChildState, evolveChild, initialChildState } from './state';

export type { ChildCommand, EnterCare, ObligationCommand, RecordImport } from './commands';
export { MAY_END_RELATIONSHIP } from './commands';
export { isChildOn, turnedEighteen } from './context';
export { MESSAGES as CHILD_MESSAGES } from './decide';
export type { ImportedFrom } from './imported';
export type { CarePeriod, ChildState, Relationship, Review } from './state';
export { initialChildState, isObjecting } from './state';

/** The child's decider for LAs whose policy comes from `policies` (an LA's own configuration). */
export const makeChildDecider = (
  policies: PolicySource = defaultPolicyFor,
): Decider<ChildCommand, ChildEvent, ChildState> => ({
  initialState: initialChildState,
  evolve: evolveChild,
  decide: (command, state, context) => decideChild(command, state, context, policies),
});

/** The child's decider with the England and Wales default policies. */
export const childDecider = makeChildDecider();
