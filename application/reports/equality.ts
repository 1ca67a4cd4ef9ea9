import { ENGLISH_WORDS, type Words } from '../words';
import { AGE_BANDS, ETHNIC_GROUPS } from './figures';
import type { Breakdown, LaReport } from './la-report';
import { categoryLabel, percent } from './words';

/*
 * Equality, as NIVN asks it: are some children less likely to have an Independent Visitor than others? For each
 * group, the share of its children in care who are matched, against the share for all children in care.
 */

export const DIMENSIONS = {
  sex: 'Sex',
  ageBand: 'Age',
  ethnicity: 'Ethnic group',
  placement: 'Placement',
} as const;
export type Dimension = keyof typeof DIMENSIONS;

const CATEGORIES: Record<Dimension, readonly string[]> = {
  sex: ['male', 'female'],
  ageBand: AGE_BANDS,
  ethnicity: ETHNIC_GROUPS,
  placement: ['in area', 'out of area'],
};

/** Below this many children in a group, a difference in shares says little, so no gap is stated. */
export const SMALLEST_GROUP = 10;
/** Gaps smaller than this (in percentage points) are not called out. */
const NOTABLE_POINTS = 1;

export interface GroupAccess {
  dimension: Dimension;
  category: string;
  label: string;
  lookedAfter: number;
  matched: number;
  waiting: number;
  /** Matched ÷ looked after within the group; null when the group has no child looked after. */
  accessRate: number | null;
}

export interface EqualityTable {
  dimension: Dimension;
  heading: string;
  groups: GroupAccess[];
  /** The gaps, stated in words; empty when no group stands out. */
  gaps: string[];
}

const count = (b: Breakdown, dimension: Dimension, category: string): number =>
  (b[dimension] as Record<string, number>)[category] ?? 0;

/** The sentences of the equality tables in English, each its own key in the web's catalogues (`sentences`). */
export const EQUALITY_WORDS = {
  boys: 'Boys and young men',
  girls: 'Girls and young women',
  inGroup: 'Children in the ‘{{group}}’ group',
  children: 'Children {{group}}',
  below:
    '{{group}}: {{rate}} have an Independent Visitor, {{points}} percentage points below all children in care ({{overall}}).',
  above:
    '{{group}}: {{rate}} have an Independent Visitor, {{points}} percentage points above all children in care ({{overall}}).',
} as const;
const E = EQUALITY_WORDS;

/** A group named in a sentence: "Children placed out of the area", "Children aged 10 to 15". */
function groupName(dimension: Dimension, category: string, w: Words): string {
  if (dimension === 'sex') return w.say(category === 'male' ? E.boys : E.girls);
  if (dimension === 'ethnicity') return w.say(E.inGroup, { group: w.term(category) });
  return w.say(E.children, { group: categoryLabel(category, w).toLowerCase() });
}

export function equalityOf(report: LaReport, w: Words = ENGLISH_WORDS): EqualityTable[] {
  const { matched, waiting, lookedAfter } = report.breakdowns;
  const overall = report.children.accessRate;
  return (Object.keys(DIMENSIONS) as Dimension[]).map((dimension) => {
    const groups = CATEGORIES[dimension].map((category) => {
      const n = count(lookedAfter, dimension, category);
      const m = count(matched, dimension, category);
      return {
        dimension,
        category,
        label: categoryLabel(category, w),
        lookedAfter: n,
        matched: m,
        waiting: count(waiting, dimension, category),
        accessRate: n === 0 ? null : m / n,
      };
    });
    const gaps =
      overall === null
        ? []
        : groups
            .filter((g) => g.lookedAfter >= SMALLEST_GROUP && g.accessRate !== null)
            .map((g) => ({ g, points: (g.accessRate! - overall) * 100 }))
            .filter(({ points }) => Math.abs(points) >= NOTABLE_POINTS)
            .sort((a, b) => a.points - b.points)
            .map(({ g, points }) =>
              w.say(points < 0 ? E.below : E.above, {
                group: groupName(dimension, g.category, w),
                rate: percent(g.accessRate!),
                points: Math.abs(points).toFixed(1),
                overall: percent(overall),
              }),
            );
    return { dimension, heading: w.term(DIMENSIONS[dimension]), groups, gaps };
  });
}
