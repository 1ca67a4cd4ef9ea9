import { addDays, addYears, type LocalDate } from '../../domain/calendar';
import { ENGLISH_WORDS, type Words } from '../words';
import type { Period } from './figures';

/** The records start no earlier than this: the working-day calendar begins here too. */
export const EARLIEST_DATE: LocalDate = '2000-01-01';

/** What each end of a period is called on the form and in its error messages. */
export const PERIOD_FIELDS = { from: 'Start date', to: 'End date' } as const;
export type PeriodField = keyof typeof PERIOD_FIELDS;

export interface FieldProblem<F extends string = string> {
  field: F;
  /** A GOV.UK error message: what is wrong and how to put it right. */
  message: string;
}

export type PeriodCheck = { period: Period } | { problems: FieldProblem<PeriodField>[] };

/** The period's error messages in English, each its own key in the web's catalogues (`sentences`). */
export const PERIOD_WORDS = {
  fromTooEarly: 'Start date must be on or after {{earliest}}',
  fromInFuture: 'Start date must be today or in the past',
  toInFuture: 'End date must be today or in the past',
  toTooEarly: 'End date must be on or after {{earliest}}',
  fromAfterTo: 'Start date must be the same as or before the end date',
} as const;

/**
 * The period a person asked for, checked against today: nothing wrong is ever replaced by a default. An end left
 * blank is filled in (the 12 months up to today, or up to the end date given), and the page shows the dates used.
 */
export function checkPeriod(
  asked: { from?: LocalDate; to?: LocalDate },
  today: LocalDate,
  w: Words = ENGLISH_WORDS,
): PeriodCheck {
  const P = PERIOD_WORDS;
  const earliest = w.date(EARLIEST_DATE);
  const problems: FieldProblem<PeriodField>[] = [];
  const { from, to } = asked;
  if (from !== undefined && from < EARLIEST_DATE)
    problems.push({ field: 'from', message: w.say(P.fromTooEarly, { earliest }) });
  else if (from !== undefined && from > today)
    problems.push({ field: 'from', message: w.say(P.fromInFuture) });
  if (to !== undefined && to > today) problems.push({ field: 'to', message: w.say(P.toInFuture) });
  else if (to !== undefined && to < EARLIEST_DATE)
    problems.push({ field: 'to', message: w.say(P.toTooEarly, { earliest }) });
  if (problems.length > 0) return { problems };
  const end = to ?? today;
  const start = from ?? addDays(addYears(end, -1), 1);
  if (start > end)
    return {
      problems: [{ field: 'from', message: w.say(P.fromAfterTo) }],
    };
  return { period: { from: start, to: end } };
}

/** The period of the same length that ends the day before this one starts: what a period is compared with. */
export function previousPeriod(period: Period): Period {
  const to = addDays(period.from, -1);
  const length = Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000);
  return { from: addDays(to, -length), to };
}
