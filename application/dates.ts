/**
 * How staff read dates and times, in one place (the pages, the exported audit document, the reports). A local date (YYYY-MM-DD) is a day in England and Wales and
 * is shown as it is; an instant is shown in London time.
 */
/**
 * A formatter made on first use: making one loads the locale's data, about 4 ms each, which every function paid at
 * module load for formats it might never use.
 */
const inLondon = (locale: string, options: Intl.DateTimeFormatOptions) => {
  let made: Intl.DateTimeFormat | undefined;
  return () => (made ??= new Intl.DateTimeFormat(locale, { timeZone: 'Europe/London', ...options }));
};

/** Midday UTC is the same calendar day in London all year round. */
const atMidday = (value: string) => new Date(value.length === 10 ? `${value}T12:00:00Z` : value);

/** The formats in a locale: 'en-GB' everywhere staff read English, 'cy-GB' on Welsh pages ("1 Rhagfyr 2026"). */
export function datesIn(locale: string) {
  const longDay = inLondon(locale, { day: 'numeric', month: 'long', year: 'numeric' });
  const shortDay = inLondon(locale, { day: 'numeric', month: 'short', year: 'numeric' });
  const minute = inLondon(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const second = inLondon(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return {
    /** "9 April 2013": a local date or the London day of an instant. */
    longDate: (value: string) => longDay().format(atMidday(value)),
    /** "9 Apr 2013", for dense tables. */
    shortDate: (value: string) => shortDay().format(atMidday(value)),
    /** "23 Nov 2026, 09:00". */
    dateTime: (instant: string | Date) => minute().format(new Date(instant)),
    /** "23/11/2026, 09:00:00", where the second matters (the order of views, when the clock was moved). */
    timestamp: (instant: string | Date) => second().format(new Date(instant)),
  };
}

export const { longDate, shortDate, dateTime, timestamp } = datesIn('en-GB');
