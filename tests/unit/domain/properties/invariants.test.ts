import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChildCommand, type ChildState, childDecider, isObjecting } from '../../../../domain/child';
import { DomainRuleBroken, fold } from '../../../../domain/decider';
import { decideMatch } from '../../../../domain/matching';
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
  fc.constant<ChildCommand>({ type: 'OfferIndependentVisitor' }),
  fc.constant<ChildCommand>({ type: 'RecordChildTold' }),
  fc.record({
    type: fc.constant('RecordChildDecision' as const),
    decision: fc.constantFrom('accepted' as const, 'declined' as const, 'objected' as const),
    sufficientUnderstanding: fc.boolean(),
  }),
  fc.constant<ChildCommand>({ type: 'ReferToIvService', needs: [], interests: ['music'], preferences: [] }),
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
const endingCommand: fc.Arbitrary<ChildCommand> = fc.oneof(
  fc.constant<ChildCommand>({ type: 'RecordIvResignation', writtenNoticeOn: '2026-01-01' }),
  fc.constant<ChildCommand>({ type: 'TerminateAppointment', writtenNoticeOn: '2026-01-01', reason: 'other' }),
  fc.record({
    type: fc.constant('RecordObjectionToContinuing' as const),
    sufficientUnderstanding: fc.boolean(),
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
const journey = fc.array(fc.tuple(step, fc.integer({ min: 1, max: 30 })), { minLength: 1, maxLength: 40 });

const refusedOnly = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof DomainRuleBroken)) throw error;
  }
};

function checkChildInvariants(state: ChildState): void {
  if (state.relationship) {
    expect(state.referral).toBeUndefined();
    if (state.status !== 'looked-after') expect(state.relationship.continuingUntilAge).toBeDefined();
  }
  if (state.status !== 'looked-after') expect(state.referral).toBeUndefined();
}

describe('any sequence of accepted commands', () => {
  let matchesMade = 0;
  it("keeps the child's and the volunteer's invariants, writes valid events, and replays to the same state", () => {
    fc.assert(
      fc.property(journey, (steps) => {
        const child = new History<ChildCommand, ChildEvent, ChildState>(childDecider);
        const volunteer = new History<VolunteerCommand, VolunteerEvent, VolunteerState>(volunteerDecider);
        child.record(enterCare({ dateOfBirth: '2016-06-01' }), '2026-01-05T10:00:00.000Z');
        for (const s of approvedVolunteerSteps()) volunteer.record(s, '2026-01-02T10:00:00.000Z');
        let t = Date.parse('2026-01-05T10:00:00.000Z');

        for (const [s, days] of steps) {
          t += days * 86_400_000;
          const now = new Date(t).toISOString();
          const before = child.state;
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
              child.apply(c, now);
              volunteer.apply(v, now);
              matchesMade++;
            } else {
              const [c, v] = decideWithVisitor(s.command, child.state, context(now));
              child.apply(c, now);
              volunteer.apply(v, now);
            }
          });
          const added = child.facts.slice(fold(childDecider, []).version);
          for (const { event } of added)
            if (event.type === 'VisitRecorded') expect(event.data.matchId).toBeTruthy();
          if (s.kind === 'child' && s.command.type === 'RecordVisit' && child.state !== before)
            expect(before.relationship).toBeDefined();
          checkChildInvariants(child.state);
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
  });
});
