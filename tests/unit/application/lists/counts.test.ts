import { describe, expect, it } from 'vitest';
import {
  COUNTED_SINCE_SCHEMA,
  type CountedRow,
  countBetween,
  countChanges,
} from '../../../../application/lists/counts';

const row = (overrides: Partial<CountedRow> = {}): CountedRow => ({
  streamId: 'child#1',
  version: 3,
  rowSchema: COUNTED_SINCE_SCHEMA,
  projectedAt: '2026-11-30T09:30:00.000Z',
  currentLa: 'E08000025',
  nextDue: '2026-12-03#c1',
  dueVisit: '2026-12-03#c1',
  ...overrides,
});

describe('the changes a row makes to its LA list counts', () => {
  it('adds a new row to the count of each list it is on, by its due date', () => {
    expect(countChanges(undefined, row())).toEqual([
      { la: 'E08000025', list: 'nextDue', date: '2026-12-03', by: 1 },
      { la: 'E08000025', list: 'dueVisit', date: '2026-12-03', by: 1 },
    ]);
  });

  it('moves a row from its old date to its new one, and changes nothing when the dates stay', () => {
    expect(countChanges(row(), row({ version: 4, dueVisit: '2027-01-07#c1' }))).toEqual([
      { la: 'E08000025', list: 'dueVisit', date: '2026-12-03', by: -1 },
      { la: 'E08000025', list: 'dueVisit', date: '2027-01-07', by: 1 },
    ]);
    expect(countChanges(row(), row({ version: 4 }))).toEqual([]);
  });

  it('takes a child who left care (no longer current) off every list', () => {
    const left = row({ version: 5, currentLa: undefined, nextDue: undefined, dueVisit: undefined });
    expect(countChanges(row(), left).map((c) => c.by)).toEqual([-1, -1]);
  });

  it('takes nothing away for a row an older schema wrote: it was never counted', () => {
    expect(countChanges(row({ rowSchema: COUNTED_SINCE_SCHEMA - 1 }), row()).map((c) => c.by)).toEqual([
      1, 1,
    ]);
  });
});

describe('counting between dates', () => {
  const counts = { '2026-11-01': 2, '2026-11-30': 3, '2026-12-10': 4, '9999-12-31': 5 };
  it('counts from a date (inclusive) to a date (exclusive), either end open', () => {
    expect(countBetween(counts, { before: '2026-11-30' })).toBe(2);
    expect(countBetween(counts, { from: '2026-11-30', before: '2026-12-11' })).toBe(7);
    expect(countBetween(counts, { before: '9999-12-31' })).toBe(9);
    expect(countBetween(counts, {})).toBe(14);
  });
});
