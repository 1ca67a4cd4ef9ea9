import { describe, expect, it } from 'vitest';
import { dateTime, longDate, shortDate, timestamp } from '../../../../adapters/web/dates';

describe('dates in the admin UI', () => {
  it('shows a local date as the same day, whatever the time of year', () => {
    expect(longDate('2013-04-09')).toBe('9 April 2013');
    expect(shortDate('2026-12-31')).toBe('31 Dec 2026');
  });

  it('shows an instant in London time, summer time included', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London.
    expect(longDate('2026-06-30T23:30:00.000Z')).toBe('1 July 2026');
    expect(dateTime('2026-06-30T23:30:00.000Z')).toBe('1 Jul 2026, 00:30');
    expect(timestamp('2026-11-23T09:00:05.000Z')).toBe('23/11/2026, 09:00:05');
  });
});
