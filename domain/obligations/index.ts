import { isErased } from '../../events/personal-fields';
import type { WorkingDayCalendar } from '../calendar';
import type { ChildState } from '../child/state';
import type { Policy } from '../policy';
import type { VolunteerState } from '../volunteer/state';
import { childObligations } from './child';
import type { Obligation } from './obligation';
import { volunteerObligations } from './volunteer';

export type { Obligation, ObligationKind } from './obligation';
export { escalationAt } from './stages';

export type StreamState = ChildState | VolunteerState;

/**
 * Every obligation open on a stream at `now`. Pure: the same state, policy, calendar and time always give the same
 * obligations with the same ids, so the deadlines workflow can recompute and compare.
 */
export function obligationsOf(
  state: StreamState,
  policy: Policy,
  calendar: WorkingDayCalendar,
  now: Date,
): Obligation[] {
  // An erased record owes nothing more (and has no date of birth left to count from).
  if (state.personalData.erased || (state.kind === 'child' && isErased(state.details?.dateOfBirth)))
    return [];
  return state.kind === 'child'
    ? childObligations(state, policy, calendar, now)
    : volunteerObligations(state, policy, calendar);
}

/** The obligation with this id if it is still open at `now`; undefined if it was met or no longer applies. */
export function openObligation(
  state: StreamState,
  policy: Policy,
  calendar: WorkingDayCalendar,
  now: Date,
  obligationId: string,
): Obligation | undefined {
  return obligationsOf(state, policy, calendar, now).find((o) => o.id === obligationId);
}
