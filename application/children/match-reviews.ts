import { type LocalDate, londonDateOf } from '../../domain/calendar';
import { versionsInError } from '../../domain/corrections';
import { MatchGoing } from '../../events/contracts/child';
import type { RecordedEvent } from '../../events/envelope';
import * as L from '../labels';
import { withheldText } from '../personal-data/visibility';

/**
 * How a match is going, review by review, as the child, the Independent Visitor and the carer each said at its match
 * reviews: the scale answer as its label and their own words. A trend compares each person's last two answers on
 * the scale, so staff see at a glance whether it is getting better or worse for the one who says so.
 */

export const VOICES = ['child', 'visitor', 'carer'] as const;
export type Voice = (typeof VOICES)[number];

export interface View {
  /** The scale answer, or the child's "did-not-want-to-say". */
  going: string;
  /** Their own words; "Erased" or "Not shown…" in place of words withheld from this reader. */
  words?: string;
}

export interface MatchReview {
  on: LocalDate;
  outcome: string;
  views: Partial<Record<Voice, View>>;
}

export type Trend = 'better' | 'same' | 'worse';

type MatchReviewedData = {
  matchId: string;
  outcome: string;
  childsView?: View;
  visitorsView?: View;
  carersView?: View;
};

/** The match reviews of one match that asked for views, oldest first; an entry marked as a mistake is left out. */
export function matchReviewsOf(events: readonly RecordedEvent[], matchId: string): MatchReview[] {
  const inError = versionsInError(events.map((event) => ({ event })));
  return events.flatMap((e) => {
    if (e.type !== 'MatchReviewed' || inError.has(e.version)) return [];
    const d = e.data as MatchReviewedData;
    if (d.matchId !== matchId) return [];
    const views: Partial<Record<Voice, View>> = {};
    for (const [voice, view] of [
      ['child', d.childsView],
      ['visitor', d.visitorsView],
      ['carer', d.carersView],
    ] as const)
      if (view) views[voice] = { going: view.going, ...(view.words ? { words: shown(view.words) } : {}) };
    if (Object.keys(views).length === 0) return [];
    return [{ on: londonDateOf(e.metadata.occurredAt), outcome: d.outcome, views }];
  });
}

const shown = (words: string) => withheldText(words) ?? words;

/** Where an answer stands on the scale: 0 is going really well; undefined when the person did not say. */
const rank = (going: string): number | undefined => {
  const at = (MatchGoing.options as readonly string[]).indexOf(going);
  return at < 0 ? undefined : at;
};

/**
 * One person's trend: their last answer on the scale against the one before it. Undefined until they have answered
 * on the scale at two reviews (a "did not want to say" is not an answer on the scale, so it is passed over).
 */
export function trendOf(reviews: readonly MatchReview[], voice: Voice): Trend | undefined {
  const ranks = reviews.flatMap((r) => {
    const at = r.views[voice] && rank(r.views[voice].going);
    return at === undefined ? [] : [at];
  });
  if (ranks.length < 2) return undefined;
  const [before, last] = ranks.slice(-2) as [number, number];
  return last < before ? 'better' : last > before ? 'worse' : 'same';
}

/** The label of a scale answer ("Going well", "Did not want to say"). */
export const goingLabel = (going: string): string => L.labelOf(L.CHILDS_MATCH_GOING, going);
