import type { VolunteerEvent } from '../../events/contracts/volunteer';
import type { Decider } from '../decider';
import { defaultPolicyFor, type PolicySource } from '../policy';
import type { VolunteerCommand } from './commands';
import { decideVolunteer } from './decide';
import { evolveVolunteer, initialVolunteerState, type VolunteerState } from './state';

export type { DbsCertificateInput, VolunteerCommand } from './commands';
export type { ClaimInput, ExpenseClaim, TrainingRecord } from './expenses';
export { lapsedMandatoryTraining, receiptPrefixOf } from './expenses';
export type { IndependenceAnswers, IndependenceDeclaration } from './independence';
export { independenceProblem } from './independence';
export type { DbsCheck, VolunteerState } from './state';
export { dbsValidUntil, hasValidDbs, initialVolunteerState } from './state';

export const makeVolunteerDecider = (
  policies: PolicySource = defaultPolicyFor,
): Decider<VolunteerCommand, VolunteerEvent, VolunteerState> => ({
  initialState: initialVolunteerState,
  evolve: evolveVolunteer,
  decide: (command, state, context) => decideVolunteer(command, state, context, policies),
});

/** The volunteer's decider with the England and Wales default policies. */
export const volunteerDecider = makeVolunteerDecider();
