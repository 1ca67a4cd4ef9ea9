import { describe, expect, it } from 'vitest';
import { childDecider } from '../../../../domain/child';
import { specFor } from '../../../support/decider-spec';
import { systemActor } from '../../../support/domain';
import { at, inCare, JURISDICTIONS, kindsOn, matched, openOn, referred } from './journeys';

/*
 * s.23ZB(1)(b) (Wales: s.98(1)(b)): the LA must appoint an IV where it appears to be in the child's interests. A
 * review may decide that, for now, it is not, with the reason. Chasing then stops until the next review, where the
 * question returns.
 */
const spec = specFor(childDecider);
const REVIEWED = at('2026-01-30');
const notInInterests = (notInInterestsReason?: string) =>
  ({
    type: 'RecordReview',
    ivConsidered: true,
    outcome: 'not-in-childs-interests-now',
    ...(notInInterestsReason !== undefined ? { notInInterestsReason } : {}),
  }) as const;
const REASON = 'Settling into a new placement after a move; to be asked again at the next review.';

describe.each(JURISDICTIONS)("not in the child's interests for now, in $country", ({ la }) => {
  it('given a review, when it decides an IV is not in the child’s interests without a reason, then it is refused', () => {
    spec(inCare(la)).when(notInInterests(), REVIEWED).thenRefused('not-in-interests-reason', 422);
    spec(inCare(la)).when(notInInterests('   '), REVIEWED).thenRefused('not-in-interests-reason', 422);
  });

  it('given a reason, then the review records it, and a reason with any other outcome is refused', () => {
    spec(inCare(la))
      .when(notInInterests(REASON), REVIEWED)
      .then([
        {
          type: 'LookedAfterReviewHeld',
          data: { ivConsidered: true, outcome: 'not-in-childs-interests-now', notInInterestsReason: REASON },
        },
      ]);
    spec(inCare(la))
      .when(
        {
          type: 'RecordReview',
          ivConsidered: true,
          outcome: 'iv-to-be-offered',
          notInInterestsReason: REASON,
        },
        REVIEWED,
      )
      .thenRefused('not-in-interests-reason', 422);
  });

  it('given the duty to offer an IV is open, when the review decides it is not in the child’s interests, then chasing stops until the next review', () => {
    const h = inCare(la);
    const [offer] = openOn(h, at('2026-01-06'));
    expect(offer!.kind).toBe('offer-iv-by-first-review');
    h.record(notInInterests(REASON), REVIEWED);
    spec(h)
      .when({ type: 'RecordMissedDeadline', obligationId: offer!.id }, at('2026-02-10'), {
        actor: systemActor,
      })
      .thenNothing();
    expect(openOn(h, at('2026-02-10')).map((o) => [o.kind, o.dueOn])).toEqual([
      // The question returns at the second review, not more than 3 months after the first.
      ['reconsider-at-review', '2026-04-30'],
    ]);
  });

  it('given a referral waiting, when the review decides an IV is not in the child’s interests, then the referral is withdrawn', () => {
    const h = referred(la);
    spec(h)
      .when(notInInterests(REASON), REVIEWED)
      .then([
        { type: 'LookedAfterReviewHeld' },
        { type: 'ReferralWithdrawn', data: { referralId: 'referral-1', reason: 'no-longer-appropriate' } },
      ]);
  });

  it('given an IV in place, when the review decides an IV is not in the child’s interests, then it is refused, pointing to the ending', () => {
    const refusal = spec(matched(la))
      .when(notInInterests(REASON), at('2026-03-01'))
      .thenRefused('review-while-iv', 409);
    expect(refusal.message).toMatch(/end it by written notice/);
  });

  it('given an IV relationship ended while in care, when a review decides it is not in the child’s interests, then the duty after the ending is met', () => {
    const h = matched(la);
    h.record({ type: 'RecordIvResignation', writtenNoticeOn: '2026-03-01' }, at('2026-03-02'));
    expect(kindsOn(h, at('2026-03-03'))).toContain('reconsider-after-ending');
    h.record(notInInterests(REASON), at('2026-03-10'));
    expect(kindsOn(h, at('2026-03-11'))).not.toContain('reconsider-after-ending');
  });
});
