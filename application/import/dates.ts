import type { LocalDate } from '../../domain/calendar';

/** Why a value is not a date, for a caller that words it in another language (the problem is English). */
export type DateProblem =
  | { kind: 'month'; month: number }
  | { kind: 'not-real' | 'two-digit-year' | 'separators' | 'serial' | 'time' | 'not-a-date' };

export type ParsedDate = { ok: true; date: LocalDate } | ({ ok: false; problem: string } & DateProblem);

const EXAMPLE = 'for example 03/02/2024 for 3 February 2024';
const pad = (n: number) => String(n).padStart(2, '0');

/** A real calendar date, or why not. */
function real(year: number, month: number, day: number): ParsedDate {
  if (month < 1 || month > 12)
    return {
      ok: false,
      kind: 'month',
      month,
      problem: `${month} is not a month. Dates go day first: dd/mm/yyyy, ${EXAMPLE}`,
    };
  const date = `${year}-${pad(month)}-${pad(day)}`;
  const check = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.getUTCDate() !== day)
    return { ok: false, kind: 'not-real', problem: 'is not a real date' };
  return { ok: true, date };
}

/**
 * A date as the SSDA903 writes it: dd/mm/yyyy (a one-digit day or month is accepted, as spreadsheets drop the
 * zero). An ISO date (yyyy-mm-dd) cannot be misread, so it is accepted too; every other form is refused with how
 * to write it, never guessed: 03/02/24 and 45323 could each be several dates.
 */
export function parseDate(value: string): ParsedDate {
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (dmy) return real(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) return real(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  if (/^\d{1,2}\/\d{1,2}\/\d{2}$/.test(value))
    return {
      ok: false,
      kind: 'two-digit-year',
      problem: `has a two-digit year. Write the year in full: dd/mm/yyyy, ${EXAMPLE}`,
    };
  if (/^\d{1,2}[-.]\d{1,2}[-.]\d{4}$/.test(value))
    return { ok: false, kind: 'separators', problem: `must be written with slashes: dd/mm/yyyy, ${EXAMPLE}` };
  if (/^\d{4,6}(\.\d+)?$/.test(value))
    return {
      ok: false,
      kind: 'serial',
      problem: `looks like a spreadsheet’s number for a date. Format the column as dates (dd/mm/yyyy) before saving`,
    };
  if (/^\d{1,2}\/\d{1,2}\/\d{4}[ T]\d/.test(value))
    return {
      ok: false,
      kind: 'time',
      problem: `has a time in it. Give the date only: dd/mm/yyyy, ${EXAMPLE}`,
    };
  return { ok: false, kind: 'not-a-date', problem: `is not a date. Write it as dd/mm/yyyy, ${EXAMPLE}` };
}

/** A date the 903 way, for a file going back to the case system. */
export const toDmy = (date: LocalDate): string => {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
};
