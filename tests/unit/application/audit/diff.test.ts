import { describe, expect, it } from 'vitest';
import { diffStates } from '../../../../application/audit/diff';

describe('the difference between two states', () => {
  it('names every added, removed and changed leaf by its path, in a stable order', () => {
    const before = {
      status: 'referred',
      child: { name: 'Ada Example', placement: { area: 'in' } },
      reviews: [{ heldOn: '2026-01-05' }],
      waiting: true,
    };
    const after = {
      status: 'matched',
      child: { name: 'Ada Example', placement: { area: 'out' } },
      reviews: [{ heldOn: '2026-01-05' }, { heldOn: '2026-04-01' }],
      visitor: { id: 'v-1' },
    };
    expect(diffStates(before, after)).toEqual([
      { path: 'child.placement.area', kind: 'changed', before: 'in', after: 'out' },
      { path: 'reviews[1]', kind: 'added', after: { heldOn: '2026-04-01' } },
      { path: 'status', kind: 'changed', before: 'referred', after: 'matched' },
      { path: 'visitor', kind: 'added', after: { id: 'v-1' } },
      { path: 'waiting', kind: 'removed', before: true },
    ]);
  });

  it('finds nothing between equal states, however they were built', () => {
    const a = {
      when: new Date('2026-01-01T00:00:00Z'),
      tags: new Set(['x']),
      by: new Map([['k', 1]]),
      gone: undefined,
    };
    const b = { by: { k: 1 }, tags: ['x'], when: '2026-01-01T00:00:00.000Z' };
    expect(diffStates(a, b)).toEqual([]);
  });

  it('reports a change of kind, a shortened list, odd keys and a whole-state change', () => {
    expect(diffStates({ a: [1, 2, 3], 'odd key': 1, n: { x: 1 } }, { a: [1], 'odd key': 2, n: 5 })).toEqual([
      { path: 'a[1]', kind: 'removed', before: 2 },
      { path: 'a[2]', kind: 'removed', before: 3 },
      { path: 'n', kind: 'changed', before: { x: 1 }, after: 5 },
      { path: '["odd key"]', kind: 'changed', before: 1, after: 2 },
    ]);
    expect(diffStates(1, 2)).toEqual([{ path: '(state)', kind: 'changed', before: 1, after: 2 }]);
  });
});
