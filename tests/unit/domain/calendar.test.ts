import { describe, expect, it } from 'vitest';
import {
  addMonths,
  ageOn,
  calendarFor,
  endOfLondonDay,
  londonDateOf,
  londonInstant,
  workingDayCalendar,
} from '../../../domain/calendar';

/** The published England-and-Wales list (gov.uk/bank-holidays), substitute days included. */
const PUBLISHED: Record<number, string[]> = {
  2025: [
    '2025-01-01',
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26',
  ],
  2026: [
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-04',
    '2026-05-25',
    '2026-08-31',
    '2026-12-25',
    '2026-12-28',
  ],
  2027: [
    '2027-01-01',
    '2027-03-26',
    '2027-03-29',
    '2027-05-03',
    '2027-05-31',
    '2027-08-30',
    '2027-12-27',
    '2027-12-28',
  ],
};

describe('bank holidays in England and Wales', () => {
  for (const jurisdiction of ['england', 'wales'] as const)
    for (const year of [2025, 2026, 2027])
      it(`match the published list for ${year} in ${jurisdiction}`, () => {
        expect(workingDayCalendar(jurisdiction).bankHolidays(year)).toEqual(PUBLISHED[year]);
      });

  it('treat substitute days and Easter Monday as non-working days, and the weekend holiday itself too', () => {
    const calendar = calendarFor('england');
    expect(calendar.isWorkingDay('2026-12-28')).toBe(false); // Boxing Day substitute
    expect(calendar.isWorkingDay('2027-12-27')).toBe(false);
    expect(calendar.isWorkingDay('2027-12-28')).toBe(false);
    expect(calendar.isWorkingDay('2026-04-06')).toBe(false); // Easter Monday
    expect(calendar.isWorkingDay('2027-12-25')).toBe(false); // a Saturday
    expect(calendar.isWorkingDay('2026-12-29')).toBe(true);
  });
});

describe('counting working days', () => {
  const calendar = calendarFor('england');

  it('given 19 Dec 2025, when counting 20 working days, then 25 and 26 Dec and 1 Jan are skipped', () => {
    expect(calendar.addWorkingDays('2025-12-19', 20)).toBe('2026-01-21');
  });

  it('counts over Easter 2026 (Good Friday and Easter Monday)', () => {
    expect(calendar.addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
  });

  it('counts backwards, skipping weekends and holidays', () => {
    expect(calendar.addWorkingDays('2026-01-05', -3)).toBe('2025-12-30');
    expect(calendar.addWorkingDays('2026-01-21', -20)).toBe('2025-12-19');
  });

  it('never counts the starting day, even a weekend one', () => {
    expect(calendar.addWorkingDays('2026-03-07', 1)).toBe('2026-03-09'); // Saturday -> Monday
    expect(calendar.addWorkingDays('2026-03-09', 0)).toBe('2026-03-09');
  });
});

describe('London dates and times', () => {
  it('puts 23:30 UTC on a summer evening on the next London day, and in winter on the same day', () => {
    expect(londonDateOf('2026-06-30T23:30:00.000Z')).toBe('2026-07-01');
    expect(londonDateOf('2026-01-30T23:30:00.000Z')).toBe('2026-01-30');
  });

  it('turns a London wall-clock time into the right instant either side of the clock change', () => {
    expect(londonInstant('2026-03-28', '09:00').toISOString()).toBe('2026-03-28T09:00:00.000Z');
    expect(londonInstant('2026-03-30', '09:00').toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(endOfLondonDay('2026-07-01').toISOString()).toBe('2026-07-01T23:00:00.000Z');
  });

  it('adds calendar months as the regulations read them, clamping to the month end', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-01-15', 3)).toBe('2026-04-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('computes age in whole years on a date', () => {
    expect(ageOn('2008-05-10', '2026-05-09')).toBe(17);
    expect(ageOn('2008-05-10', '2026-05-10')).toBe(18);
  });
});
