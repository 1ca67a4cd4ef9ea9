import { describe, expect, it } from 'vitest';
import { type ChildCommand, type ChildState, childDecider } from '../../../domain/child';
import { decideMatch, type MatchVisitor } from '../../../domain/matching';
import { decideWithVisitor, visitorStreamFor } from '../../../domain/relationship';
import { type VolunteerCommand, type VolunteerState, volunteerDecider } from '../../../domain/volunteer';
import type { ChildEvent } from '../../../events/contracts/child';
import type { VolunteerEvent } from '../../../events/contracts/volunteer';
import { refusalOf } from '../../support/decider-spec';
import { approvedVolunteerSteps, context, enterCare, History, WELSH_LA } from '../../support/domain';

const T = '2026-02-02T10:00:00.000Z';
const match: MatchVisitor = { type: 'MatchVisitor' };

const referredChild = () => {
  const h = new History<ChildCommand, ChildEvent, ChildState>(childDecider);
  h.record(enterCare(), '2026-01-05T10:00:00.000Z');
  h.record({ type: 'OfferIndependentVisitor' }, '2026-01-06T10:00:00.000Z');
  h.record(
    { type: 'RecordChildDecision', decision: 'accepted', sufficientUnderstanding: true },
    '2026-01-07T10:00:00.000Z',
  );
  h.record(
    { type: 'ReferToIvService', needs: [], interests: ['art'], preferences: [] },
    '2026-01-08T10:00:00.000Z',
  );
  return h;
};
const volunteer = (steps: readonly VolunteerCommand[] = approvedVolunteerSteps()) => {
  const h = new History<VolunteerCommand, VolunteerEvent, VolunteerState>(volunteerDecider);
  for (const step of steps) h.record(step, '2026-01-02T10:00:00.000Z');
  return h;
};
/** Two streams at once: the shared refusal check stands in for a single decider's given/when/then. */
const refused = (child: ChildState, vol: VolunteerState, now = T) =>
  refusalOf(() => decideMatch(match, child, vol, context(now)));

describe('matching a referred child with an approved volunteer', () => {
  it('writes VisitorMatched to the child and VolunteerMatchedWithChild to the volunteer, with one match id', () => {
    const [childEvents, volunteerEvents] = decideMatch(
      match,
      referredChild().state,
      volunteer().state,
      context(T),
    );
    expect(childEvents).toEqual([
      {
        type: 'VisitorMatched',
        data: { matchId: 'match-1', referralId: 'referral-1', volunteerId: 'volunteer-7' },
      },
    ]);
    expect(volunteerEvents).toEqual([
      { type: 'VolunteerMatchedWithChild', data: { matchId: 'match-1', childId: 'child-1' } },
    ]);
  });
});

describe('no match for a child who…', () => {
  it('is not looked after', () => {
    const c = referredChild();
    c.record({ type: 'LeaveCare', reason: 'returned-home' }, '2026-01-20T10:00:00.000Z');
    expect(refused(c.state, volunteer().state)).toMatchObject({ rule: 'not-looked-after', status: 409 });
  });

  it('has not been referred', () => {
    const c = referredChild();
    c.record({ type: 'WithdrawReferral', reason: 'other' }, '2026-01-20T10:00:00.000Z');
    expect(refused(c.state, volunteer().state)).toMatchObject({
      rule: 'not-referred',
      message: 'This child has not been referred to the Independent Visitor service.',
    });
  });

  it('has objected with sufficient understanding', () => {
    const c = referredChild();
    c.record(
      { type: 'RecordChildDecision', decision: 'objected', sufficientUnderstanding: true },
      '2026-01-20T10:00:00.000Z',
    );
    expect(refused(c.state, volunteer().state).rule).toBe('child-objected');
  });

  it('already has an IV', () => {
    const c = referredChild();
    const v = volunteer();
    const [childEvents] = decideMatch(match, c.state, v.state, context(T));
    c.apply(childEvents, T);
    expect(refused(c.state, volunteer(approvedVolunteerSteps('volunteer-8')).state)).toMatchObject({
      rule: 'already-has-iv',
      message: 'This child already has an Independent Visitor.',
    });
  });
});

