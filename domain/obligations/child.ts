import { addDays, addMonths, addYears, ageOn, londonDateOf, type WorkingDayCalendar } from '../calendar';
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
  const { streamId, la, period, relationship: rel } = state;
  if (state.status === 'not-recorded' || !streamId || !la || !period) return [];
  const make = (kind: Obligation['kind'], occasion: string, dueOn: string, summary: string) =>
    obligation(
      { kind, id: `${streamId}:${kind}:${occasion}`, streamId, la, dueOn, summary },
      policy,
      calendar,
    );
  const out: Obligation[] = [];
  const lookedAfter = state.status === 'looked-after';

  // The product's own rule: every child in care is offered an IV, by the first review.
  if (lookedAfter && !rel && !period.offeredOn && !period.decisionOn && !period.referredOn)
    out.push(
      make(
        'offer-iv-by-first-review',
        period.startedOn,
        calendar.addWorkingDays(period.startedOn, policy.reviews.firstWithinWorkingDays),
        'Offer an Independent Visitor before the first looked-after review.',
      ),
    );

  // The IV question returns at every later review while the child has no IV and no referral in progress.
  if (lookedAfter && !rel && !state.referral && period.reviews.length > 0) {
    const reviews = period.reviews;
    const dueOfReview = (n: number) =>
      addMonths(
        reviews[n - 2]!.heldOn,
        n === 2 ? policy.reviews.secondWithinMonths : policy.reviews.laterEveryMonths,
      );
    const last = reviews.at(-1)!;
    const askedSince = state.lastConsideredOn !== undefined && state.lastConsideredOn >= last.heldOn;
    if (reviews.length >= 2 && !last.ivConsidered && !askedSince)
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

  // s.23ZB(5): an ending while the child is still in care does not remove the duty to consider a new IV.
  const ending = state.lastEnding;
  if (
    lookedAfter &&
    !rel &&
    !state.referral &&
    ending?.whileLookedAfter &&
    !(state.lastConsideredOn !== undefined && state.lastConsideredOn >= ending.endedOn)
  )
    out.push(
      make(
        'reconsider-after-ending',
        ending.matchId,
        calendar.addWorkingDays(ending.endedOn, policy.reconsiderAfterEndingWithinWorkingDays),
        'The Independent Visitor relationship ended: consider appointing a new Independent Visitor.',
      ),
    );

  if (lookedAfter && state.referral)
    out.push(
      make(
        'referral-waiting-too-long',
        state.referral.referralId,
        addDays(state.referral.referredOn, policy.referralWaitMaxDays),
        'The referral to the Independent Visitor service is still waiting for a match.',
      ),
    );

  const live =
    rel &&
    (lookedAfter ||
      (rel.continuingUntilAge !== undefined &&
        state.details !== undefined &&
        ageOn(state.details.dateOfBirth, londonDateOf(now)) < rel.continuingUntilAge));
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

  if (lookedAfter && rel && !rel.plannedAt18 && state.details)
    out.push(
      make(
        'plan-before-18',
        rel.matchId,
        addMonths(addYears(state.details.dateOfBirth, 18), -policy.planBeforeEighteenthBirthdayMonths),
        "Plan whether the Independent Visitor continues after the child's 18th birthday.",
      ),
    );
  return out;
}
