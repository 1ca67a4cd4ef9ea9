import type { Jurisdiction } from '../events/contracts/common';
import { BANK_HOLIDAY_YEARS, BANK_HOLIDAYS } from './bank-holidays.generated';

/**
 * Dates as the law counts them: a calendar day in England and Wales (Europe/London), written YYYY-MM-DD.
 * Instants (ISO strings in UTC) are turned into London dates here and nowhere else, so a review held at 00:30 BST
 * counts on the right day.
 */
export type LocalDate = string;

/* Made on first use: making it loads the time-zone data (10-20 ms), which a function that never needs London's
 * clock (the anchor, the publisher) should not pay on every cold start. */
let london: Intl.DateTimeFormat | undefined;
const LONDON = () =>
  (london ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }));

function intlLondonParts(at: Date): { y: number; m: number; d: number; hh: number; mm: number; ss: number } {
  const parts = Object.fromEntries(
    LONDON()
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    y: Number(parts.year),
    m: Number(parts.month),
    d: Number(parts.day),
    hh: Number(parts.hour),
    mm: Number(parts.minute),
    ss: Number(parts.second),
  };
}

/*
 * Intl is the source of truth for London's offset, but formatToParts is slow (projections and the generator call
 * it millions of times). The offset only changes on a whole UTC hour, so it is asked once per hour and kept.
 */
