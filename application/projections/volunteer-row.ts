import { londonDateOf } from '../../domain/calendar';
import { defaultPolicyFor, type PolicySource } from '../../domain/policy';
import { dbsValidUntil, type VolunteerState, volunteerDecider } from '../../domain/volunteer';
import type { VolunteerEvent } from '../../events/contracts/volunteer';
import type { RecordedEvent } from '../../events/envelope';
import { asFact, typedEvents, VOLUNTEER } from '../records';
import { ROW_SCHEMA, type VolunteerMatchRow, type VolunteerRow, type VolunteerStatus } from './child-row';
import { retentionRowOf } from './retention-row';

/**
 * The volunteer register's row: status, capacity, matches and DBS expiry, from the volunteer decider's state, plus
 * the dates reports need (applied, approved, withdrawn, each match). Undefined for a stream with no application.
 */
export function volunteerRow(
  events: readonly RecordedEvent[],
  now: Date,
  policies: PolicySource = defaultPolicyFor,
): VolunteerRow | undefined {
  let state: VolunteerState = volunteerDecider.initialState;
  let appliedOn: string | undefined;
  let approvedOn: string | undefined;
  let withdrawnOn: string | undefined;
  const matches: VolunteerMatchRow[] = [];
  for (const recorded of typedEvents<VolunteerEvent>(VOLUNTEER, events)) {
    const fact = asFact(recorded);
    const event = fact.event;
    state = volunteerDecider.evolve(state, event, fact.meta);
    const on = londonDateOf(fact.meta.occurredAt);
    if (event.type === 'VolunteerApplied') appliedOn = on;
    else if (event.type === 'VolunteerApproved') approvedOn ??= on;
    else if (event.type === 'VolunteerWithdrew') withdrawnOn = on;
    else if (event.type === 'VolunteerMatchedWithChild')
      matches.push({ matchId: event.data.matchId, childId: event.data.childId, matchedOn: on });
    else if (event.type === 'VolunteerMatchEnded') {
      const match = matches.find((m) => m.matchId === event.data.matchId && m.childId === event.data.childId);
      if (match) {
        match.endedOn = on;
        match.endReason = event.data.reason;
      }
    }
  }
  const { la, volunteerId, streamId } = state;
  if (state.status === 'not-recorded' || !la || !volunteerId || !streamId || !appliedOn) return undefined;
  const status: VolunteerStatus =
    state.status === 'withdrawn'
      ? 'withdrawn'
      : state.suspended
        ? 'suspended'
        : state.paused
          ? 'paused'
          : state.status;
  const dbsExpiresOn = dbsValidUntil(state.dbs, policies(la));
  const soonest = Object.values(state.training)
    .filter((t) => t.expiresOn !== undefined)
    .sort((a, b) => a.expiresOn!.localeCompare(b.expiresOn!))[0];
  return {
    streamId,
    version: state.version,
    rowSchema: ROW_SCHEMA,
    la,
    volunteerId,
    ...(state.profile.name ? { name: state.profile.name } : {}),
    status,
    listKey: `${status}#${volunteerId}`,
    appliedOn,
    ...(approvedOn ? { approvedOn } : {}),
    ...(withdrawnOn ? { withdrawnOn } : {}),
    capacity: state.capacity,
    activeMatches: state.activeMatches.length,
    matches,
    ...(state.dbs ? { dbsIssuedOn: state.dbs.issuedOn } : {}),
    ...(dbsExpiresOn ? { dbsExpiresOn } : {}),
    ...(dbsExpiresOn && status === 'approved' ? { dbsDue: `${dbsExpiresOn}#${volunteerId}` } : {}),
    ...(soonest ? { trainingExpiresOn: soonest.expiresOn, trainingToRenew: soonest.course } : {}),
    ...(soonest && status !== 'withdrawn' ? { trainingDue: `${soonest.expiresOn}#${volunteerId}` } : {}),
    retention: retentionRowOf(state, policies(la)),
    projectedAt: now.toISOString(),
  };
}
