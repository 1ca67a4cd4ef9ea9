import { describe, expect, it } from 'vitest';
import { type ChildCommand, type ChildState, childDecider, makeChildDecider } from '../../../../domain/child';
import { ENGLAND_DEFAULT_POLICY } from '../../../../domain/policy';
import { catalog } from '../../../../events/contracts';
import type { ChildEvent } from '../../../../events/contracts/child';
import { specFor } from '../../../support/decider-spec';
import { enterCare, History, LA, WELSH_LA } from '../../../support/domain';

const ENTERED = '2026-01-05T10:00:00.000Z';
const child = () => new History<ChildCommand, ChildEvent, ChildState>(childDecider);
const inCare = () => {
  const h = child();
  h.record(enterCare(), ENTERED);
  return h;
};
/** A child who was offered, accepted and referred, and then matched with volunteer-7 (as matching.ts records it). */
const matched = (matchedAt = '2026-02-02T10:00:00.000Z') => {
  const h = inCare();
  h.record({ type: 'OfferIndependentVisitor' }, '2026-01-12T10:00:00.000Z');
  h.record(
    { type: 'RecordChildDecision', decision: 'accepted', sufficientUnderstanding: true },
    '2026-01-13T10:00:00.000Z',
  );
  h.record(
    { type: 'ReferToIvService', needs: [], interests: ['football'], preferences: [] },
    '2026-01-14T10:00:00.000Z',
  );
  h.apply(
    [
      {
        type: 'VisitorMatched',
        data: { matchId: 'match-1', referralId: 'referral-1', volunteerId: 'volunteer-7' },
      },
    ],
    matchedAt,
  );
  return h;
};
const given = specFor(childDecider);

describe('entering care', () => {
  it('records the child with the jurisdiction of their LA, valid against the event contract', () => {
    const h = child();
    const [event] = h.record(enterCare(), ENTERED);
    expect(event).toMatchObject({ type: 'ChildEnteredCare', data: { la: LA, jurisdiction: 'england' } });
    expect(() =>
      catalog.parseForWrite(event!.type, catalog.currentVersion(event!.type), event!.data),
    ).not.toThrow();
    expect(h.state).toMatchObject({
      status: 'looked-after',
      streamId: 'child#child-1',
      period: { number: 1, startedOn: '2026-01-05' },
    });
  });

  it('takes Wales from a Welsh LA code', () => {
    const [event] = child().decide(enterCare({ la: WELSH_LA }), ENTERED);
    expect(event!.data).toMatchObject({ jurisdiction: 'wales' });
  });

  it('refuses a second entry into care with 409', () => {
    expect(given(inCare()).when(enterCare(), ENTERED).thenRefused().status).toBe(409);
  });

  it('refuses a child who is 18 or over', () => {
    given(child())
      .when(enterCare({ dateOfBirth: '2007-01-01' }), ENTERED)
      .thenRefused('too-old');
  });

  it('refuses any other command before the child is recorded', () => {
    expect(given(child()).when({ type: 'OfferIndependentVisitor' }, ENTERED).thenRefused()).toMatchObject({
      status: 409,
      message: 'There is no record of this child entering care.',
    });
  });
});

describe('backdating and future dates', () => {
  it('given a past date without a reason, refuses it with 422', () => {
    const r = given(child())
      .when(enterCare({ occurredAt: '2025-12-19T09:00:00.000Z' }), ENTERED)
      .thenRefused();
    expect(r).toMatchObject({ status: 422, rule: 'backdating-needs-reason' });
  });

  it('given a past date with a reason, records it as when it happened', () => {
    const [event] = child().decide(enterCare({ occurredAt: '2025-12-19T09:00:00.000Z' }), ENTERED, {
      reason: 'paper record entered late',
    });
    expect(event!.occurredAt).toBe('2025-12-19T09:00:00.000Z');
  });

  it('refuses a date beyond the future tolerance, and accepts one within it', () => {
    given(child())
      .when(enterCare({ occurredAt: '2026-01-05T10:06:00.000Z' }), ENTERED)
      .thenRefused('future-date');
    expect(child().decide(enterCare({ occurredAt: '2026-01-05T10:04:00.000Z' }), ENTERED)).toHaveLength(1);
  });

  it('refuses a review dated before the child entered care', () => {
    const r = given(inCare())
      .when(
        {
          type: 'RecordReview',
          ivConsidered: true,
          outcome: 'iv-to-be-offered',
          occurredAt: '2026-01-01T10:00:00.000Z',
        },
        '2026-02-01T10:00:00.000Z',
        { reason: 'late entry' },
      )
      .thenRefused();
    expect(r.rule).toBe('before-entering-care');
  });
});

