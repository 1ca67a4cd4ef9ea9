import { describe, expect, it } from 'vitest';
import { childDecider } from '../../../../domain/child';
import { decideMatch } from '../../../../domain/matching';
import { specFor } from '../../../support/decider-spec';
import { context, systemActor } from '../../../support/domain';
import { approvedVolunteer, at, inCare, JURISDICTIONS, kindsOn, matched, openOn, referred } from './journeys';

/*
 * A person of 18 is no longer a child (Children Act 1989 s.105(1); Wales: SSWBA 2014 s.3). The duties owed to a
 * looked-after child close at the 18th birthday even when nobody has recorded leaving care; a duty to record it
 * takes their place; the care-leaver offer, where the LA has one, carries the IV on.
 */
const BORN = '2008-03-10';
const BIRTHDAY = at('2026-03-10');
const DAY_BEFORE = at('2026-03-09');
const spec = specFor(childDecider);

describe.each(JURISDICTIONS)('at 18, in $country', ({ la }) => {
  it('given a child in care, when an IV is offered on their 18th birthday, then it is refused: they are not looked after', () => {
    const refusal = spec(inCare(la, BORN))
      .when({ type: 'OfferIndependentVisitor' }, BIRTHDAY)
      .thenRefused('turned-18', 409);
    expect(refusal.message).toBe(
      'This young person turned 18 on 10 March 2026, so they are no longer looked after. Record that they left care.',
    );
    spec(inCare(la, BORN))
      .when({ type: 'OfferIndependentVisitor' }, DAY_BEFORE)
      .then([{ type: 'IndependentVisitorOffered' }]);
  });

  it('given a child in care who has turned 18, when a review, a referral or a plan for 18 is recorded, then each is refused', () => {
    spec(inCare(la, BORN))
      .when({ type: 'RecordReview', ivConsidered: true, outcome: 'iv-to-be-offered' }, BIRTHDAY)
      .thenRefused('turned-18');
    spec(inCare(la, BORN))
      .when({ type: 'ReferToIvService', needs: [], interests: [], preferences: [] }, BIRTHDAY)
      .thenRefused('turned-18');
    spec(matched(la, BORN))
      .when({ type: 'PlanForEighteenthBirthday', plan: 'end-at-18' }, BIRTHDAY)
      .thenRefused('turned-18');
  });

  it('given a review held at 17, when it is recorded late after the 18th birthday, then it is recorded as when it happened', () => {
    spec(inCare(la, BORN))
      .when(
        {
          type: 'RecordReview',
          ivConsidered: true,
          outcome: 'iv-to-be-offered',
          occurredAt: at('2026-02-02'),
        },
        at('2026-03-12'),
        { reason: 'paper record from the review' },
      )
      .then([{ type: 'LookedAfterReviewHeld', occurredAt: at('2026-02-02') }]);
  });

  it('given a referred child, when they turn 18, then no match can be made', () => {
    const volunteer = approvedVolunteer(la);
    expect(() =>
      decideMatch({ type: 'MatchVisitor' }, referred(la, BORN).state, volunteer.state, context(BIRTHDAY)),
    ).toThrow(/18/);
  });

  it('given a child who left care, when they re-enter care at 18, then it is refused', () => {
    const h = inCare(la, BORN);
    h.record({ type: 'LeaveCare', reason: 'returned-home' }, at('2026-02-01'));
    spec(h).when({ type: 'ReEnterCare', placementInLaArea: true }, BIRTHDAY).thenRefused('too-old', 422);
  });

  it('closes the offer, review and referral duties at the 18th birthday, and asks for leaving care to be recorded', () => {
    const child = inCare(la, BORN);
    expect(kindsOn(child, DAY_BEFORE)).toEqual(['offer-iv-by-first-review', 'record-leaving-care']);
    expect(kindsOn(child, BIRTHDAY)).toEqual(['record-leaving-care']);
    const waiting = referred(la, BORN);
    waiting.record(
      { type: 'RecordReview', ivConsidered: true, outcome: 'referral-in-progress' },
      at('2026-01-30'),
    );
    expect(kindsOn(waiting, DAY_BEFORE)).toEqual(['referral-waiting-too-long', 'record-leaving-care']);
    expect(openOn(waiting, BIRTHDAY).map((o) => [o.kind, o.dueOn])).toEqual([
      // Five working days after the birthday: Tuesday 10 March 2026 to Tuesday 17 March.
      ['record-leaving-care', '2026-03-17'],
    ]);
  });

  it('opens the duty to record leaving care a year (two review intervals) before the 18th birthday', () => {
    const child = inCare(la, '2009-06-15');
    expect(kindsOn(child, at('2026-06-14'))).not.toContain('record-leaving-care');
    expect(openOn(child, at('2026-06-15')).find((o) => o.kind === 'record-leaving-care')).toMatchObject({
      // Five working days after Tuesday 15 June 2027.
      dueOn: '2027-06-22',
    });
    expect(kindsOn(inCare(la), at('2026-06-15'))).not.toContain('record-leaving-care');
  });

  it('given the offer duty was open at 17, when its reminder workflow wakes after the birthday, then nothing is chased', () => {
    const child = inCare(la, BORN);
    const [offer] = openOn(child, at('2026-01-06'));
    spec(child)
      .when({ type: 'RecordMissedDeadline', obligationId: offer!.id }, BIRTHDAY, { actor: systemActor })
      .thenNothing();
  });

  it('given a young person of 18 whose leaving care is unrecorded, when it is recorded, then the duty to record it closes', () => {
    const h = inCare(la, BORN);
    h.record({ type: 'LeaveCare', reason: 'reached-18' }, at('2026-03-12'));
    expect(kindsOn(h, at('2026-03-13'))).toEqual([]);
  });

  it('keeps the IV visits expected after 18 when the plan continues it under the care-leaver offer, until leaving care is recorded', () => {
    const continuing = matched(la, BORN);
    continuing.record(
      { type: 'PlanForEighteenthBirthday', plan: 'continue-under-care-leaver-offer', untilAge: 21 },
      at('2026-02-10'),
    );
    expect(kindsOn(continuing, at('2026-03-11'))).toEqual([
      'visit-overdue',
      'match-review-due',
      'record-leaving-care',
    ]);
    const ending = matched(la, BORN);
    ending.record({ type: 'PlanForEighteenthBirthday', plan: 'end-at-18' }, at('2026-02-10'));
    expect(kindsOn(ending, at('2026-03-11'))).toEqual(['record-leaving-care']);
  });

  it('given an IV still recorded after the 18th birthday, when the IV resigns, then the ending does not re-open a duty owed to a child', () => {
    const h = matched(la, BORN);
    const [, ended] = spec(h)
      .when({ type: 'RecordIvResignation', writtenNoticeOn: '2026-03-11' }, at('2026-03-11'))
      .then([{ type: 'IndependentVisitorResigned' }, { type: 'RelationshipEnded' }]);
    expect(ended!.data).toMatchObject({ whileLookedAfter: false });
  });
});
