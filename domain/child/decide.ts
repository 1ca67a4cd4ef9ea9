import type { ChildEvent } from '../../events/contracts/child';
import { jurisdictionOfLa } from '../../events/contracts/common';
import { addYears, ageOn, calendarFor, londonDateOf } from '../calendar';
import { entryToMark } from '../corrections';
import { type Decided, type DecisionContext, DomainRuleBroken } from '../decider';
import { openObligation } from '../obligations';
import { decideObligationStage } from '../obligations/stages';
import type { Policy, PolicySource } from '../policy';
import { notBefore, whenOf } from '../recording';
import type { ChildCommand } from './commands';
import { type ChildState, isObjecting } from './state';

const conflict = (message: string, rule: string) => new DomainRuleBroken(message, 409, rule);
const invalid = (message: string, rule: string) => new DomainRuleBroken(message, 422, rule);

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
} as const;

/** The child's decisions, for one LA's policy. Matching is decided across two streams in matching.ts. */
export function decideChild(
  command: ChildCommand,
  state: ChildState,
  context: DecisionContext,
  policies: PolicySource,
): Decided<ChildEvent>[] {
  if (command.type === 'EnterCare') return enterCare(command, state, context, policies(command.la));
  if (state.status === 'not-recorded' || !state.la)
    throw conflict(MESSAGES.notRecorded, 'child-not-recorded');
  const policy = policies(state.la);

  if (
    command.type === 'RecordObligationReminder' ||
    command.type === 'RecordMissedDeadline' ||
    command.type === 'RecordEscalation'
  ) {
    const calendar = calendarFor(policy.jurisdiction);
    const open = openObligation(state, policy, calendar, context.now, command.obligationId);
    return decideObligationStage(command, state.stages, open, context);
  }

  const when = whenOf(command, context, policy);
  const stamp = <E extends ChildEvent>(event: E): Decided<E> =>
    when.occurredAt ? { ...event, occurredAt: when.occurredAt } : event;
  const lookedAfter = () => {
    if (state.status !== 'looked-after') throw conflict(MESSAGES.notLookedAfter, 'not-looked-after');
    notBefore(when.at, state.period?.startedAt, MESSAGES.beforeCare, 'before-entering-care');
  };
  const relationship = () => {
    const rel = state.relationship;
    if (!rel) throw conflict(MESSAGES.noIv, 'no-iv');
    notBefore(when.at, rel.matchedAt, 'That date is before the match was made.', 'before-match');
    return rel;
  };
  const ending = (reason: Extract<ChildEvent, { type: 'RelationshipEnded' }>['data']['reason']) => {
    const rel = state.relationship!;
    return stamp({
      type: 'RelationshipEnded' as const,
      data: {
        matchId: rel.matchId,
        volunteerId: rel.volunteerId,
        reason,
        whileLookedAfter: state.status === 'looked-after',
      },
    });
  };

  switch (command.type) {
    case 'ReEnterCare':
      if (state.status === 'looked-after')
        throw conflict(MESSAGES.alreadyLookedAfter, 'already-looked-after');
      notBefore(
        when.at,
        state.leftCare?.at,
        'That date is before the child left care.',
        'before-leaving-care',
      );
      return [stamp({ type: 'ChildReEnteredCare', data: placementOf(command) })];

    case 'ChangePlacement':
      lookedAfter();
      return [stamp({ type: 'ChildPlacementChanged', data: placementOf(command) })];

    case 'AllocateStaff': {
      notBefore(when.at, state.period?.startedAt, MESSAGES.beforeCare, 'before-entering-care');
      const current = command.role === 'iro' ? state.details?.iroRef : state.details?.socialWorkerRef;
      // Allocating the person already allocated changes nothing.
      if (current === command.staffId) return [];
      return [stamp({ type: 'StaffAllocated', data: { role: command.role, staffId: command.staffId } })];
    }

    case 'RecordReview':
      lookedAfter();
      if (!command.ivConsidered && command.outcome !== 'not-considered')
        throw invalid(
          'A review that did not consider an Independent Visitor has the outcome "not considered".',
          'review-outcome',
        );
      return [
        stamp({
          type: 'LookedAfterReviewHeld',
          data: { ivConsidered: command.ivConsidered, outcome: command.outcome },
        }),
      ];

    case 'RecordChildTold':
      lookedAfter();
      return [stamp({ type: 'ChildToldOfEntitlement', data: {} })];

    case 'OfferIndependentVisitor':
      lookedAfter();
      if (state.relationship) throw conflict(MESSAGES.alreadyHasIv, 'already-has-iv');
      return [stamp({ type: 'IndependentVisitorOffered', data: {} })];

    case 'RecordChildDecision':
      lookedAfter();
      if (!state.period?.offeredOn) throw conflict(MESSAGES.offerFirst, 'offer-first');
      return [
        stamp({
          type: 'ChildDecisionRecorded',
          data: {
            decision: command.decision,
            sufficientUnderstanding: command.sufficientUnderstanding,
            ...(command.childsWords ? { childsWords: command.childsWords } : {}),
          },
        }),
      ];

    case 'ReferToIvService':
      lookedAfter();
      if (state.relationship) throw conflict(MESSAGES.alreadyHasIv, 'already-has-iv');
      if (state.referral) throw conflict(MESSAGES.alreadyReferred, 'already-referred');
      if (isObjecting(state)) throw conflict(MESSAGES.objected, 'child-objected');
      if (state.decision?.decision === 'declined') throw conflict(MESSAGES.declined, 'child-declined');
      return [
        stamp({
          type: 'ReferredToIvService',
          data: {
            referralId: `referral-${state.referralsMade + 1}`,
            needs: command.needs,
            interests: command.interests,
            preferences: command.preferences,
            languages: command.languages ?? [],
            availability: command.availability ?? [],
            ...(command.visitorSex ? { visitorSex: command.visitorSex } : {}),
          },
        }),
      ];

    case 'WithdrawReferral':
      if (!state.referral) throw conflict('This child has no referral waiting for a match.', 'no-referral');
      notBefore(when.at, state.referral.referredAt, 'That date is before the referral.', 'before-referral');
      return [
        stamp({
          type: 'ReferralWithdrawn',
          data: { referralId: state.referral.referralId, reason: command.reason },
        }),
      ];

    case 'RecordVisit': {
      if (!state.relationship)
        throw conflict('Visits can only be recorded while the child has an Independent Visitor.', 'no-iv');
      const rel = relationship();
      if (command.outcome !== 'held' && command.durationMinutes !== undefined)
        throw invalid('Only a visit that was held has a duration.', 'visit-duration');
      return [
        stamp({
          type: 'VisitRecorded',
          data: {
            matchId: rel.matchId,
            outcome: command.outcome,
            mode: command.mode,
            ...(command.durationMinutes !== undefined ? { durationMinutes: command.durationMinutes } : {}),
          },
        }),
      ];
    }

    case 'RecordMatchReview': {
      const rel = relationship();
      return [stamp({ type: 'MatchReviewed', data: { matchId: rel.matchId, outcome: command.outcome } })];
    }

    case 'RecordIvResignation': {
      const rel = relationship();
      return [
        stamp({
          type: 'IndependentVisitorResigned',
          data: { matchId: rel.matchId, writtenNoticeOn: command.writtenNoticeOn },
        }),
        ending('iv-resigned'),
      ];
    }

    case 'TerminateAppointment': {
      const rel = relationship();
      return [
        stamp({
          type: 'AppointmentTerminatedByLa',
          data: { matchId: rel.matchId, writtenNoticeOn: command.writtenNoticeOn, reason: command.reason },
        }),
        ending('la-terminated'),
      ];
    }

    case 'RecordObjectionToContinuing': {
      const rel = relationship();
      if (!command.sufficientUnderstanding)
        throw invalid(
          "An objection ends the appointment only when the child has sufficient understanding to decide. Record the child's wishes, and end it by written notice if that is right.",
          'objection-needs-understanding',
        );
      return [
        stamp({
          type: 'ChildObjectedToContinuing',
          data: {
            matchId: rel.matchId,
            ...(command.childsWords ? { childsWords: command.childsWords } : {}),
          },
        }),
        ending('child-objected'),
      ];
    }

    case 'PlanForEighteenthBirthday': {
      lookedAfter();
      const rel = relationship();
      if (command.plan === 'continue-under-care-leaver-offer') checkCareLeaverOffer(policy, command.untilAge);
      else if (command.untilAge !== undefined)
        throw invalid('An appointment ending at 18 has no age to continue to.', 'until-age');
      return [
        stamp({
          type: 'EighteenthBirthdayPlanned',
          data: {
            matchId: rel.matchId,
            plan: command.plan,
            ...(command.untilAge !== undefined ? { untilAge: command.untilAge } : {}),
          },
        }),
      ];
    }

    case 'LeaveCare': {
      lookedAfter();
      const on = londonDateOf(when.at);
      const eighteen = state.details && ageOn(state.details.dateOfBirth, on) >= 18;
      if (command.reason === 'reached-18' && !eighteen)
        throw invalid(
          `The child is not yet 18 on ${on}; their 18th birthday is ${addYears(state.details!.dateOfBirth, 18)}.`,
          'not-yet-18',
        );
      const events: Decided<ChildEvent>[] = [];
      if (state.referral)
        events.push(
          stamp({
            type: 'ReferralWithdrawn',
            data: { referralId: state.referral.referralId, reason: 'left-care' },
          }),
        );
      events.push(stamp({ type: 'ChildLeftCare', data: { reason: command.reason } }));
      const rel = state.relationship;
      const continuing = command.continueUnderCareLeaverOffer;
      if (continuing) {
        if (!rel) throw invalid('This child has no Independent Visitor to continue.', 'no-iv');
        if (command.reason !== 'reached-18')
          throw invalid(
            'Only a young person leaving care at 18 can keep their Independent Visitor under the care-leaver offer.',
            'care-leaver-offer-at-18',
          );
        checkCareLeaverOffer(policy, continuing.untilAge);
        events.push(
          stamp({
            type: 'IvContinuedUnderCareLeaverOffer',
            data: { matchId: rel.matchId, untilAge: continuing.untilAge },
          }),
        );
      } else if (rel) {
        // s.23ZB(4)(a): the appointment ends when the child stops being looked after. Recorded as not "while
        // looked after": leaving care does not re-open the duty.
        events.push(
          stamp({
            type: 'RelationshipEnded',
            data: {
              matchId: rel.matchId,
              volunteerId: rel.volunteerId,
              reason: 'child-left-care',
              whileLookedAfter: false,
            },
          }),
        );
      }
      return events;
    }

    case 'EndCareLeaverRelationship': {
      if (state.status !== 'left-care' || state.relationship?.continuingUntilAge === undefined)
        throw conflict(
          'This young person has no Independent Visitor continuing under the care-leaver offer.',
          'no-care-leaver-iv',
        );
      relationship();
      return [ending('care-leaver-offer-ended')];
    }

    case 'CorrectChildDetails':
      if (command.correctsVersion > state.version)
        throw invalid('The record being corrected does not exist.', 'correction-target');
      return [
        stamp({
          type: 'ChildDetailsCorrected',
          data: {
            correctsVersion: command.correctsVersion,
            correctsType: command.correctsType,
            changes: command.changes,
          },
        }),
      ];

    case 'RecordEntryInError': {
      const entry = entryToMark(state.entries, command.correctsVersion);
      return [
        stamp({
          type: 'EntryRecordedInError',
          data: {
            correctsVersion: entry.version,
            correctsType: entry.type,
            explanation: command.explanation,
          },
        }),
      ];
    }
  }
}

