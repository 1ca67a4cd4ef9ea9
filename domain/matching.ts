import type { ChildEvent } from '../events/contracts/child';
import type { VolunteerEvent } from '../events/contracts/volunteer';
import { londonDateOf } from './calendar';
import { CHILD_MESSAGES, type ChildState, isChildOn, isObjecting, turnedEighteen } from './child';
import { type Decided, type DecisionContext, DomainRuleBroken } from './decider';
import { defaultPolicyFor, type PolicySource } from './policy';
import { notBefore, type When, whenOf } from './recording';
import { hasValidDbs, independenceProblem, type VolunteerState } from './volunteer';

/** Match a referred child with an approved volunteer: the appointment of the child's Independent Visitor. */
export type MatchVisitor = { type: 'MatchVisitor' } & When;

const conflict = (message: string, rule: string) => new DomainRuleBroken(message, 409, rule);

/**
 * Decides a match over both streams at once. Returns the child's events and the volunteer's events, to be written
 * in one transaction with runCommandAcross (targets: [child, volunteer]); any broken rule throws and nothing is
 * written to either stream. Every rule here is one of the invariants.
 */
export function decideMatch(
  command: MatchVisitor,
  child: ChildState,
  volunteer: VolunteerState,
  context: DecisionContext,
  policies: PolicySource = defaultPolicyFor,
): [Decided<ChildEvent>[], Decided<VolunteerEvent>[]] {
  if (child.status === 'not-recorded' || !child.la || !child.childId)
    throw conflict(CHILD_MESSAGES.notRecorded, 'child-not-recorded');
  const policy = policies(child.la);
  const when = whenOf(command, context, policy);
  const on = londonDateOf(when.at);

  // The child's side.
  if (child.status !== 'looked-after')
    throw conflict(
      'This child is not looked after, so an Independent Visitor cannot be appointed.',
      'not-looked-after',
    );
  if (child.relationship) throw conflict(CHILD_MESSAGES.alreadyHasIv, 'already-has-iv');
  if (!isChildOn(child, on)) throw turnedEighteen(child);
  if (isObjecting(child)) throw conflict(CHILD_MESSAGES.objected, 'child-objected');
  if (!child.referral) throw conflict(CHILD_MESSAGES.notReferred, 'not-referred');
  notBefore(
    when.at,
    child.referral.referredAt,
    'A match cannot be dated before the referral.',
    'before-referral',
  );

  // The volunteer's side.
  if (volunteer.status === 'not-recorded' || !volunteer.volunteerId)
    throw conflict('There is no application from this volunteer.', 'volunteer-not-recorded');
  if (volunteer.la !== child.la)
    throw conflict('This volunteer is registered with another local authority.', 'other-la');
  if (child.objectedVolunteers.includes(volunteer.volunteerId))
    throw conflict(
      'This child objected to this volunteer as their Independent Visitor, so they cannot be appointed. If the ' +
        'child has withdrawn that objection, record the withdrawal first.',
      'child-objected-to-visitor',
    );
  if (volunteer.status === 'withdrawn')
    throw conflict('This volunteer has withdrawn.', 'volunteer-withdrawn');
  if (volunteer.status !== 'approved')
    throw conflict(
      'This volunteer has not been approved as an Independent Visitor.',
      'volunteer-not-approved',
    );
  notBefore(
    when.at,
    volunteer.approvedAt,
    'A match cannot be dated before the volunteer was approved.',
    'before-approval',
  );
  if (volunteer.suspended) throw conflict('This volunteer is suspended.', 'volunteer-suspended');
  if (volunteer.paused)
    throw conflict('This volunteer has paused and is not taking new matches.', 'volunteer-paused');
  const independence = independenceProblem(volunteer.independence, policy);
  if (independence) throw conflict(independence.message, `volunteer-${independence.rule}`);
  if (!hasValidDbs(volunteer, policy, on))
    throw conflict(
      'This volunteer has no DBS check that is valid under the policy.',
      'volunteer-no-valid-dbs',
    );
  if (volunteer.activeMatches.length >= volunteer.capacity)
    throw conflict(
      `This volunteer already visits as many children as agreed (${volunteer.capacity}).`,
      'volunteer-at-capacity',
    );

  const matchId = `match-${child.matchesMade + 1}`;
  const stamp = <E extends { type: string }>(event: E) =>
    when.occurredAt ? { ...event, occurredAt: when.occurredAt } : event;
  return [
    [
      stamp({
        type: 'VisitorMatched' as const,
        data: { matchId, referralId: child.referral.referralId, volunteerId: volunteer.volunteerId },
      }),
    ],
    [stamp({ type: 'VolunteerMatchedWithChild' as const, data: { matchId, childId: child.childId } })],
  ];
}
