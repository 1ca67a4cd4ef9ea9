import type { CountedList, DateCounts } from '../lists/counts';
import type { ListedRow } from '../lists/keys';
import type { ChildRow, VolunteerRow } from '../projections/child-row';
import type { ReportChildRow, ReturnChildRow, ReturnVolunteerRow } from '../reports/figures';

/**
 * One page of children from one list index (lists/keys.ts), by a range of its sort key, with the filters a key
 * cannot carry. `total` counts the matches, reading at most `countUpTo` index entries: past that the count is
 * `atLeast`, so no page ever reads a whole local authority.
 */
export interface ChildListQuery {
  la: string;
  index: string;
  /** The sort-key range: from (inclusive) and before (exclusive), e.g. dates for "overdue". */
  from?: string;
  before?: string;
  descending?: boolean;
  inArea?: boolean;
  /** An age band as a range of dates of birth, both inclusive. */
  bornFrom?: string;
  bornTo?: string;
  offset: number;
  limit: number;
  /** 0: not counted (the caller reads the total from `listCounts`). */
  countUpTo: number;
}

export interface ChildListPage {
  rows: ListedRow[];
  total: number;
  /** The count stopped at the limit: there are at least `total`. */
  atLeast: boolean;
}

/** A row with the kind of record it is the row of. */
export type StreamRow = { kind: 'child'; row: ChildRow } | { kind: 'volunteer'; row: VolunteerRow };

/** A child found by search: the row's stream and the index entry's own keys and projected names. */
export interface SearchHit {
  streamId: string;
  sFirst?: string;
  sLast?: string;
  sPreferred?: string;
  current?: boolean;
}

/**
 * The read side the lists and the reports use, projected from the events and disposable. Every query names one LA:
 * tenancy is never optional.
 */
export interface ReadModels {
  /** Writes the row only if it is newer than the stored one; `refresh` (a rebuild) also replaces an equal one. */
  putChildRow(row: ChildRow, options?: { refresh?: boolean }): Promise<boolean>;
  putVolunteerRow(row: VolunteerRow, options?: { refresh?: boolean }): Promise<boolean>;
  /** Many rows after a bulk load, each written only if newer as above; says how many were written. */
  putRows(rows: ReadonlyArray<StreamRow>): Promise<number>;
  /** One child's row; the caller checks the row's LA against the reader's. */
  childRow(streamId: string): Promise<ChildRow | undefined>;
  volunteerRow(streamId: string): Promise<VolunteerRow | undefined>;
  childRowsOf(la: string): AsyncIterable<ChildRow>;
  childRowsOfLa(la: string): Promise<ChildRow[]>;
  /** The waiting list of one LA, longest wait first. */
  waitingList(la: string): Promise<ChildRow[]>;
  volunteerRowsOfLa(la: string): Promise<VolunteerRow[]>;
  /** Approved volunteers whose DBS check stops being accepted on or before `date`, soonest first. */
  dbsExpiringBy(la: string, date: string): Promise<VolunteerRow[]>;
  /** Volunteers not withdrawn whose soonest course runs out on or before `date` (or has run out), soonest first. */
  trainingExpiringBy(la: string, date: string): Promise<VolunteerRow[]>;
  /** How many of an LA's current children each of these lists holds, by due date (lists/counts.ts). */
  listCounts(la: string, lists: readonly CountedList[]): Promise<Record<CountedList, DateCounts>>;
  /** A page of one list (lists/keys.ts). */
  childList(query: ChildListQuery): Promise<ChildListPage>;
  /** Every current child allocated to one member of staff: a caseload is small, so it comes whole. */
  caseload(la: string, role: 'social-worker' | 'iro', staffId: string): Promise<ChildRow[]>;
  /** Children of one LA whose search key starts with `prefix` on one search index, up to `limit`. */
  searchChildren(la: string, index: string, prefix: string, limit: number): Promise<SearchHit[]>;
  /** What the lists show of these streams' rows, in the order given (missing ones left out). */
  childRowsById(streamIds: readonly string[]): Promise<ListedRow[]>;
  /**
   * Each LA's rows as the national return reads them (RETURN_CHILD_FIELDS, RETURN_VOLUNTEER_FIELDS), `concurrency`
   * LAs at a time, each yielded whole and in the order given: never the whole country's rows in memory at once.
   */
  returnRowsByLa(
    las: Iterable<string>,
    concurrency?: number,
  ): AsyncIterable<{ la: string; children: ReturnChildRow[]; volunteers: ReturnVolunteerRow[] }>;
  /** One LA's child rows as its report reads them: the return's fields and COMPLIANCE_CHILD_FIELDS. */
  reportRowsOfLa(la: string): Promise<ReportChildRow[]>;
  /** One LA at a time, whole rows: never the whole country's rows in memory at once. */
  rowsByLa(
    las: Iterable<string>,
  ): AsyncIterable<{ la: string; children: ChildRow[]; volunteers: VolunteerRow[] }>;
}
