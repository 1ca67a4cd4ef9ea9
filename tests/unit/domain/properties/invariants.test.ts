import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, calendarFor, londonDateOf } from '../../../../domain/calendar';
import { type ChildCommand, type ChildState, childDecider, isObjecting } from '../../../../domain/child';
import { DomainRuleBroken, fold } from '../../../../domain/decider';
import { decideMatch } from '../../../../domain/matching';
import { obligationsOf } from '../../../../domain/obligations';
import { ENGLAND_DEFAULT_POLICY } from '../../../../domain/policy';
import { decideWithVisitor } from '../../../../domain/relationship';
import { type VolunteerCommand, type VolunteerState, volunteerDecider } from '../../../../domain/volunteer';
import { catalog } from '../../../../events/contracts';
import type { ChildEvent } from '../../../../events/contracts/child';
import type { VolunteerEvent } from '../../../../events/contracts/volunteer';
import { approvedVolunteerSteps, context, enterCare, History } from '../../../support/domain';

/*
 * Any sequence of commands, each accepted or refused by the deciders, leaves the stream in a state that keeps every
 * invariant, writes only events that meet their contracts, and replays to the same state.
 */

type Step =
  | { kind: 'child'; command: ChildCommand }
  | { kind: 'match' }
  | { kind: 'end'; command: ChildCommand };

const childCommand: fc.Arbitrary<ChildCommand> = fc.oneof(
  // The way to a match is the common path, so it is weighted to be walked often among the many other commands.
  { weight: 2, arbitrary: fc.constant<ChildCommand>({ type: 'OfferIndependentVisitor' }) },
  {
    weight: 2,
    arbitrary: fc.constant<ChildCommand>({
      type: 'RecordChildDecision',
      decision: 'accepted',
      sufficientUnderstanding: true,
    }),
  },
  fc.constant<ChildCommand>({ type: 'RecordChildTold' }),
  fc.record({
    type: fc.constant('RecordChildDecision' as const),
    decision: fc.constantFrom('accepted' as const, 'declined' as const, 'objected' as const),
    sufficientUnderstanding: fc.boolean(),
  }),
  {
    weight: 2,
    arbitrary: fc.constantFrom<ChildCommand>(
      { type: 'RecordChildDecision', decision: 'objected', sufficientUnderstanding: true },
      {
        type: 'RecordChildDecision',
        decision: 'objected',
        sufficientUnderstanding: true,
        objectionTo: 'proposed-visitor',
        proposedVolunteerId: 'volunteer-7',
      },
    ),
  },
  { weight: 3, arbitrary: fc.constant<ChildCommand>({ type: 'WithdrawObjection' }) },
  fc.constant<ChildCommand>({ type: 'WithdrawObjection', volunteerId: 'volunteer-7' }),
  fc.constant<ChildCommand>({
    type: 'RecordReview',
    ivConsidered: true,
    outcome: 'not-in-childs-interests-now',
    notInInterestsReason: 'a reason',
  }),
  {
    weight: 3,
    arbitrary: fc.constant<ChildCommand>({
      type: 'ReferToIvService',
      needs: [],
      interests: ['music'],
      preferences: [],
    }),
  },
  fc.constant<ChildCommand>({ type: 'WithdrawReferral', reason: 'other' }),
  fc.record({
    type: fc.constant('RecordReview' as const),
    ivConsidered: fc.boolean(),
    outcome: fc.constant('not-considered' as const),
  }),
  fc.record({
    type: fc.constant('RecordVisit' as const),
    outcome: fc.constantFrom('held' as const, 'cancelled' as const, 'missed' as const),
    mode: fc.constantFrom('in-person' as const, 'remote' as const),
  }),
  fc.constant<ChildCommand>({ type: 'RecordMatchReview', outcome: 'continuing' }),
  fc.constant<ChildCommand>({ type: 'PlanForEighteenthBirthday', plan: 'end-at-18' }),
  fc.constant<ChildCommand>({ type: 'ChangePlacement', placementInLaArea: true }),
  fc.constant<ChildCommand>({ type: 'ReEnterCare', placementInLaArea: false }),
);
/** Stands for the London date of the step, the day the ending is recorded: the notice is dated that day. */
const NOTICE_TODAY = 'today';
const endingCommand: fc.Arbitrary<ChildCommand> = fc.oneof(
  fc.constant<ChildCommand>({ type: 'RecordIvResignation', writtenNoticeOn: NOTICE_TODAY }),
  fc.constant<ChildCommand>({ type: 'TerminateAppointment', writtenNoticeOn: NOTICE_TODAY, reason: 'other' }),
  fc.record({
    type: fc.constant('RecordObjectionToContinuing' as const),
    sufficientUnderstanding: fc.boolean(),
    objectionTo: fc.constantFrom('this-visitor' as const, 'any-visitor' as const),
  }),
  fc.constant<ChildCommand>({ type: 'LeaveCare', reason: 'returned-home' }),
  fc.constant<ChildCommand>({
    type: 'LeaveCare',
    reason: 'reached-18',
    continueUnderCareLeaverOffer: { untilAge: 21 },
  }),
  fc.constant<ChildCommand>({ type: 'EndCareLeaverRelationship' }),
);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: childCommand.map((command) => ({ kind: 'child' as const, command })) },
  { weight: 3, arbitrary: fc.constant({ kind: 'match' as const }) },
  { weight: 2, arbitrary: endingCommand.map((command) => ({ kind: 'end' as const, command })) },
);
const journey = fc.array(fc.tuple(step, fc.integer({ min: 1, max: 30 })), {
  minLength: 1,
  maxLength: 40,
  // Long journeys reach the states that take many steps: an objection, then its withdrawal; an IV at 18.
  size: 'max',
});
/** Ten years old throughout, or 17 on entering care and 18 on 10 September 2026, part way through the journey. */
const dateOfBirth = fc.constantFrom('2016-06-01', '2008-09-10');

