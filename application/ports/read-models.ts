import type { ChildRow, VolunteerRow } from '../projections/child-row';

/**
 * The read side the lists and the reports use, projected from the events and disposable. Every query names one LA:
 * tenancy is never optional.
 */
export interface ReadModels {
  /** Writes the row only if it is newer than the stored one; `refresh` (a rebuild) also replaces an equal one. */
  putChildRow(row: ChildRow, options?: { refresh?: boolean }): Promise<boolean>;
  putVolunteerRow(row: VolunteerRow, options?: { refresh?: boolean }): Promise<boolean>;
  /** One child's row; the caller checks the row's LA against the reader's. */
  childRow(streamId: string): Promise<ChildRow | undefined>;
  volunteerRow(streamId: string): Promise<VolunteerRow | undefined>;
  childRowsOf(la: string): AsyncIterable<ChildRow>;
  childRowsOfLa(la: string): Promise<ChildRow[]>;
  /** The waiting list of one LA, longest wait first. */
  waitingList(la: string): Promise<ChildRow[]>;
  volunteerRowsOfLa(la: string): Promise<VolunteerRow[]>;
  /** One LA at a time, for the national return: never the whole country's rows in memory at once. */
  rowsByLa(
    las: Iterable<string>,
  ): AsyncIterable<{ la: string; children: ChildRow[]; volunteers: VolunteerRow[] }>;
}
