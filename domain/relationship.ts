import type { ChildEvent } from '../events/contracts/child';
import type { VolunteerEvent } from '../events/contracts/volunteer';
import { volunteerStreamId } from '../events/stream-id';
import { type ChildCommand, type ChildState, MAY_END_RELATIONSHIP, makeChildDecider } from './child';
import type { Decided, DecisionContext } from './decider';
import { defaultPolicyFor, type PolicySource } from './policy';

/**
 * The volunteer's stream a child command must also write to: the child's current IV, when the command may end
 * the relationship. The handler then runs the command with runCommandAcross over [child, this volunteer] and
 * decideWithVisitor, so the volunteer's capacity is freed in the same transaction as the child's ending.
 */
export function visitorStreamFor(command: ChildCommand, child: ChildState): string | undefined {
  return MAY_END_RELATIONSHIP.has(command.type) && child.relationship
    ? volunteerStreamId(child.relationship.volunteerId)
    : undefined;
}

/** The child's decision, plus a VolunteerMatchEnded on the volunteer's stream for every relationship it ends. */
export function decideWithVisitor(
  command: ChildCommand,
  child: ChildState,
  context: DecisionContext,
  policies: PolicySource = defaultPolicyFor,
): [Decided<ChildEvent>[], Decided<VolunteerEvent>[]] {
  const childEvents = [...makeChildDecider(policies).decide(command, child, context)];
  const volunteerEvents: Decided<VolunteerEvent>[] = [];
  for (const event of childEvents)
    if (event.type === 'RelationshipEnded' && child.childId)
      volunteerEvents.push({
        type: 'VolunteerMatchEnded',
        data: { matchId: event.data.matchId, childId: child.childId, reason: event.data.reason },
        ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
      });
  return [childEvents, volunteerEvents];
}
