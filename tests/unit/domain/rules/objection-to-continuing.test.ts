import { describe, expect, it } from 'vitest';
import { childDecider, isObjecting } from '../../../../domain/child';
import { decideMatch } from '../../../../domain/matching';
import { decideWithVisitor } from '../../../../domain/relationship';
import { refusalOf, specFor } from '../../../support/decider-spec';
import { context } from '../../../support/domain';
import { approvedVolunteer, at, JURISDICTIONS, kindsOn, matched } from './journeys';

/*
 * s.23ZB(7) (Wales: s.98(7)): where the child objects to the appointment continuing and the LA is satisfied they have
 * sufficient understanding, the appointment must be terminated. Recording such an objection ends it, or is refused
 * with a sentence pointing to the action that does: the IV is never left active with the child marked as objecting.
 */
const NOW = at('2026-06-01');
const spec = specFor(childDecider);

describe.each(JURISDICTIONS)('an objection to the appointment continuing, in $country', ({ la }) => {
  it('given an IV in place, when the child objects with sufficient understanding, then the appointment ends while they are looked after', () => {
    const [objection, ended] = spec(matched(la))
      .when(
        { type: 'RecordObjectionToContinuing', sufficientUnderstanding: true, childsWords: 'no more' },
        NOW,
      )
      .then([{ type: 'ChildObjectedToContinuing' }, { type: 'RelationshipEnded' }]);
    expect(objection!.data).toEqual({
      matchId: 'match-1',
      objectionTo: 'this-visitor',
      childsWords: 'no more',
    });
    expect(ended!.data).toEqual({
      matchId: 'match-1',
      volunteerId: 'volunteer-7',
      reason: 'child-objected',
      whileLookedAfter: true,
    });
  });

  it('frees the volunteer in the same decision, so the two streams agree', () => {
    const h = matched(la);
    const [, volunteerEvents] = decideWithVisitor(
      { type: 'RecordObjectionToContinuing', sufficientUnderstanding: true },
      h.state,
      context(NOW),
    );
    expect(volunteerEvents).toEqual([
      {
        type: 'VolunteerMatchEnded',
        data: { matchId: 'match-1', childId: 'child-1', reason: 'child-objected' },
      },
    ]);
  });

  it('given an objection to this visitor only, then another IV is still to be considered, and only that volunteer is barred', () => {
    const h = matched(la);
    h.record({ type: 'RecordObjectionToContinuing', sufficientUnderstanding: true }, NOW);
    expect(h.state.relationship).toBeUndefined();
    expect(isObjecting(h.state)).toBe(false);
    expect(kindsOn(h, at('2026-06-02'))).toContain('reconsider-after-ending');
    h.record({ type: 'ReferToIvService', needs: [], interests: [], preferences: [] }, at('2026-06-03'));
    const same = approvedVolunteer(la, 'volunteer-7');
    const other = approvedVolunteer(la, 'volunteer-8');
    const refused = refusalOf(() =>
      decideMatch({ type: 'MatchVisitor' }, h.state, same.state, context(at('2026-06-04'))),
    );
    expect(refused.rule).toBe('child-objected-to-visitor');
    expect(refused.message).toMatch(/record the withdrawal/);
    const [childEvents] = decideMatch(
      { type: 'MatchVisitor' },
      h.state,
      other.state,
      context(at('2026-06-04')),
    );
    expect(childEvents.map((e) => e.type)).toEqual(['VisitorMatched']);
  });

  it('given an IV in place, when a decision objecting to an IV is recorded, then it is refused, pointing to the objection to continuing', () => {
    const refusal = spec(matched(la))
      .when({ type: 'RecordChildDecision', decision: 'objected', sufficientUnderstanding: true }, NOW)
      .thenRefused('decision-while-iv', 409);
    expect(refusal.message).toMatch(/record the child's objection to continuing: that ends the appointment/);
  });

  it('given a child without sufficient understanding, when their objection is recorded, then it is their wishes and the IV stays', () => {
    const h = matched(la);
    spec(h)
      .when({ type: 'RecordObjectionToContinuing', sufficientUnderstanding: false }, NOW)
      .then([
        {
          type: 'ChildWishesAndFeelingsRecorded',
          data: { wishes: 'does-not-want-this-visitor', matchId: 'match-1' },
        },
      ]);
  });
});
