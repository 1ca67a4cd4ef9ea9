import { describe, expect, it } from 'vitest';
import { readDateInput } from '../../../../adapters/web/date-input';
import { checkPeriod, previousPeriod } from '../../../../application/reports/period';

const TODAY = '2026-12-01';
const query = (q: Record<string, string>) => new URLSearchParams(q);
const date = (day: string, month: string, year: string) =>
  readDateInput(query({ 'from-day': day, 'from-month': month, 'from-year': year }), 'from', 'Start date');

describe('a period a person asks for', () => {
  it('is used as it is when it can be, and blank ends are the 12 months up to today', () => {
    expect(checkPeriod({ from: '2026-04-01', to: '2026-09-30' }, TODAY)).toEqual({
      period: { from: '2026-04-01', to: '2026-09-30' },
    });
    expect(checkPeriod({}, TODAY)).toEqual({ period: { from: '2025-12-02', to: TODAY } });
  });

  it.each([
    [
      { from: '2026-05-01', to: '2026-01-01' },
      [['from', 'Start date must be the same as or before the end date']],
    ],
    [{ to: '2028-01-01' }, [['to', 'End date must be today or in the past']]],
    [{ from: '2027-01-01' }, [['from', 'Start date must be today or in the past']]],
    [
      { from: '1999-12-31', to: '2030-01-01' },
      [
        ['from', 'Start date must be on or after 1 January 2000'],
        ['to', 'End date must be today or in the past'],
      ],
    ],
  ])('refuses %o, naming each field', (asked, problems) => {
    const checked = checkPeriod(asked, TODAY);
    expect('problems' in checked && checked.problems.map((p) => [p.field, p.message])).toEqual(problems);
  });

  it('is compared with the period of the same length just before it', () => {
    expect(previousPeriod({ from: '2025-04-01', to: '2026-03-31' })).toEqual({
      from: '2024-04-01',
      to: '2025-03-31',
    });
  });
});

describe('a date typed into a GOV.UK date input', () => {
  it('makes a date from real parts, and nothing from none', () => {
    expect(date('1', '4', '2026').value).toBe('2026-04-01');
    expect(date('', '', '').blank).toBe(true);
  });

  it.each([
    [['first', 'jan', '2026'], 'Start date must be a real date'],
    [['31', '2', '2026'], 'Start date must be a real date'],
    [['1', '', '2026'], 'Start date must include a month'],
    [['', '', '2026'], 'Start date must include a day and month'],
    [['1', '4', '26'], 'Year must include 4 numbers'],
  ])('refuses %o with the design system’s message', ([day, month, year], message) => {
    const input = date(day!, month!, year!);
    expect(input.value).toBeUndefined();
    expect(input.error).toBe(message);
  });
});
