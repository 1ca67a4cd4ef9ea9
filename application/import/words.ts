import type { LocalDate } from '../../domain/calendar';

const longDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "3 March 2024": how a refusal or a preview line writes a date (GOV.UK style). */
export const inWords = (date: LocalDate): string => longDay.format(new Date(`${date}T00:00:00Z`));

/** "1 child", "3 children". */
export const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
