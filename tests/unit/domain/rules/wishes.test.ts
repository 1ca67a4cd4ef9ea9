import { describe, expect, it } from 'vitest';
import { type ChildCommand, childDecider, isObjecting } from '../../../../domain/child';
import { fold } from '../../../../domain/decider';
import { decideMatch } from '../../../../domain/matching';
import { catalog } from '../../../../events/contracts';
import type { ChildEvent } from '../../../../events/contracts/child';
import { specFor } from '../../../support/decider-spec';
import { context } from '../../../support/domain';
import { approvedVolunteer, at, JURISDICTIONS, matched, offered } from './journeys';

/*
 * A child the LA is not satisfied has sufficient understanding to make an informed decision does not decide
 * (s.23ZB(6), (7); Wales s.98(6), (7)): what they say is recorded as their wishes and feelings, never as a decision
 * on the offer. Wishes are weighed in the child's interests; they neither bar an appointment nor end one.
 */
const spec = specFor(childDecider);
const SAID = at('2026-01-20');
const REFER: ChildCommand = { type: 'ReferToIvService', needs: [], interests: [], preferences: [] };

describe.each(JURISDICTIONS)(
  'the wishes of a child without sufficient understanding, in $country',
  ({ la }) => {
    it.each([
      ['accepted', 'wants-a-visitor'],
      ['declined', 'does-not-want-a-visitor'],
      ['objected', 'does-not-want-a-visitor'],
    ] as const)(
      'given an offer, when the child %s, then their wishes are recorded, not a decision',
      (decision, wishes) => {
        spec(offered(la))
          .when(
            { type: 'RecordChildDecision', decision, sufficientUnderstanding: false, childsWords: 'maybe' },
            SAID,
          )
          .then([{ type: 'ChildWishesAndFeelingsRecorded', data: { wishes, childsWords: 'maybe' } }]);
      },
    );

    it('given wishes against an IV, then they do not bar a referral or an appointment', () => {
      const h = offered(la);
      h.record({ type: 'RecordChildDecision', decision: 'objected', sufficientUnderstanding: false }, SAID);
      expect(h.state.decision).toBeUndefined();
      expect(isObjecting(h.state)).toBe(false);
      h.record(REFER, at('2026-01-21'));
      const [childEvents] = decideMatch(
        { type: 'MatchVisitor' },
        h.state,
        approvedVolunteer(la).state,
        context(at('2026-01-22')),
      );
      expect(childEvents.map((e) => e.type)).toEqual(['VisitorMatched']);
    });

    it('given an IV in place, when the child says they want it to stop, then the wishes are recorded and the IV continues', () => {
      const h = matched(la);
      h.record(
        { type: 'RecordObjectionToContinuing', sufficientUnderstanding: false, objectionTo: 'any-visitor' },
        at('2026-03-01'),
      );
      expect(h.facts.at(-1)!.event).toEqual({
        type: 'ChildWishesAndFeelingsRecorded',
        data: { wishes: 'does-not-want-a-visitor', matchId: 'match-1' },
      });
      expect(isObjecting(h.state)).toBe(false);
      spec(h)
        .when({ type: 'RecordVisit', outcome: 'held', mode: 'in-person' }, at('2026-03-02'))
        .then([{ type: 'VisitRecorded' }]);
    });

    it('given a decision recorded without sufficient understanding before wishes had their own event, then it is read as wishes', () => {
      // As stored at schema version 1: a "declined" that once barred the referral.
      const stored = { decision: 'declined', sufficientUnderstanding: false };
      const { data } = catalog.upcast('ChildDecisionRecorded', 1, stored);
      const h = offered(la);
      const state = fold(childDecider, [
        ...h.facts,
        {
          event: { type: 'ChildDecisionRecorded', data } as ChildEvent,
          meta: { ...h.facts.at(-1)!.meta, version: h.facts.length + 1 },
        },
      ]);
      expect(state.decision).toBeUndefined();
      spec(state)
        .when(REFER, SAID)
        .then([{ type: 'ReferredToIvService' }]);
    });
  },
);
