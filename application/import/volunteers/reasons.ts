import type { Reason } from '../reasons';

export { type Reason, reason } from '../reasons';

/** Where in the file, as a spreadsheet numbers it (the column names are row 1). */
export interface Source {
  row: number;
  field?: string;
}

/** A row or a value that cannot be imported, or a file that cannot be read (no row). */
export interface Refusal {
  file: string;
  row?: number;
  field?: string;
  /** The volunteer's reference in the file, when the row gives one. */
  volunteer?: string;
  reason: Reason;
}
