import type { ChildEvent } from '../../events/contracts/child';
import type { Decided } from '../decider';
import { notBefore } from '../recording';
import type { ChildCommand } from './commands';
import { type ChildContext, conflict, invalid, MESSAGES } from './context';

/*
 * What the child says about an Independent Visitor. A child the LA is satisfied has sufficient understanding to make
 * an informed decision decides (s.23ZB(6), (7); Wales s.98(6), (7)); any other child's words are their wishes and
 * feelings, which the LA weighs but which neither bar an appointment nor end one. An objection is to one visitor or
 * to having anyone (s.23ZB(8)); only the second suspends the duty to propose an IV, until it is withdrawn.
 */

type Command<T extends ChildCommand['type']> = Extract<ChildCommand, { type: T }>;

const STANDING_OBJECTION =
  'This child has objected to having any Independent Visitor, and the objection stands. If they have withdrawn ' +
  'it, record the withdrawal first.';

/** The child's answer to the offer of an IV. */
export function decideOnOffer(
  command: Command<'RecordChildDecision'>,
  c: ChildContext,
): Decided<ChildEvent>[] {
  const { state, stamp } = c;
  c.lookedAfterChild();
  if (!state.period?.offeredOn) throw conflict(MESSAGES.offerFirst, 'offer-first');
  if (state.relationship)
    throw conflict(
      'This child has an Independent Visitor, so there is no offer to decide on. If they object to the ' +
        "appointment continuing, record the child's objection to continuing: that ends the appointment.",
      'decision-while-iv',
    );
  const words = command.childsWords ? { childsWords: command.childsWords } : {};
  const proposed = command.objectionTo === 'proposed-visitor';
  if (command.objectionTo !== undefined && command.decision !== 'objected')
    throw invalid('Only an objection is to one visitor or to having anyone.', 'objection-scope');
  if (proposed !== (command.proposedVolunteerId !== undefined))
    throw invalid(
      'An objection to the proposed visitor names that volunteer, and only such an objection does.',
      'proposed-visitor',
    );

  if (!command.sufficientUnderstanding)
    return [
      stamp({
        type: 'ChildWishesAndFeelingsRecorded',
        data: {
          wishes:
            command.decision === 'accepted'
              ? 'wants-a-visitor'
              : proposed
                ? 'does-not-want-this-visitor'
                : 'does-not-want-a-visitor',
          ...words,
        },
      }),
    ];

  if (state.objection) throw conflict(STANDING_OBJECTION, 'objection-stands');
  const decision = stamp({
    type: 'ChildDecisionRecorded' as const,
    data: {
      decision: command.decision,
      sufficientUnderstanding: true,
      ...words,
      ...(command.decision === 'objected'
        ? proposed
          ? { objectionTo: 'proposed-visitor' as const, proposedVolunteerId: command.proposedVolunteerId! }
          : { objectionTo: 'any-visitor' as const }
        : {}),
    },
  });
  // A waiting referral can no longer lead to an appointment the child declined or objects to from anyone.
  if (command.decision === 'declined') return [decision, ...c.withdrawReferral('child-declined')];
  if (command.decision === 'objected' && !proposed)
    return [decision, ...c.withdrawReferral('child-objected')];
  return [decision];
}

/** s.23ZB(7): an objection to the appointment continuing, by a child with sufficient understanding, ends it. */
export function decideObjectionToContinuing(
  command: Command<'RecordObjectionToContinuing'>,
  c: ChildContext,
): Decided<ChildEvent>[] {
  const rel = c.relationship();
  const objectionTo = command.objectionTo ?? 'this-visitor';
  const words = command.childsWords ? { childsWords: command.childsWords } : {};
  if (!command.sufficientUnderstanding)
    return [
      c.stamp({
        type: 'ChildWishesAndFeelingsRecorded',
        data: {
          wishes: objectionTo === 'any-visitor' ? 'does-not-want-a-visitor' : 'does-not-want-this-visitor',
          matchId: rel.matchId,
          ...words,
        },
      }),
    ];
  return [
    c.stamp({ type: 'ChildObjectedToContinuing', data: { matchId: rel.matchId, objectionTo, ...words } }),
    c.ending('child-objected'),
  ];
}

/** s.23ZB(8): the child withdraws an objection; to having anyone, which re-opens the duty to propose an IV. */
export function decideWithdrawal(
  command: Command<'WithdrawObjection'>,
  c: ChildContext,
): Decided<ChildEvent>[] {
  const { state, stamp } = c;
  const { volunteerId } = command;
  if (volunteerId !== undefined) {
    if (!state.objectedVolunteers.includes(volunteerId))
      throw conflict('This child has not objected to that visitor.', 'no-objection');
    return [stamp({ type: 'ObjectionWithdrawn', data: { objectionTo: 'this-visitor', volunteerId } })];
  }
  if (!state.objection)
    throw conflict('This child has no objection to having an Independent Visitor on record.', 'no-objection');
  notBefore(c.when.at, state.objection.at, 'That date is before the child objected.', 'before-objection');
  return [stamp({ type: 'ObjectionWithdrawn', data: { objectionTo: 'any-visitor' } })];
}
