import type { ChildEvent } from '../../events/contracts/child';
import { eighteenthBirthday, type LocalDate, londonDateOf, longDateOf } from '../calendar';
import { type Decided, DomainRuleBroken } from '../decider';
import type { Policy } from '../policy';
import { notBefore } from '../recording';
import type { ChildState, Relationship } from './state';

export const conflict = (message: string, rule: string) => new DomainRuleBroken(message, 409, rule);
export const invalid = (message: string, rule: string) => new DomainRuleBroken(message, 422, rule);

export const MESSAGES = {
  notRecorded: 'There is no record of this child entering care.',
  alreadyRecorded:
    "This child's entry into care is already recorded; record re-entering care for a new period.",
  notLookedAfter: 'This child is not looked after.',
  alreadyLookedAfter: 'This child is already looked after.',
  alreadyHasIv: 'This child already has an Independent Visitor.',
  noIv: 'This child does not have an Independent Visitor.',
  objected:
    'This child has objected to having an Independent Visitor and has the understanding to decide, ' +
    'so no Independent Visitor can be appointed.',
  declined:
    'This child declined the offer of an Independent Visitor; record a new decision before referring.',
  alreadyReferred: 'This child has already been referred and is waiting for a match.',
  notReferred: 'This child has not been referred to the Independent Visitor service.',
  offerFirst: "Record the offer of an Independent Visitor before the child's decision.",
  beforeCare: 'That date is before the child entered care.',
  tooOld: 'A young person of 18 or over cannot become looked after.',
} as const;

/** A person of 18 is no longer a child: on and after this day they are not looked after, whatever is recorded. */
export const isChildOn = (state: ChildState, on: LocalDate): boolean =>
  !state.details || on < eighteenthBirthday(state.details.dateOfBirth);

export const turnedEighteen = (state: ChildState) =>
  conflict(
    `This young person turned 18 on ${longDateOf(eighteenthBirthday(state.details!.dateOfBirth))}, so they ` +
      'are no longer looked after. Record that they left care.',
    'turned-18',
  );

/**
 * What every command on the child's stream shares once its date is known: the state, the LA's policy, when the
 * fact happened, and the checks most commands make before they decide.
 */
export function childContext(state: ChildState, policy: Policy, when: { at: string; occurredAt?: string }) {
  const stamp = <E extends ChildEvent>(event: E): Decided<E> =>
    when.occurredAt ? { ...event, occurredAt: when.occurredAt } : event;
  const on = londonDateOf(when.at);
  const lookedAfter = () => {
    if (state.status !== 'looked-after') throw conflict(MESSAGES.notLookedAfter, 'not-looked-after');
    notBefore(when.at, state.period?.startedAt, MESSAGES.beforeCare, 'before-entering-care');
  };
  return {
    state,
    policy,
    when,
    on,
    stamp,
    lookedAfter,
    /** Looked after and, on the date of the fact, still a child. */
    lookedAfterChild: () => {
      lookedAfter();
      if (!isChildOn(state, on)) throw turnedEighteen(state);
    },
    relationship: (): Relationship => {
      const rel = state.relationship;
      if (!rel) throw conflict(MESSAGES.noIv, 'no-iv');
      notBefore(when.at, rel.matchedAt, 'That date is before the match was made.', 'before-match');
      return rel;
    },
    /** The end of the current appointment; one while the child is looked after re-opens the duty (s.23ZB(5)). */
    ending: (reason: Extract<ChildEvent, { type: 'RelationshipEnded' }>['data']['reason']) => {
      const rel = state.relationship!;
      return stamp({
        type: 'RelationshipEnded' as const,
        data: {
          matchId: rel.matchId,
          volunteerId: rel.volunteerId,
          reason,
          whileLookedAfter: state.status === 'looked-after' && isChildOn(state, on),
        },
      });
    },
    /** A waiting referral withdrawn because the fact being recorded means it can no longer lead to a match. */
    withdrawReferral: (
      reason: Extract<ChildEvent, { type: 'ReferralWithdrawn' }>['data']['reason'],
    ): Decided<ChildEvent>[] =>
      state.referral
        ? [stamp({ type: 'ReferralWithdrawn', data: { referralId: state.referral.referralId, reason } })]
        : [],
  };
}

export type ChildContext = ReturnType<typeof childContext>;
