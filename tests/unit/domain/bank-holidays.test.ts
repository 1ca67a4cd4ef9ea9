import { readFileSync } from 'node:fs';
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { addDays, BankHolidaysUnknownError, dayOfWeek, workingDayCalendar } from '../../../domain/calendar';
import { Jurisdiction } from '../../../events/contracts/common';
import { FIRST_YEAR, LAST_YEAR, renderBankHolidays } from '../../../scripts/render-bank-holidays';

const REGION = { england: 'ENG', wales: 'WLS' } as const;

/** Straight from the library, as the calendar read it before the table: public holidays on a weekday. */
function libraryDaysOff(jurisdiction: Jurisdiction, year: number): Set<string> {
  return new Set(
    new Holidays('GB', REGION[jurisdiction])
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => h.date.slice(0, 10))
      .filter((date) => dayOfWeek(date) !== 0 && dayOfWeek(date) !== 6),
  );
}

describe('the generated bank-holiday table', () => {
  it('is up to date in domain/ (run `npm run holidays` after updating date-holidays or the span)', () => {
    const file = new URL('../../../domain/bank-holidays.generated.ts', import.meta.url);
    expect(readFileSync(file, 'utf8')).toBe(renderBankHolidays());
  });

  it('covers at least 2000 to 2040', () => {
    expect(FIRST_YEAR).toBeLessThanOrEqual(2000);
    expect(LAST_YEAR).toBeGreaterThanOrEqual(2040);
  });

  for (const jurisdiction of Jurisdiction.options)
    it(`agrees with date-holidays on every date from ${FIRST_YEAR} to ${LAST_YEAR} in ${jurisdiction}`, () => {
      const calendar = workingDayCalendar(jurisdiction);
      const disagreements: string[] = [];
      for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
        const expected = libraryDaysOff(jurisdiction, year);
        for (let date = `${year}-01-01`; date.startsWith(String(year)); date = addDays(date, 1))
          if (calendar.isBankHoliday(date) !== expected.has(date)) disagreements.push(date);
        if (calendar.bankHolidays(year).join() !== [...expected].sort().join())
          disagreements.push(String(year));
      }
      expect(disagreements).toEqual([]);
    });
});

describe('a date outside the table', () => {
  const calendar = workingDayCalendar('england');

  it('is refused with the span and how to widen it, never counted as a working day', () => {
    expect(() => calendar.isWorkingDay(`${FIRST_YEAR - 1}-12-31`)).toThrow(BankHolidaysUnknownError);
    expect(() => calendar.bankHolidays(LAST_YEAR + 1)).toThrow(
      `Bank holidays for ${LAST_YEAR + 1} are not known: the table covers ${FIRST_YEAR} to ${LAST_YEAR}. ` +
        'Widen the span in scripts/render-bank-holidays.ts and run npm run holidays.',
    );
  });

  it('stops a count that runs past either end of the table', () => {
    expect(() => calendar.addWorkingDays(`${LAST_YEAR}-12-20`, 20)).toThrow(BankHolidaysUnknownError);
    expect(() => calendar.addWorkingDays(`${FIRST_YEAR}-01-10`, -20)).toThrow(BankHolidaysUnknownError);
    expect(calendar.addWorkingDays(`${LAST_YEAR}-12-20`, 5)).toBe(`${LAST_YEAR}-12-29`);
  });
});
