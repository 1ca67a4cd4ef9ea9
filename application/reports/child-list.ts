import type { LocalDate } from '../../domain/calendar';
import { listName } from '../people';
import type { ChildRow, JourneyStage } from '../projections/child-row';
import type { Dimension } from './equality';
import {
  ageBandOn,
  ageFromBirthMonth,
  areaOf,
  type ChildFigure,
  periodAt,
  placedInAreaAt,
  standingOn,
} from './figures';

/*
 * The children behind a figure, and the one list they are shown in: every list of children a report links to is
 * made of these rows, so what a row shows (and, later, a child's name) is decided here once.
 */

export interface ChildListRow {
  childId: string;
  /** The child by name ("Okonkwo, Jay"); the case-system id beside it as secondary text. */
  name: string;
  caseSystemId?: string;
  /** Age in years on the report's date. */
  age: number;
  /** Absent when the placement's area is not known. */
  placedInArea?: boolean;
  stage: JourneyStage;
  stageLabel: string;
  inCareSince?: LocalDate;
  referredOn?: LocalDate;
  matchedOn?: LocalDate;
}

export const STAGE_LABELS: Record<JourneyStage, string> = {
  'not-yet-offered': 'Not yet offered',
  told: 'Told about the entitlement',
  offered: 'Offered, deciding',
  declined: 'Declined',
  objected: 'Objected',
  waiting: 'Waiting for a match',
  matched: 'Matched',
  'care-leaver-with-iv': 'Care leaver with an Independent Visitor',
  'left-care': 'Left care',
};

/** A child as the lists show them on a date: their age then, where they were placed, and the dates of their journey. */
export function childListRow(row: ChildRow, d: LocalDate): ChildListRow {
  const period = periodAt(row, d) ?? row.periods.filter((p) => p.startedOn <= d).at(-1);
  const latest = <T>(items: T[], on: (x: T) => LocalDate) =>
    items
      .filter((x) => on(x) <= d)
      .map(on)
      .at(-1);
  return {
    childId: row.childId,
    name: listName(row),
    ...(row.caseSystemId ? { caseSystemId: row.caseSystemId } : {}),
    age: ageFromBirthMonth(row.birthMonth, d),
    placedInArea: placedInAreaAt(row, d),
    stage: row.stage,
    stageLabel: STAGE_LABELS[row.stage],
    ...(period ? { inCareSince: period.startedOn } : {}),
    ...optional(
      'referredOn',
      latest(row.referrals, (r) => r.referredOn),
    ),
    ...optional(
      'matchedOn',
      latest(row.matches, (m) => m.matchedOn),
    ),
  };
}

const optional = <K extends string>(key: K, value: LocalDate | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, LocalDate>>;

/** Who of the children looked after, matched or waiting a breakdown's group holds. */
export interface Group {
  dimension: Dimension;
  category: string;
}

const inGroup = (row: ChildRow, d: LocalDate, group: Group): boolean => {
  switch (group.dimension) {
    case 'sex':
      return row.sex === group.category;
    case 'ageBand':
      return ageBandOn(row.birthMonth, d) === group.category;
    case 'ethnicity':
      return row.ethnicityGroup === group.category;
    case 'placement':
      return areaOf(placedInAreaAt(row, d)) === group.category;
  }
};

/** The children counted by one figure of the report on a date, optionally one group of them, longest in care first. */
export function childrenBehind(
  rows: Iterable<ChildRow>,
  figure: ChildFigure,
  d: LocalDate,
  group?: Group,
): ChildListRow[] {
  const out: ChildListRow[] = [];
  for (const row of rows)
    if (standingOn(row, d)[figure] && (!group || inGroup(row, d, group))) out.push(childListRow(row, d));
  return out.sort(
    (a, b) => (a.inCareSince ?? '').localeCompare(b.inCareSince ?? '') || a.childId.localeCompare(b.childId),
  );
}
