import type { LocalDate } from '../../domain/calendar';

/**
 * What an import says about a file, a row or a difference, as a key of the catalogue and the values it fills in, so
 * a page says it in its own language and the API and the command line in English (adapters/web/i18n: the SSDA903
 * import's `imports.reasons.<key>`, the volunteer import's `volunteerImport.reasons.<key>`, what both say about a
 * CSV file or a date `importFiles.<key>`). `dates` are worded by the page ("3 March 2024", "3 Mawrth 2024"); `terms`
 * are the application's English labels (Female, Returned home), worded by the page's catalogue of terms.
 */
export interface Reason {
  key: string;
  values?: Record<string, string | number>;
  dates?: Record<string, LocalDate>;
  terms?: Record<string, string>;
}

export const reason = (
  key: string,
  values?: Reason['values'],
  dates?: Reason['dates'],
  terms?: Reason['terms'],
): Reason => ({
  key,
  ...(values ? { values } : {}),
  ...(dates ? { dates } : {}),
  ...(terms ? { terms } : {}),
});
