import { describe, expect, it } from 'vitest';
import { ageBandOn, ageFromBirthMonth } from '../../../../application/reports/figures';
import { ageOn } from '../../../../domain/calendar';

describe('age from the month of birth (all the statistics keep once a child is erased)', () => {
  it('is the exact age on the last day of every month, 31 March (the DfE snapshot) included', () => {
    for (const born of ['2012-01-01', '2012-03-15', '2012-03-31', '2012-02-29', '2011-12-31', '2015-07-09'])
      for (const on of ['2026-03-31', '2026-02-28', '2026-12-31', '2027-07-31', '2024-02-29'])
        expect(ageFromBirthMonth(born.slice(0, 7), on), `${born} on ${on}`).toBe(ageOn(born, on));
  });

  it('counts a child a year younger only within their birth month, before its last day', () => {
    expect(ageFromBirthMonth('2012-03', '2026-03-15')).toBe(13);
    expect(ageFromBirthMonth('2012-03', '2026-03-31')).toBe(14);
    expect(ageFromBirthMonth('2012-03', '2026-04-01')).toBe(14);
    expect(ageBandOn('2021-03', '2026-03-30')).toBe('1 to 4');
    expect(ageBandOn('2021-03', '2026-03-31')).toBe('5 to 9');
  });
});