describe('no match with a volunteer who…', () => {
  const steps = approvedVolunteerSteps();
  it('is not approved', () => {
    expect(refused(referredChild().state, volunteer(steps.slice(0, 6)).state).rule).toBe(
      'volunteer-not-approved',
    );
  });

  it('has no DBS check valid under policy (expired)', () => {
    // Certificate issued 2025-11-03, re-check every 36 months: no longer valid on 2028-11-04.
    const c = referredChild();
    expect(refused(c.state, volunteer().state, '2028-11-04T10:00:00.000Z').rule).toBe(
      'volunteer-no-valid-dbs',
    );
  });

  it('has no DBS check valid under policy (new information from the Update Service)', () => {
    const v = volunteer();
    v.record(
      {
        type: 'RenewDbsCheck',
        level: 'enhanced',
        certificateNumber: '005555555555',
        issuedOn: '2026-01-02',
        updateServiceSubscribed: true,
      },
      '2026-01-03T10:00:00.000Z',
    );
    v.record({ type: 'RecordUpdateServiceCheck', result: 'new-information' }, '2026-01-04T10:00:00.000Z');
    expect(refused(referredChild().state, v.state).rule).toBe('volunteer-no-valid-dbs');
  });

  it('has not declared independence', () => {
    // Approved under a state built without the declaration is impossible by command; fold one directly.
    const v = volunteer();
    const undeclared = { ...v.state, independenceDeclared: false, independence: undefined };
    expect(refused(referredChild().state, undeclared).rule).toBe('volunteer-not-independent');
  });

  it('is at capacity', () => {
    const v = volunteer();
    v.apply([{ type: 'VolunteerMatchedWithChild', data: { matchId: 'match-1', childId: 'child-9' } }], T);
    expect(refused(referredChild().state, v.state)).toMatchObject({
      rule: 'volunteer-at-capacity',
      message: 'This volunteer already visits as many children as agreed (1).',
    });
  });

  it('is paused, suspended, withdrawn or registered with another LA', () => {
    const paused = volunteer();
    paused.record({ type: 'Pause', reason: 'work' }, T);
    expect(refused(referredChild().state, paused.state).rule).toBe('volunteer-paused');
    const suspended = volunteer();
    suspended.record({ type: 'Suspend', reason: 'safeguarding-concern' }, T);
    expect(refused(referredChild().state, suspended.state).rule).toBe('volunteer-suspended');
    const withdrawn = volunteer();
    withdrawn.record({ type: 'Withdraw', reason: 'own-choice' }, T);
    expect(refused(referredChild().state, withdrawn.state).rule).toBe('volunteer-withdrawn');
    const welsh = volunteer(approvedVolunteerSteps('volunteer-9', WELSH_LA));
    expect(refused(referredChild().state, welsh.state).rule).toBe('other-la');
  });
});

describe('ending a relationship across both streams', () => {
  const matchedPair = () => {
    const c = referredChild();
    const v = volunteer();
    const [childEvents, volunteerEvents] = decideMatch(match, c.state, v.state, context(T));
    c.apply(childEvents, T);
    v.apply(volunteerEvents, T);
    return { c, v };
  };

  it("frees the volunteer's capacity when the IV resigns, and names the volunteer stream to write", () => {
    const { c, v } = matchedPair();
    const resign: ChildCommand = { type: 'RecordIvResignation', writtenNoticeOn: '2026-05-01' };
    expect(visitorStreamFor(resign, c.state)).toBe('volunteer#volunteer-7');
    expect(visitorStreamFor({ type: 'RecordMatchReview', outcome: 'continuing' }, c.state)).toBeUndefined();
    const [childEvents, volunteerEvents] = decideWithVisitor(
      resign,
      c.state,
      context('2026-05-02T10:00:00.000Z'),
    );
    expect(childEvents.map((e) => e.type)).toEqual(['IndependentVisitorResigned', 'RelationshipEnded']);
    expect(volunteerEvents).toEqual([
      {
        type: 'VolunteerMatchEnded',
        data: { matchId: 'match-1', childId: 'child-1', reason: 'iv-resigned' },
      },
    ]);
    v.apply(volunteerEvents, '2026-05-02T10:00:00.000Z');
    expect(v.state.activeMatches).toEqual([]);
  });

  it('ends the appointment when the child leaves care, unless the care-leaver offer continues it', () => {
    const { c } = matchedPair();
    const [, ended] = decideWithVisitor(
      { type: 'LeaveCare', reason: 'adopted' },
      c.state,
      context('2026-05-02T10:00:00.000Z'),
    );
    expect(ended.map((e) => e.type === 'VolunteerMatchEnded' && e.data.reason)).toEqual(['child-left-care']);
    const [childEvents, continuing] = decideWithVisitor(
      { type: 'LeaveCare', reason: 'reached-18', continueUnderCareLeaverOffer: { untilAge: 21 } },
      c.state,
      context('2034-03-20T10:00:00.000Z'),
    );
    expect(childEvents.map((e) => e.type)).toEqual(['ChildLeftCare', 'IvContinuedUnderCareLeaverOffer']);
    expect(continuing).toEqual([]);
  });
});