const placementOf = (command: { placementInLaArea: boolean; placementArea?: string }) => ({
  placementInLaArea: command.placementInLaArea,
  ...(command.placementArea ? { placementArea: command.placementArea } : {}),
});

function enterCare(
  command: Extract<ChildCommand, { type: 'EnterCare' }>,
  state: ChildState,
  context: DecisionContext,
  policy: Policy,
): Decided<ChildEvent>[] {
  if (state.status !== 'not-recorded') throw conflict(MESSAGES.alreadyRecorded, 'already-recorded');
  const when = whenOf(command, context, policy);
  if (command.dateOfBirth > londonDateOf(when.at))
    throw invalid('The date of birth is after the date of entering care.', 'born-after-entering-care');
  if (ageOn(command.dateOfBirth, londonDateOf(when.at)) >= 18)
    throw invalid('A young person of 18 or over cannot become looked after.', 'too-old');
  const { type: _, occurredAt: __, ...data } = command;
  const event: Decided<ChildEvent> = {
    type: 'ChildEnteredCare',
    data: { ...data, jurisdiction: jurisdictionOfLa(command.la) },
  };
  return [when.occurredAt ? { ...event, occurredAt: when.occurredAt } : event];
}

function checkCareLeaverOffer(policy: Policy, untilAge: number | undefined): void {
  if (!policy.careLeaverOffer.available)
    throw invalid(
      "This local authority's care-leaver offer does not continue Independent Visitors.",
      'no-care-leaver-offer',
    );
  if (
    untilAge === undefined ||
    untilAge <= 18 ||
    untilAge > policy.careLeaverOffer.untilAgeWithAdditionalNeeds
  )
    throw invalid(
      `The care-leaver offer continues an Independent Visitor until an age from 19 to ${policy.careLeaverOffer.untilAgeWithAdditionalNeeds}.`,
      'until-age',
    );
}