describe('the offer, the decision and the referral', () => {
  it("records the child told, the offer and the decision with the child's own words", () => {
    const h = inCare();
    h.record({ type: 'RecordChildTold' }, '2026-01-06T10:00:00.000Z');
    h.record({ type: 'OfferIndependentVisitor' }, '2026-01-06T10:00:00.000Z');
    const [decision] = h.record(
      {
        type: 'RecordChildDecision',
        decision: 'accepted',
        sufficientUnderstanding: true,
        childsWords: 'yes please',
      },
      '2026-01-07T10:00:00.000Z',
    );
    expect(decision!.data).toEqual({
      decision: 'accepted',
      sufficientUnderstanding: true,
      childsWords: 'yes please',
    });
    expect(h.state.period).toMatchObject({
      toldOn: '2026-01-06',
      offeredOn: '2026-01-06',
      decisionOn: '2026-01-07',
    });
  });

  it('refuses a decision before any offer', () => {
    given(inCare())
      .when({ type: 'RecordChildDecision', decision: 'declined', sufficientUnderstanding: true }, ENTERED)
      .thenRefused('offer-first');
  });

  it('numbers referrals and refuses a second while one is waiting', () => {
    const h = inCare();
    const [referral] = h.record(
      { type: 'ReferToIvService', needs: ['bsl'], interests: [], preferences: [] },
      ENTERED,
    );
    expect(referral!.data).toMatchObject({ referralId: 'referral-1' });
    expect(
      given(h)
        .when({ type: 'ReferToIvService', needs: [], interests: [], preferences: [] }, ENTERED)
        .thenRefused(),
    ).toMatchObject({
      status: 409,
      message: 'This child has already been referred and is waiting for a match.',
    });
    h.record({ type: 'WithdrawReferral', reason: 'no-longer-appropriate' }, ENTERED);
    expect(h.state.referral).toBeUndefined();
    expect(
      h.decide({ type: 'ReferToIvService', needs: [], interests: [], preferences: [] }, ENTERED)[0]!.data,
    ).toMatchObject({
      referralId: 'referral-2',
    });
  });

  it('refuses to refer a child who objected with sufficient understanding, but not one without it', () => {
    const h = inCare();
    h.record({ type: 'OfferIndependentVisitor' }, ENTERED);
    h.record({ type: 'RecordChildDecision', decision: 'objected', sufficientUnderstanding: false }, ENTERED);
    expect(
      h.decide({ type: 'ReferToIvService', needs: [], interests: [], preferences: [] }, ENTERED),
    ).toHaveLength(1);
    h.record({ type: 'RecordChildDecision', decision: 'objected', sufficientUnderstanding: true }, ENTERED);
    given(h)
      .when({ type: 'ReferToIvService', needs: [], interests: [], preferences: [] }, ENTERED)
      .thenRefused('child-objected');
  });

  it('refuses to refer a child who declined until a new decision is recorded', () => {
    const h = inCare();
    h.record({ type: 'OfferIndependentVisitor' }, ENTERED);
    h.record({ type: 'RecordChildDecision', decision: 'declined', sufficientUnderstanding: true }, ENTERED);
    given(h)
      .when({ type: 'ReferToIvService', needs: [], interests: [], preferences: [] }, ENTERED)
      .thenRefused('child-declined');
  });

  it('refuses an offer to a child who already has an IV', () => {
    expect(
      given(matched()).when({ type: 'OfferIndependentVisitor' }, '2026-03-01T10:00:00.000Z').thenRefused(),
    ).toMatchObject({
      status: 409,
      message: 'This child already has an Independent Visitor.',
    });
  });
});

