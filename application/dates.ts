/**
 * How staff read dates and times, in one place (the pages, the exported audit document, the reports). A local date (YYYY-MM-DD) is a day in England and Wales and
 * is shown as it is; an instant is shown in London time.
 */
const inLondon = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', ...options });

const longDay = inLondon({ day: 'numeric', month: 'long', year: 'numeric' });
const shortDay = inLondon({ day: 'numeric', month: 'short', year: 'numeric' });
const minute = inLondon({
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const second = inLondon({
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Midday UTC is the same calendar day in London all year round. */
const atMidday = (value: string) => new Date(value.length === 10 ? `${value}T12:00:00Z` : value);

/** "9 April 2013": a local date or the London day of an instant. */
export const longDate = (value: string) => longDay.format(atMidday(value));
/** "9 Apr 2013", for dense tables. */
export const shortDate = (value: string) => shortDay.format(atMidday(value));
/** "23 Nov 2026, 09:00". */
export const dateTime = (instant: string | Date) => minute.format(new Date(instant));
/** "23/11/2026, 09:00:00", where the second matters (the order of views, when the clock was moved). */
export const timestamp = (instant: string | Date) => second.format(new Date(instant));
