import type { LocalDate } from '../../domain/calendar';
import type { ChildRow } from '../projections/child-row';
import { DUTY_ATTRIBUTE, type DutyGroup } from './keys';

/**
 * How many children each date-sorted list of an LA holds, by date: a small summary the read-model adapter keeps
 * beside the rows, changed in the same transaction as each row, so the task list's headings and totals are exact
 * without counting index entries. The counts are by due date, not by "overdue" or "due soon": those are read off
 * against today (`countBetween`), so moving the clock changes no stored count.
 *
 * A counted list is a row attribute that sorts a list index partitioned by `currentLa` (lists/keys.ts): the next-due
 * list and one per duty. A row adds one to its LA's count for the date of each of these keys it carries, exactly
 * the entries the index holds.
 */
export const COUNTED_LISTS = ['nextDue', ...Object.values(DUTY_ATTRIBUTE)] as const;
export type CountedList = (typeof COUNTED_LISTS)[number];
export const countedListOfDuty = (duty: DutyGroup): CountedList => DUTY_ATTRIBUTE[duty] as CountedList;

/** The counted list an index sorts by, if it is one. */
export function countedListOfIndex(index: string): CountedList | undefined {
  if (index === 'byNextDue') return 'nextDue';
  const duty = index.startsWith('duty-') ? (index.slice(5) as DutyGroup) : undefined;
  return duty && duty in DUTY_ATTRIBUTE ? countedListOfDuty(duty) : undefined;
}

/** Rows written by an older row schema were never counted, so replacing one takes nothing away (see ROW_SCHEMA). */
export const COUNTED_SINCE_SCHEMA = 6;

/** The parts of a row its counts depend on, and what says whether it changed since it was read. */
export type CountedRow = Pick<ChildRow, 'streamId' | 'version' | 'rowSchema' | 'projectedAt' | 'currentLa'> &
  Partial<Record<CountedList, string>>;
export const COUNTED_ATTRIBUTES = [
  'streamId',
  'version',
  'rowSchema',
  'projectedAt',
  'currentLa',
  ...COUNTED_LISTS,
] as const;

/** One count to change: the LA's list, the date, and by how much. */
export interface CountChange {
  la: string;
  list: CountedList;
  date: LocalDate;
  by: number;
}

/** The list keys are "<date>#<child>". */
const dateOfKey = (key: string): LocalDate => key.slice(0, key.indexOf('#'));

function entriesOf(row: CountedRow | undefined): string[] {
  if (!row?.currentLa || row.rowSchema < COUNTED_SINCE_SCHEMA) return [];
  return COUNTED_LISTS.flatMap((list) => {
    const key = row[list];
    return key ? [`${row.currentLa}\n${list}\n${dateOfKey(key)}`] : [];
  });
}

/** What replacing `before` (absent: no row yet) with `after` changes in the counts; nothing when both count alike. */
export function countChanges(before: CountedRow | undefined, after: CountedRow): CountChange[] {
  const by = new Map<string, number>();
  for (const entry of entriesOf(before)) by.set(entry, (by.get(entry) ?? 0) - 1);
  for (const entry of entriesOf(after)) by.set(entry, (by.get(entry) ?? 0) + 1);
  return [...by].flatMap(([entry, n]) => {
    if (n === 0) return [];
    const [la, list, date] = entry.split('\n') as [string, CountedList, LocalDate];
    return [{ la, list, date, by: n }];
  });
}

/** Counts by date. */
export type DateCounts = Readonly<Record<LocalDate, number>>;

/** How many of the counts fall on or after `from` and before `before` (either open). */
export function countBetween(counts: DateCounts, range: { from?: LocalDate; before?: LocalDate }): number {
  let total = 0;
  for (const [date, n] of Object.entries(counts))
    if (
      (range.from === undefined || date >= range.from) &&
      (range.before === undefined || date < range.before)
    )
      total += n;
  return total;
}