const offsetByHour = new Map<number, number>();
function londonOffsetMs(at: Date): number {
  const hour = Math.floor(at.getTime() / 3_600_000);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const start = new Date(hour * 3_600_000);
    const p = intlLondonParts(start);
    offset = Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm, p.ss) - start.getTime();
    if (offsetByHour.size > 500_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

function londonParts(at: Date): { y: number; m: number; d: number; hh: number; mm: number; ss: number } {
  const wall = new Date(at.getTime() + londonOffsetMs(at));
  return {
    y: wall.getUTCFullYear(),
    m: wall.getUTCMonth() + 1,
    d: wall.getUTCDate(),
    hh: wall.getUTCHours(),
    mm: wall.getUTCMinutes(),
    ss: wall.getUTCSeconds(),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const ymd = (y: number, m: number, d: number): LocalDate => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const partsOf = (date: LocalDate): [number, number, number] => {
  const [y, m, d] = date.split('-').map(Number);
  return [y!, m!, d!];
};
const utcDay = (date: LocalDate): Date => {
  const [y, m, d] = partsOf(date);
  return new Date(Date.UTC(y, m - 1, d));
};
const fromUtcDay = (day: Date): LocalDate => day.toISOString().slice(0, 10);

/** The London calendar date of an instant. */
export function londonDateOf(instant: string | Date): LocalDate {
  const p = londonParts(typeof instant === 'string' ? new Date(instant) : instant);
  return ymd(p.y, p.m, p.d);
}

/** London's offset from UTC, in minutes, at an instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(at: Date): number {
  const p = londonParts(at);
  return Math.round((Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm, p.ss) - at.getTime()) / 60_000);
}

/** The instant a London wall-clock time happens on a date (HH:MM, 24-hour). */
export function londonInstant(date: LocalDate, time = '00:00'): Date {
  const [y, m, d] = partsOf(date);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh!, mm!);
  let at = wall - londonOffsetMinutes(new Date(wall)) * 60_000;
  // Near a clock change the first guess can use the wrong side's offset; one correction settles it.
  const corrected = londonOffsetMinutes(new Date(at));
  at = wall - corrected * 60_000;
  return new Date(at);
}

/** The first instant after the end of a London day: "due by the end of 21 January" means before this. */
export const endOfLondonDay = (date: LocalDate): Date => londonInstant(addDays(date, 1));

export const addDays = (date: LocalDate, days: number): LocalDate => {
  const day = utcDay(date);
  day.setUTCDate(day.getUTCDate() + days);
  return fromUtcDay(day);
};

/** Calendar months, as "not more than 3 months later" is read: 31 August + 6 months is 28 (or 29) February. */
export const addMonths = (date: LocalDate, months: number): LocalDate => {
  const [y, m, d] = partsOf(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return ymd(year, month, Math.min(d, lastDay));
};

export const addYears = (date: LocalDate, years: number): LocalDate => addMonths(date, years * 12);

/** Whole days from one date to another (negative when `to` is earlier). */
export const daysBetween = (from: LocalDate, to: LocalDate): number =>
  Math.round((utcDay(to).getTime() - utcDay(from).getTime()) / 86_400_000);

/** Age in whole years on a date, birthdays on 29 February counting from 28 February in common years. */
export function ageOn(dateOfBirth: LocalDate, on: LocalDate): number {
  let age = partsOf(on)[0] - partsOf(dateOfBirth)[0];
  if (addYears(dateOfBirth, age) > on) age--;
  return age;
}

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** A date as the domain's sentences write it (GOV.UK style): "14 March 2034". */
export const longDateOf = (date: LocalDate): string => {
  const [y, m, d] = partsOf(date);
  return `${d} ${MONTHS[m - 1]} ${y}`;
};

/** The day a person born on `dateOfBirth` turns 18 and, in law, stops being a child. */
export const eighteenthBirthday = (dateOfBirth: LocalDate): LocalDate => addYears(dateOfBirth, 18);

/** 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (date: LocalDate): number => utcDay(date).getUTCDay();

export interface WorkingDayCalendar {
  jurisdiction: Jurisdiction;
  /**
   * Bank holidays in the year that fall on weekdays (the days taken off), substitute days included. Every method
   * throws BankHolidaysUnknownError for a year outside the generated table.
   */
  bankHolidays(year: number): LocalDate[];
  isBankHoliday(date: LocalDate): boolean;
  isWorkingDay(date: LocalDate): boolean;
  /**
   * The nth working day after a date (n > 0), or before it (n < 0); the date itself never counts.
   * "Within 20 working days of 19 December 2025" ends on addWorkingDays('2025-12-19', 20).
   */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
}

/** A date the bank-holiday table does not cover: counting working days there would be a guess. */
export class BankHolidaysUnknownError extends RangeError {
  constructor(readonly year: number) {
    super(
      `Bank holidays for ${year} are not known: the table covers ${BANK_HOLIDAY_YEARS.first} to ${BANK_HOLIDAY_YEARS.last}. ` +
        'Widen the span in scripts/render-bank-holidays.ts and run npm run holidays.',
    );
    this.name = 'BankHolidaysUnknownError';
  }
}

/**
 * Bank holidays come from a table generated from `date-holidays` at build time (npm run holidays), so the Lambdas do
 * not ship the library. England and Wales share their bank holidays today, but each has its own list, so a future
 * divergence (as Scotland and Northern Ireland already have) is picked up by regenerating it.
 */
export function workingDayCalendar(jurisdiction: Jurisdiction): WorkingDayCalendar {
  const workingDaysMemo = new Map<string, LocalDate>();
  const table = BANK_HOLIDAYS[jurisdiction];
  const byYear = new Map<number, Set<LocalDate>>();
  const holidaysIn = (year: number): Set<LocalDate> => {
    let set = byYear.get(year);
    if (!set) {
      const days = table[year];
      if (days === undefined) throw new BankHolidaysUnknownError(year);
      set = new Set(days.split(' ').map((monthDay) => `${pad(year, 4)}-${monthDay}`));
      byYear.set(year, set);
    }
    return set;
  };
  const isBankHoliday = (date: LocalDate) => holidaysIn(partsOf(date)[0]).has(date);
  const isWorkingDay = (date: LocalDate) => {
    const dow = dayOfWeek(date);
    return dow !== 0 && dow !== 6 && !isBankHoliday(date);
  };
  return {
    jurisdiction,
    bankHolidays: (year) => [...holidaysIn(year)].sort(),
    isBankHoliday,
    isWorkingDay,
    addWorkingDays(date, n) {
      // Pure, and asked for the same few dates over and over (every obligation's reminder), so kept.
      const key = `${date}|${n}`;
      const known = workingDaysMemo.get(key);
      if (known !== undefined) return known;
      const step = n < 0 ? -1 : 1;
      let current = date;
      for (let counted = 0; counted < Math.abs(n); ) {
        current = addDays(current, step);
        if (isWorkingDay(current)) counted++;
      }
      if (workingDaysMemo.size > 200_000) workingDaysMemo.clear();
      workingDaysMemo.set(key, current);
      return current;
    },
  };
}

const calendars = new Map<Jurisdiction, WorkingDayCalendar>();
/** One shared calendar per jurisdiction: its holiday lists are cached. */
export function calendarFor(jurisdiction: Jurisdiction): WorkingDayCalendar {
  let calendar = calendars.get(jurisdiction);
  if (!calendar) {
    calendar = workingDayCalendar(jurisdiction);
    calendars.set(jurisdiction, calendar);
  }
  return calendar;
}