describe('reviews and placements', () => {
  it('records a review with the IV question considered', () => {
    const h = inCare();
    h.record(
      { type: 'RecordReview', ivConsidered: true, outcome: 'iv-to-be-offered' },
      '2026-01-30T10:00:00.000Z',
    );
    expect(h.state.period!.reviews).toEqual([
      { heldOn: '2026-01-30', ivConsidered: true, outcome: 'iv-to-be-offered' },
    ]);
    expect(h.state.lastConsideredOn).toBe('2026-01-30');
  });

  it('refuses an outcome other than "not considered" when the question was not considered', () => {
    given(inCare())
      .when({ type: 'RecordReview', ivConsidered: false, outcome: 'iv-in-place' }, ENTERED)
      .thenRefused('review-outcome');
  });

  it('records a placement move out of the LA area', () => {
    const h = inCare();
    h.record({ type: 'ChangePlacement', placementInLaArea: true }, ENTERED);
    expect(h.state.placementInLaArea).toBe(true);
  });
});

describe('visits and match reviews', () => {
  it('records visits held, cancelled and missed within the relationship', () => {
    const h = matched();
    h.record(
      { type: 'RecordVisit', outcome: 'held', mode: 'in-person', durationMinutes: 90 },
      '2026-02-20T16:00:00.000Z',
    );
    h.record({ type: 'RecordVisit', outcome: 'cancelled', mode: 'remote' }, '2026-03-20T16:00:00.000Z');
    expect(h.state.relationship).toMatchObject({ visitsHeld: 1, lastVisitHeldOn: '2026-02-20' });
  });

  it('refuses a visit when the child has no IV (visits only within an active relationship)', () => {
    expect(
      given(inCare())
        .when({ type: 'RecordVisit', outcome: 'held', mode: 'in-person' }, ENTERED)
        .thenRefused(),
    ).toMatchObject({
      status: 409,
      message: 'Visits can only be recorded while the child has an Independent Visitor.',
    });
  });

  it('refuses a visit dated before the match, and a duration on a visit not held', () => {
    const h = matched();
    given(h)
      .when(
        { type: 'RecordVisit', outcome: 'held', mode: 'in-person', occurredAt: '2026-01-20T10:00:00.000Z' },
        '2026-03-01T10:00:00.000Z',
        {
          reason: 'late',
        },
      )
      .thenRefused('before-match');
    given(h)
      .when(
        { type: 'RecordVisit', outcome: 'missed', mode: 'in-person', durationMinutes: 5 },
        '2026-03-01T10:00:00.000Z',
      )
      .thenRefused('visit-duration');
  });

  it('records a match review', () => {
    const h = matched();
    h.record({ type: 'RecordMatchReview', outcome: 'continuing' }, '2026-08-01T10:00:00.000Z');
    expect(h.state.relationship).toMatchObject({ matchReviews: 1, lastMatchReviewOn: '2026-08-01' });
  });

  it('records the views of the child, the visitor and the carer given at a match review', () => {
    const [event] = matched().record(
      {
        type: 'RecordMatchReview',
        outcome: 'continuing',
        childsView: { going: 'did-not-want-to-say' },
        visitorsView: { going: 'well', words: 'We have found things we both enjoy.' },
        carersView: { going: 'really-well' },
      },
      '2026-08-01T10:00:00.000Z',
    );
    expect(event!.data).toEqual({
      matchId: 'match-1',
      outcome: 'continuing',
      childsView: { going: 'did-not-want-to-say' },
      visitorsView: { going: 'well', words: 'We have found things we both enjoy.' },
      carersView: { going: 'really-well' },
    });
    expect(catalog.parseForWrite(event!.type, 2, event!.data)).toEqual(event!.data);
    // The carer's words are about someone other than the child: sealed with the record, withheld from their copy.
    expect(catalog.personalFields('MatchReviewed', 2)).toEqual([
      { path: ['childsView', 'words'], category: 'free-text' },
      { path: ['visitorsView', 'words'], category: 'free-text' },
      { path: ['carersView', 'words'], category: 'free-text', thirdParty: true },
    ]);
  });
});

