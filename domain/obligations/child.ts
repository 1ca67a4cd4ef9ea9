import {
  addDays,
  addMonths,
  addYears,
  ageOn,
  eighteenthBirthday,
  londonDateOf,
  type WorkingDayCalendar,
} from '../calendar';
import { concernDuties } from '../child/concerns';
import type { ChildState } from '../child/state';
import type { Policy } from '../policy';
import { obligation } from './make';
import type { Obligation } from './obligation';

/**
 * The duties the LA owes one child right now. Each is open until the fact that meets it is on the stream, and
 * its id names the occasion (the period of care, the review number, the match), so recomputing gives the same id.
 */
export function childObligations(
  state: ChildState,
  policy: Policy,
  calendar: WorkingDayCalendar,
  now: Date,
): Obligation[] {
  const { streamId, la, period, relationship: rel, details } = state;
  if (state.status === 'not-recorded' || !streamId || !la || !period) return [];
  const make = (kind: Obligation['kind'], occasion: string, dueOn: string, summary: string) =>
    obligation(
      { kind, id: `${streamId}:${kind}:${occasion}`, streamId, la, dueOn, summary },
      policy,
      calendar,
    );
  const out: Obligation[] = [];
  const today = londonDateOf(now);
  const lookedAfter = state.status === 'looked-after';
  const eighteen = details && eighteenthBirthday(details.dateOfBirth);
  // A person of 18 is no longer a child: the duties owed to a looked-after child close at the 18th birthday, even
  // before anyone records that they left care.
  const child = lookedAfter && (!eighteen || today < eighteen);
  // s.23ZB(8): while the child objects to having anyone as their IV, the duty to propose one is suspended.
  const proposing = child && !rel && !state.referral && !state.objection;
  const consideredSince = (on: string) =>
    state.lastConsideredOn !== undefined && state.lastConsideredOn >= on;
  const withdrawal = state.lastWithdrawal;

  // The product's own rule: every child in care is offered an IV, by the first review, unless a review decides
  // that for now it is not in their interests (s.23ZB(1)(b)).
  if (
    child &&
    !rel &&
    !period.offeredOn &&
    !period.decisionOn &&
    !period.referredOn &&
    !period.reviews.some((r) => r.outcome === 'not-in-childs-interests-now')
  )
    out.push(
      make(
        'offer-iv-by-first-review',
        period.startedOn,
        calendar.addWorkingDays(period.startedOn, policy.reviews.firstWithinWorkingDays),
        'Offer an Independent Visitor before the first looked-after review.',
      ),
    );

  // The IV question returns at every later review while the child has no IV and no referral in progress.
  if (proposing && period.reviews.length > 0) {
    const reviews = period.reviews;
    const dueOfReview = (n: number) =>
      addMonths(
        reviews[n - 2]!.heldOn,
        n === 2 ? policy.reviews.secondWithinMonths : policy.reviews.laterEveryMonths,
      );
    const last = reviews.at(-1)!;
    // A withdrawal after that review already asks for the question to be considered (below).
    const askedSince =
      consideredSince(last.heldOn) || (withdrawal !== undefined && withdrawal.on >= last.heldOn);
    // A review known only from the case system (ivConsidered absent) is not on record as having skipped it.
    if (reviews.length >= 2 && last.ivConsidered === false && !askedSince)
      out.push(
        make(
          'reconsider-at-review',
          `${period.startedOn}:${reviews.length}`,
          dueOfReview(reviews.length),
          `Review ${reviews.length} did not consider an Independent Visitor: consider it now.`,
        ),
      );
    const next = reviews.length + 1;
    out.push(
      make(
        'reconsider-at-review',
        `${period.startedOn}:${next}`,
        dueOfReview(next),
        `Consider an Independent Visitor at looked-after review ${next}.`,
      ),
    );
  }

  // s.23ZB(5): an ending while the child is still in care does not remove the duty to consider a new IV. A later
  // withdrawal of an objection to having anyone asks the same question, below.
  const ending = state.lastEnding;
  if (
    proposing &&
    ending?.whileLookedAfter &&
    !consideredSince(ending.endedOn) &&
    !(withdrawal && withdrawal.on >= ending.endedOn)
  )
    out.push(
      make(
        'reconsider-after-ending',
        ending.matchId,
        calendar.addWorkingDays(ending.endedOn, policy.reconsiderAfterEndingWithinWorkingDays),
        'The Independent Visitor relationship ended: consider appointing a new Independent Visitor.',
      ),
    );

  // s.23ZB(8): the withdrawal of an objection to having anyone re-opens the duty to propose an IV.
  if (proposing && withdrawal && !consideredSince(withdrawal.on))
    out.push(
      make(
        'reconsider-after-withdrawal',
        `${withdrawal.number}`,
        calendar.addWorkingDays(withdrawal.on, policy.reconsiderAfterWithdrawalWithinWorkingDays),
        'The child withdrew their objection to having an Independent Visitor: consider appointing one.',
      ),
    );

  if (child && state.referral)
    out.push(
      make(
        'referral-waiting-too-long',
        state.referral.referralId,
        addDays(state.referral.referredOn, policy.referralWaitMaxDays),
        'The referral to the Independent Visitor service is still waiting for a match.',
      ),
    );

  // The relationship's own duties last while the child is a looked-after child, and after that while the LA's
  // care-leaver offer continues it: as recorded on leaving care, or as planned while leaving care is unrecorded.
  const continuesUntil =
    rel?.continuingUntilAge ??
    (lookedAfter &&
    rel?.plannedAt18 === 'continue-under-care-leaver-offer' &&
    policy.careLeaverOffer.available
      ? rel.plannedUntilAge
      : undefined);
  const live =
    child ||
    (continuesUntil !== undefined &&
      details !== undefined &&
      ageOn(details.dateOfBirth, today) < continuesUntil);
  if (rel && live) {
    const lastVisit = rel.lastVisitHeldOn ?? rel.matchedOn;
    out.push(
      make(
        'visit-overdue',
        `${rel.matchId}:${lastVisit}`,
        addDays(lastVisit, policy.visitOverdueAfterDays),
        'No visit by the Independent Visitor has been held recently.',
      ),
    );
    out.push(
      make(
        'match-review-due',
        `${rel.matchId}:${rel.matchReviews + 1}`,
        addMonths(rel.lastMatchReviewOn ?? rel.matchedOn, policy.matchReviewEveryMonths),
        'The match with the Independent Visitor is due for review.',
      ),
    );
  }

  if (child && rel && !rel.plannedAt18 && details)
    out.push(
      make(
        'plan-before-18',
        rel.matchId,
        addMonths(addYears(details.dateOfBirth, 18), -policy.planBeforeEighteenthBirthdayMonths),
        "Plan whether the Independent Visitor continues after the child's 18th birthday.",
      ),
    );

  // At 18 the young person is no longer looked after; the record should say so. No event marks the birthday, so the
  // duty opens two review intervals before it: a review in that time (an event) starts its deadline workflow, which
  // is then already waiting when the birthday comes.
  if (lookedAfter && eighteen && today >= addMonths(eighteen, -2 * policy.reviews.laterEveryMonths))
    out.push(
      make(
        'record-leaving-care',
        period.startedOn,
        calendar.addWorkingDays(eighteen, policy.recordLeavingCareWithinWorkingDays),
        'Record that the young person left care: at 18 they are no longer looked after.',
      ),
    );
  // Safeguarding: whatever else is true of the child, an open concern's duties are owed (concerns.ts).
  for (const duty of concernDuties(state, policy, calendar))
    out.push(make(duty.kind, duty.occasion, duty.dueOn, duty.summary));
  return out;
}
