import type { LocalDate } from '../../../domain/calendar';

/**
 * What the volunteer import says, as a key of the catalogue (`volunteerImport.reasons.<key>` in
 * adapters/web/i18n/en.json and cy.json) and the values it fills in, so the page says it in its own language and the
 * API and the command line in English. `dates` are worded by the page ("3 March 2024", "3 Mawrth 2024"); `course`
 * is a course code, worded by its label.
 */
export interface Reason {
  key: string;
  values?: Record<string, string | number>;
  dates?: Record<string, LocalDate>;
}

export const reason = (key: string, values?: Reason['values'], dates?: Reason['dates']): Reason => ({
  key,
  ...(values ? { values } : {}),
  ...(dates ? { dates } : {}),
});

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