const refusedOnly = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof DomainRuleBroken)) throw error;
  }
};

const LOOKED_AFTER_CHILD_DUTIES = [
  'offer-iv-by-first-review',
  'reconsider-at-review',
  'reconsider-after-ending',
  'reconsider-after-withdrawal',
  'referral-waiting-too-long',
  'plan-before-18',
];

function checkChildInvariants(state: ChildState, now: string): void {
  if (state.relationship) {
    expect(state.referral).toBeUndefined();
    if (state.status !== 'looked-after') expect(state.relationship.continuingUntilAge).toBeDefined();
    // s.23ZB(7): never an IV in place with the child objecting to it, or to having anyone.
    expect(isObjecting(state)).toBe(false);
    expect(state.objectedVolunteers).not.toContain(state.relationship.volunteerId);
  }
  if (state.status !== 'looked-after' || isObjecting(state)) expect(state.referral).toBeUndefined();

  const kinds = obligationsOf(state, ENGLAND_DEFAULT_POLICY, calendarFor('england'), new Date(now)).map(
    (o) => o.kind,
  );
  // s.23ZB(8): no duty to propose an IV is chased while the child objects to having anyone.
  if (isObjecting(state))
    for (const kind of ['reconsider-at-review', 'reconsider-after-ending', 'reconsider-after-withdrawal'])
      expect(kinds).not.toContain(kind);
  // At 18 the duties of a looked-after child close; from 17 one asks for leaving care to be recorded at 18.
  const age = ageOn(state.details!.dateOfBirth, londonDateOf(now));
  if (age >= 18) for (const kind of LOOKED_AFTER_CHILD_DUTIES) expect(kinds).not.toContain(kind);
  expect(kinds.includes('record-leaving-care')).toBe(state.status === 'looked-after' && age >= 17);
}

