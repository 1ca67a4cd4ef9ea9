import {
  goingLabel,
  type MatchReview,
  matchReviewsOf,
  trendOf,
  VOICES,
  type Voice,
} from '../../application/children/match-reviews';
import type { RecordedEvent } from '../../events/envelope';
import { longDate } from './dates';
import { t, term } from './i18n';
import { escapeHtml } from './lists';

/**
 * The child page's "How the match is going", beside the match: one table row per match review with each person's answer and words,
 * and a sentence per person saying whether it is better, the same or worse than at the review before. Text only,
 * so a screen reader reads the trend as it reads the table.
 */
export function matchReviewsView(
  events: readonly RecordedEvent[],
  matchId: string | undefined,
  names: { child: string; visitor?: string },
) {
  const reviews = matchId ? matchReviewsOf(events, matchId) : [];
  if (reviews.length === 0) return undefined;
  // People by name where the record knows it; the carer is not named on the record.
  const who = (voice: Voice) =>
    voice === 'child'
      ? names.child
      : voice === 'visitor' && names.visitor
        ? names.visitor
        : t(`matchReviews.${voice}`);
  const cell = (review: MatchReview, voice: Voice) => {
    const view = review.views[voice];
    if (!view) return { text: t('matchReviews.notAsked') };
    const words = view.words ? `<br><span class="govuk-body-s">“${escapeHtml(view.words)}”</span>` : '';
    return { html: `${escapeHtml(term(goingLabel(view.going)))}${words}` };
  };
  return {
    head: [{ text: t('matchReviews.review') }, ...VOICES.map((voice) => ({ text: who(voice) }))],
    rows: [...reviews]
      .reverse()
      .map((review) => [{ text: longDate(review.on) }, ...VOICES.map((voice) => cell(review, voice))]),
    trends: VOICES.map((voice) => {
      const trend = trendOf(reviews, voice);
      return t(`matchReviews.trend.${trend ?? 'notYet'}`, { who: who(voice) });
    }),
  };
}
