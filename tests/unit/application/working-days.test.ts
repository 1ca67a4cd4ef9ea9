import { describe, expect, it } from 'vitest';
import { workingDaysLeft } from '../../../application/timeline';
import { calendarFor } from '../../../domain/calendar';

const england = calendarFor('england');

describe('working days left until a deadline', () => {
  it('counts the working days after today up to the due date, skipping weekends and bank holidays', () => {
    expect(workingDaysLeft(england, '2026-11-23', '2026-11-23')).toBe(0);
    expect(workingDaysLeft(england, '2026-11-23', '2026-11-27')).toBe(4);
    // 24 Dec 2026 (Thu) to 29 Dec (Tue): 25 Dec, the weekend and the substitute day on 28 Dec are not working days.
    expect(workingDaysLeft(england, '2026-12-24', '2026-12-29')).toBe(1);
  });

  it('is negative once the date has passed, even when no working day lies in between', () => {
    expect(workingDaysLeft(england, '2026-11-23', '2026-11-21')).toBe(-1); // due Saturday, read Monday
    expect(workingDaysLeft(england, '2026-11-23', '2026-11-20')).toBe(-1);
    expect(workingDaysLeft(england, '2026-11-23', '2026-11-16')).toBe(-5);
  });
});