describe('any sequence of accepted commands', () => {
  let matchesMade = 0;
  const reached = new Set<string>();
  it("keeps the child's and the volunteer's invariants, writes valid events, and replays to the same state", () => {
    fc.assert(
      fc.property(journey, dateOfBirth, (steps, born) => {
        const child = new History<ChildCommand, ChildEvent, ChildState>(childDecider);
        const volunteer = new History<VolunteerCommand, VolunteerEvent, VolunteerState>(volunteerDecider);
        child.record(enterCare({ dateOfBirth: born }), '2026-01-05T10:00:00.000Z');
        for (const s of approvedVolunteerSteps()) volunteer.record(s, '2026-01-02T10:00:00.000Z');
        let t = Date.parse('2026-01-05T10:00:00.000Z');

        for (const [s, days] of steps) {
          t += days * 86_400_000;
          const now = new Date(t).toISOString();
          const before = child.state;
          const recorded = child.facts.length;
          refusedOnly(() => {
            if (s.kind === 'child') child.record(s.command, now);
            else if (s.kind === 'match') {
              const [c, v] = decideMatch(
                { type: 'MatchVisitor' },
                child.state,
                volunteer.state,
                context(now),
              );
              // The invariants of a match, checked against the state it was decided on.
              expect(before.status).toBe('looked-after');
              expect(before.referral).toBeDefined();
              expect(before.relationship).toBeUndefined();
              expect(isObjecting(before)).toBe(false);
              expect(ageOn(born, londonDateOf(now))).toBeLessThan(18);
              expect(before.objectedVolunteers).not.toContain('volunteer-7');
              child.apply(c, now);
              volunteer.apply(v, now);
              matchesMade++;
            } else {
              const command =
                'writtenNoticeOn' in s.command && s.command.writtenNoticeOn === NOTICE_TODAY
                  ? { ...s.command, writtenNoticeOn: londonDateOf(now) }
                  : s.command;
              const [c, v] = decideWithVisitor(command, child.state, context(now));
              child.apply(c, now);
              volunteer.apply(v, now);
            }
          });
          const added = child.facts.slice(recorded).map((f) => f.event);
          for (const event of added) {
            if (event.type === 'VisitRecorded') expect(event.data.matchId).toBeTruthy();
            // Only a child with sufficient understanding decides; anything else is their wishes.
            if (event.type === 'ChildDecisionRecorded') expect(event.data.sufficientUnderstanding).toBe(true);
          }
          // Wishes never end an appointment.
          if (added.some((e) => e.type === 'ChildWishesAndFeelingsRecorded'))
            expect(added.map((e) => e.type)).not.toContain('RelationshipEnded');
          if (s.kind === 'child' && s.command.type === 'RecordVisit' && child.state !== before)
            expect(before.relationship).toBeDefined();
          checkChildInvariants(child.state, now);
          if (isObjecting(child.state)) reached.add('objecting to anyone');
          if (child.state.relationship && ageOn(born, londonDateOf(now)) >= 18) reached.add('an IV at 18');
          for (const event of added) reached.add(event.type);
          expect(volunteer.state.activeMatches.length).toBeLessThanOrEqual(volunteer.state.capacity);
          expect(volunteer.state.activeMatches.length).toBe(child.state.relationship ? 1 : 0);
        }

        for (const { event } of [...child.facts, ...volunteer.facts])
          expect(() =>
            catalog.parseForWrite(event.type, catalog.currentVersion(event.type), event.data),
          ).not.toThrow();
        expect(fold(childDecider, child.facts)).toEqual(child.state);
        expect(fold(volunteerDecider, volunteer.facts)).toEqual(volunteer.state);
      }),
      { numRuns: 300 },
    );
    // The generator must reach the interesting states, or the property proves little.
    expect(matchesMade).toBeGreaterThan(15);
    for (const state of [
      'objecting to anyone',
      'an IV at 18',
      'ObjectionWithdrawn',
      'ChildWishesAndFeelingsRecorded',
      'ChildObjectedToContinuing',
      'IndependentVisitorResigned',
    ])
      expect(reached).toContain(state);
  });
});