describe('endings', () => {
  const NOW = '2026-06-01T10:00:00.000Z';

  it('the IV resigning by written notice ends the relationship while the child is looked after', () => {
    const h = matched();
    const events = h.record({ type: 'RecordIvResignation', writtenNoticeOn: '2026-05-28' }, NOW);
    expect(events.map((e) => e.type)).toEqual(['IndependentVisitorResigned', 'RelationshipEnded']);
    expect(events[1]!.data).toEqual({
      matchId: 'match-1',
      volunteerId: 'volunteer-7',
      reason: 'iv-resigned',
      whileLookedAfter: true,
    });
    expect(h.state.relationship).toBeUndefined();
    expect(h.state.lastEnding).toEqual({ matchId: 'match-1', endedOn: '2026-06-01', whileLookedAfter: true });
  });

  it('the LA terminating by written notice ends it', () => {
    const events = matched().decide(
      { type: 'TerminateAppointment', writtenNoticeOn: '2026-05-28', reason: 'not-working' },
      NOW,
    );
    expect(events.map((e) => e.type)).toEqual(['AppointmentTerminatedByLa', 'RelationshipEnded']);
  });

  it('the child objecting to having anyone, with sufficient understanding, ends it and bars a new referral', () => {
    const h = matched();
    h.record(
      { type: 'RecordObjectionToContinuing', sufficientUnderstanding: true, objectionTo: 'any-visitor' },
      NOW,
    );
    expect(h.types().slice(-2)).toEqual(['ChildObjectedToContinuing', 'RelationshipEnded']);
    given(h)
      .when({ type: 'ReferToIvService', needs: [], interests: [], preferences: [] }, NOW)
      .thenRefused('child-objected');
  });

  it('records the objection of a child without sufficient understanding as wishes; the appointment continues', () => {
    const h = matched();
    h.record({ type: 'RecordObjectionToContinuing', sufficientUnderstanding: false }, NOW);
    expect(h.types().at(-1)).toBe('ChildWishesAndFeelingsRecorded');
    expect(h.state.relationship).toMatchObject({ matchId: 'match-1' });
  });

  it('refuses an ending when there is no relationship', () => {
    expect(
      given(inCare()).when({ type: 'RecordIvResignation', writtenNoticeOn: '2026-05-28' }, NOW).thenRefused()
        .status,
    ).toBe(409);
  });
});

