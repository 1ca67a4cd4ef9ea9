import type { ChildEvent } from '../../events/contracts/child';
import { jurisdictionOfLa } from '../../events/contracts/common';
import {
  ageOn,
  calendarFor,
  eighteenthBirthday,
  type LocalDate,
  londonDateOf,
  longDateOf,
} from '../calendar';
import { entryToMark } from '../corrections';
import type { Decided, DecisionContext } from '../decider';
import { openObligation } from '../obligations';
import { decideObligationStage } from '../obligations/stages';
import { decidePersonalData, ERASED_MESSAGE, isPersonalDataCommand } from '../personal-data';
import type { Policy, PolicySource } from '../policy';
import { notBefore, whenOf } from '../recording';
import { erasureSubjectOf } from '../retention';
import type { ChildCommand } from './commands';
import { decideConcern, isConcernCommand, isMatchSuspended, SUSPENDED_MESSAGE } from './concerns';
import { type ChildContext, childContext, conflict, invalid, MESSAGES } from './context';
import { decideImport } from './imported';
import { decideObjectionToContinuing, decideOnOffer, decideWithdrawal } from './objections';
import { type ChildState, isObjecting, type Relationship } from './state';

export { MESSAGES } from './context';

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
    return decideObligationStage(command, state.stages, open, context, state.details?.correspondenceLanguage);
  }
  if (isPersonalDataCommand(command))
    return decidePersonalData(command, state.personalData, erasureSubjectOf(state, policy), context);
  if (state.personalData.erased) throw conflict(ERASED_MESSAGE, 'erased');

  if (command.type === 'RecordImport') {
    if (context.actor.role === 'system')
      throw invalid('Only a person imports records.', 'import-by-a-person');
    return decideImport(command, state);
  }

  const when = whenOf(command, context, policy);
  const c = childContext(state, policy, when);
  const { stamp, lookedAfterChild } = c;

  if (isConcernCommand(command)) return decideConcern(command, c, context);

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
      if (state.details && ageOn(state.details.dateOfBirth, c.on) >= 18)
        throw invalid(MESSAGES.tooOld, 'too-old');
      return [stamp({ type: 'ChildReEnteredCare', data: placementOf(command) })];

    case 'ChangePlacement':
      lookedAfterChild();
      return [stamp({ type: 'ChildPlacementChanged', data: placementOf(command) })];

    case 'AllocateStaff': {
      notBefore(when.at, state.period?.startedAt, MESSAGES.beforeCare, 'before-entering-care');
      const current = command.role === 'iro' ? state.details?.iroRef : state.details?.socialWorkerRef;
      // Allocating the person already allocated changes nothing.
      if (current === command.staffId) return [];
      return [stamp({ type: 'StaffAllocated', data: { role: command.role, staffId: command.staffId } })];
    }

    case 'RecordReview':
      return decideReview(command, c);

    case 'RecordChildTold':
      lookedAfterChild();
      return [stamp({ type: 'ChildToldOfEntitlement', data: {} })];

    case 'OfferIndependentVisitor':
      lookedAfterChild();
      if (state.relationship) throw conflict(MESSAGES.alreadyHasIv, 'already-has-iv');
      return [stamp({ type: 'IndependentVisitorOffered', data: {} })];

    case 'RecordChildDecision':
      return decideOnOffer(command, c);

    case 'ReferToIvService':
      lookedAfterChild();
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

    case 'RecordVisit':
      return [decideVisit(command, c, context)];

    case 'RecordMatchReview': {
      const rel = c.relationship();
      const { childsView, visitorsView, carersView } = command;
      return [
        stamp({
          type: 'MatchReviewed',
          data: {
            matchId: rel.matchId,
            outcome: command.outcome,
            ...(childsView ? { childsView } : {}),
            ...(visitorsView ? { visitorsView } : {}),
            ...(carersView ? { carersView } : {}),
          },
        }),
      ];
    }

    case 'RecordIvResignation': {
      const rel = c.relationship();
      checkWrittenNotice(command.writtenNoticeOn, rel, c, context.now);
      return [
        stamp({
          type: 'IndependentVisitorResigned',
          data: { matchId: rel.matchId, writtenNoticeOn: command.writtenNoticeOn },
        }),
        c.ending('iv-resigned'),
      ];
    }

    case 'TerminateAppointment': {
      const rel = c.relationship();
      checkWrittenNotice(command.writtenNoticeOn, rel, c, context.now);
      return [
        stamp({
          type: 'AppointmentTerminatedByLa',
          data: { matchId: rel.matchId, writtenNoticeOn: command.writtenNoticeOn, reason: command.reason },
        }),
        c.ending('la-terminated'),
      ];
    }

    case 'RecordObjectionToContinuing':
      return decideObjectionToContinuing(command, c);

    case 'WithdrawObjection':
      return decideWithdrawal(command, c);

    case 'PlanForEighteenthBirthday': {
      lookedAfterChild();
      const rel = c.relationship();
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

    case 'LeaveCare':
      return decideLeavingCare(command, c);

    case 'EndCareLeaverRelationship': {
      if (state.status !== 'left-care' || state.relationship?.continuingUntilAge === undefined)
        throw conflict(
          'This young person has no Independent Visitor continuing under the care-leaver offer.',
          'no-care-leaver-iv',
        );
      c.relationship();
      return [c.ending('care-leaver-offer-ended')];
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

/**
 * A visit, recorded by staff or by the Independent Visitor themselves: an IV only for the child they are the visitor
 * of, now (the application finds only their own matches; this is the rule itself).
 */
function decideVisit(
  command: Extract<ChildCommand, { type: 'RecordVisit' }>,
  c: ChildContext,
  context: DecisionContext,
) {
  const rel = c.state.relationship;
  const byVisitor = context.actor.role === 'independent-visitor';
  if (byVisitor && (!command.visitorId || rel?.volunteerId !== command.visitorId))
    throw conflict(
      'You can only record visits with a child you are the Independent Visitor of.',
      'not-your-match',
    );
  if (!rel)
    throw conflict('Visits can only be recorded while the child has an Independent Visitor.', 'no-iv');
  if (isMatchSuspended(c.state)) throw conflict(SUSPENDED_MESSAGE, 'match-suspended');
  c.relationship();
  if (command.outcome !== 'held' && command.durationMinutes !== undefined)
    throw invalid('Only a visit that was held has a duration.', 'visit-duration');
  const { activities, howItWent, childsWords } = command;
  return c.stamp({
    type: 'VisitRecorded' as const,
    data: {
      matchId: rel.matchId,
      outcome: command.outcome,
      mode: command.mode,
      ...(command.durationMinutes !== undefined ? { durationMinutes: command.durationMinutes } : {}),
      ...(activities?.trim() ? { activities: activities.trim() } : {}),
      ...(howItWent ? { howItWent } : {}),
      ...(childsWords?.trim() ? { childsWords: childsWords.trim() } : {}),
    },
  });
}

/** Where the placement is, as far as the command says: an import may not know whether it is in area. */
const placementOf = (command: { placementInLaArea?: boolean; placementArea?: string }) => ({
  ...(command.placementInLaArea === undefined ? {} : { placementInLaArea: command.placementInLaArea }),
  ...(command.placementArea ? { placementArea: command.placementArea } : {}),
});

/**
 * A looked-after review and its answer to the IV question. It may decide that appointing an IV is not, for now, in
 * the child's interests (s.23ZB(1)(b)), with the reason: a waiting referral then goes, and the question returns at
 * the next review.
 */
function decideReview(command: Extract<ChildCommand, { type: 'RecordReview' }>, c: ChildContext) {
  c.lookedAfterChild();
  if ((command.ivConsidered === undefined) !== (command.outcome === undefined))
    throw invalid(
      'Say whether the Independent Visitor question was considered, and its outcome.',
      'review-outcome',
    );
  if (command.ivConsidered === false && command.outcome !== 'not-considered')
    throw invalid(
      'A review that did not consider an Independent Visitor has the outcome "not considered".',
      'review-outcome',
    );
  const reason = command.notInInterestsReason?.trim();
  const notInInterests = command.outcome === 'not-in-childs-interests-now';
  if (notInInterests && !reason)
    throw invalid(
      "Give the reason the review decided an Independent Visitor is not in the child's interests for now.",
      'not-in-interests-reason',
    );
  if (!notInInterests && reason)
    throw invalid(
      "A reason is given only when the review decided an Independent Visitor is not in the child's interests.",
      'not-in-interests-reason',
    );
  if (notInInterests && c.state.relationship)
    throw conflict(
      'This child has an Independent Visitor. If the appointment should end, end it by written notice.',
      'review-while-iv',
    );
  // A review known only from the case system: its date, and nothing about the IV question.
  if (command.outcome === undefined) return [c.stamp({ type: 'LookedAfterReviewHeld' as const, data: {} })];
  return [
    c.stamp({
      type: 'LookedAfterReviewHeld' as const,
      data: {
        ivConsidered: command.ivConsidered,
        outcome: command.outcome,
        ...(reason ? { notInInterestsReason: reason } : {}),
      },
    }),
    ...(notInInterests ? c.withdrawReferral('no-longer-appropriate') : []),
  ];
}

/**
 * s.23ZB(4)(b), (c): the written notice is dated like every other fact: not in the future, not after the ending it
 * gives, and not before the appointment began.
 */
function checkWrittenNotice(noticeOn: LocalDate, rel: Relationship, c: ChildContext, now: Date): void {
  if (noticeOn > londonDateOf(now))
    throw invalid(
      'The date of the written notice is in the future. Record the ending once the notice has been given.',
      'notice-in-future',
    );
  if (noticeOn > c.on)
    throw invalid(
      `The written notice is dated after the ending it gave (${longDateOf(c.on)}). Give the date the notice was given.`,
      'notice-after-ending',
    );
  if (noticeOn < rel.matchedOn)
    throw invalid(
      `The written notice is dated before the appointment began on ${longDateOf(rel.matchedOn)}.`,
      'notice-before-appointment',
    );
}

function decideLeavingCare(command: Extract<ChildCommand, { type: 'LeaveCare' }>, c: ChildContext) {
  const { state, stamp } = c;
  c.lookedAfter();
  if (command.reason === 'reached-18' && state.details && ageOn(state.details.dateOfBirth, c.on) < 18)
    throw invalid(
      `The child is not yet 18 on ${longDateOf(c.on)}; their 18th birthday is ` +
        `${longDateOf(eighteenthBirthday(state.details.dateOfBirth))}.`,
      'not-yet-18',
    );
  const events: Decided<ChildEvent>[] = [
    ...c.withdrawReferral('left-care'),
    stamp({ type: 'ChildLeftCare', data: { reason: command.reason } }),
  ];
  const rel = state.relationship;
  const continuing = command.continueUnderCareLeaverOffer;
  if (continuing) {
    if (!rel) throw invalid('This child has no Independent Visitor to continue.', 'no-iv');
    if (command.reason !== 'reached-18')
      throw invalid(
        'Only a young person leaving care at 18 can keep their Independent Visitor under the care-leaver offer.',
        'care-leaver-offer-at-18',
      );
    checkCareLeaverOffer(c.policy, continuing.untilAge);
    events.push(
      stamp({
        type: 'IvContinuedUnderCareLeaverOffer',
        data: { matchId: rel.matchId, untilAge: continuing.untilAge },
      }),
    );
  } else if (rel) {
    // s.23ZB(4)(a): the appointment ends when the child stops being looked after. Recorded as not "while looked
    // after": leaving care does not re-open the duty.
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
  if (ageOn(command.dateOfBirth, londonDateOf(when.at)) >= 18) throw invalid(MESSAGES.tooOld, 'too-old');
  const { type: _, occurredAt: __, ...data } = command;
  const event: Decided<ChildEvent> = {
    type: 'ChildEnteredCare',
    data: { ...data, jurisdiction: jurisdictionOfLa(command.la) },
  };
  return [when.occurredAt ? { ...event, occurredAt: when.occurredAt } : event];
}

/** Whether the placement is in the LA's area, left out when the source did not say. */
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