describe('leaving care', () => {
  const EIGHTEEN = '2034-03-14T10:00:00.000Z';
  const matchedTeen = () => matched();

  it('ends the appointment when the child leaves care, and withdraws a waiting referral', () => {
    const h = matchedTeen();
    const events = h.record({ type: 'LeaveCare', reason: 'returned-home' }, '2026-06-01T10:00:00.000Z');
    expect(events.map((e) => e.type)).toEqual(['ChildLeftCare', 'RelationshipEnded']);
    expect(events[1]!.data).toMatchObject({ reason: 'child-left-care', whileLookedAfter: false });
    expect(h.state.status).toBe('left-care');

    const referred = inCare();
    referred.record({ type: 'ReferToIvService', needs: [], interests: [], preferences: [] }, ENTERED);
    expect(referred.decide({ type: 'LeaveCare', reason: 'adopted' }, ENTERED).map((e) => e.type)).toEqual([
      'ReferralWithdrawn',
      'ChildLeftCare',
    ]);
  });

  it('continues the appointment under the care-leaver offer at 18, until the age given', () => {
    const h = matchedTeen();
    const events = h.record(
      { type: 'LeaveCare', reason: 'reached-18', continueUnderCareLeaverOffer: { untilAge: 21 } },
      EIGHTEEN,
    );
    expect(events.map((e) => e.type)).toEqual(['ChildLeftCare', 'IvContinuedUnderCareLeaverOffer']);
    expect(h.state.relationship).toMatchObject({ continuingUntilAge: 21 });
    h.record(
      { type: 'RecordVisit', outcome: 'held', mode: 'remote', durationMinutes: 45 },
      '2034-04-14T10:00:00.000Z',
    );
    expect(
      h.record({ type: 'EndCareLeaverRelationship' }, '2037-03-14T10:00:00.000Z')[0]!.data,
    ).toMatchObject({
      reason: 'care-leaver-offer-ended',
      whileLookedAfter: false,
    });
  });

  it('refuses "reached 18" before the 18th birthday, and the care-leaver offer when the LA has none', () => {
    given(matchedTeen())
      .when({ type: 'LeaveCare', reason: 'reached-18' }, '2034-03-13T10:00:00.000Z')
      .thenRefused('not-yet-18');
    const noOffer = new History<ChildCommand, ChildEvent, ChildState>(
      makeChildDecider(() => ({
        ...ENGLAND_DEFAULT_POLICY,
        careLeaverOffer: { ...ENGLAND_DEFAULT_POLICY.careLeaverOffer, available: false },
      })),
    );
    noOffer.record(enterCare(), ENTERED);
    noOffer.apply(
      [{ type: 'VisitorMatched', data: { matchId: 'match-1', referralId: 'r', volunteerId: 'v' } }],
      ENTERED,
    );
    given(noOffer)
      .when(
        { type: 'LeaveCare', reason: 'reached-18', continueUnderCareLeaverOffer: { untilAge: 21 } },
        EIGHTEEN,
      )
      .thenRefused('no-care-leaver-offer');
  });

  it('refuses an age beyond the LA offer', () => {
    given(matchedTeen())
      .when(
        { type: 'LeaveCare', reason: 'reached-18', continueUnderCareLeaverOffer: { untilAge: 30 } },
        EIGHTEEN,
      )
      .thenRefused('until-age');
  });

  it('starts a new period on re-entering care, and refuses re-entry while looked after', () => {
    const h = inCare();
    h.record({ type: 'LeaveCare', reason: 'returned-home' }, '2026-03-01T10:00:00.000Z');
    given(h)
      .when({ type: 'OfferIndependentVisitor' }, '2026-03-02T10:00:00.000Z')
      .thenRefused('not-looked-after');
    h.record({ type: 'ReEnterCare', placementInLaArea: true }, '2026-09-01T10:00:00.000Z');
    expect(h.state.period).toMatchObject({ number: 2, startedOn: '2026-09-01', reviews: [] });
    expect(
      given(h)
        .when({ type: 'ReEnterCare', placementInLaArea: true }, '2026-09-02T10:00:00.000Z')
        .thenRefused().status,
    ).toBe(409);
  });

  it('plans the 18th birthday and refuses an age for an ending at 18', () => {
    const h = matchedTeen();
    h.record(
      { type: 'PlanForEighteenthBirthday', plan: 'continue-under-care-leaver-offer', untilAge: 25 },
      '2026-06-01T10:00:00.000Z',
    );
    expect(h.state.relationship!.plannedAt18).toBe('continue-under-care-leaver-offer');
    given(h)
      .when(
        { type: 'PlanForEighteenthBirthday', plan: 'end-at-18', untilAge: 21 },
        '2026-06-01T10:00:00.000Z',
      )
      .thenRefused('until-age');
  });
});

describe('corrections', () => {
  it('records a correction naming the event it corrects, and the state shows the corrected detail', () => {
    const h = inCare();
    h.record(
      {
        type: 'CorrectChildDetails',
        correctsVersion: 1,
        correctsType: 'ChildEnteredCare',
        changes: { ethnicity: 'MWBA' },
      },
      ENTERED,
    );
    expect(h.facts[0]!.event.data).toMatchObject({ ethnicity: 'MWBC' }); // never edited
    expect(h.state.details!.ethnicity).toBe('MWBA');
    given(h)
      .when(
        { type: 'CorrectChildDetails', correctsVersion: 9, correctsType: 'X', changes: { sex: 'male' } },
        ENTERED,
      )
      .thenRefused('correction-target');
  });
});
