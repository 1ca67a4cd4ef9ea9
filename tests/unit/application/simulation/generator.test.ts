import { describe, expect, it } from 'vitest';
import { openerWith, sealerWith } from '../../../../adapters/crypto/keyring';
import { childRow } from '../../../../application/projections/child-row';
import { workingDaysLeft } from '../../../../application/timeline';
import { ageOn, calendarFor } from '../../../../domain/calendar';
import { catalog } from '../../../../events/contracts';
import { verifyChain } from '../../../../events/hash';
import { isSealed } from '../../../../events/personal-fields';
import { populationOf, Random, sealStream, seededIvs, simulateLa } from '../../../../scripts/seed';

const ASOF = '2026-03-31';
// One fixed data key for every generated person: enough to seal and open without a keys table.
const KEY = { keyId: 'test', key: Buffer.alloc(32, 7) };
const open = openerWith(catalog, KEY);
const sealedLa = (la: string, children: number, seed: string) =>
  simulateLa(la, { children, seed, asOf: ASOF }).streams.map((s) =>
    sealStream(s, catalog, seed, sealerWith(catalog, KEY, seededIvs(seed, s.streamId))),
  );

describe('the seeded random numbers', () => {
  it('give the same sequence for the same seed and a different one for another seed', () => {
    const a = new Random('x');
    const b = new Random('x');
    const c = new Random('y');
    const seq = (r: Random) => Array.from({ length: 5 }, () => r.next());
    const first = seq(a);
    expect(seq(b)).toEqual(first);
    expect(seq(c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('a generated LA', () => {
  it('is reproducible: the same seed gives the same events, ids and hashes; another seed does not', () => {
    const one = sealedLa('E06000014', 40, 'seed-a');
    expect(sealedLa('E06000014', 40, 'seed-a')).toEqual(one);
    expect(sealedLa('E06000014', 40, 'seed-b')).not.toEqual(one);
  });

  it('writes only valid, intact hash chains of events the catalog accepts', () => {
    const streams = sealedLa('W06000015', 60, 'chains');
    expect(streams.length).toBeGreaterThan(60);
    for (const events of streams) {
      expect(verifyChain(events)).toBeUndefined();
      const entered = events.find((e) => e.type === 'ChildEnteredCare');
      if (entered) expect(isSealed((entered.data as { dateOfBirth: unknown }).dateOfBirth)).toBe(true);
      for (const e of events.map(open))
        expect(() => catalog.upcast(e.type, e.schemaVersion, e.data)).not.toThrow();
    }
  });

  it('has the proportions of the domain brief among children looked after at the snapshot', () => {
    const children = 1200;
    const rows = sealedLa('E10000016', children, 'proportions')
      .filter((events) => events[0]!.streamId.startsWith('child#'))
      .map(
        (events) =>
          childRow(
            events.map(open).map((e) => ({ ...e, stored: { schemaVersion: e.schemaVersion, data: e.data } })),
            new Date(`${ASOF}T23:00:00Z`),
          )!,
      );
    const now = rows.filter((r) => r.status === 'looked-after' || r.stage === 'matched');
    const lookedAfter = rows.filter((r) => r.status === 'looked-after');
    expect(lookedAfter).toHaveLength(children);
    const share = (n: number) => n / lookedAfter.length;
    const count = (f: (r: (typeof rows)[number]) => boolean) => share(lookedAfter.filter(f).length);
    const age = (r: (typeof rows)[number]) => ageOn(r.dateOfBirth!, ASOF);
    expect(count((r) => age(r) >= 1 && age(r) <= 4)).toBeCloseTo(0.14, 1);
    expect(count((r) => age(r) >= 5 && age(r) <= 9)).toBeCloseTo(0.18, 1);
    expect(count((r) => age(r) >= 10 && age(r) <= 15)).toBeCloseTo(0.39, 1);
    expect(count((r) => age(r) >= 16)).toBeCloseTo(0.25, 1);
    expect(count((r) => r.sex === 'male')).toBeCloseTo(0.56, 1);
    expect(count((r) => r.ethnicityGroup === 'White')).toBeCloseTo(0.71, 1);
    expect(count((r) => r.ethnicityGroup === 'Mixed')).toBeCloseTo(0.11, 1);
    expect(count((r) => !r.placementInLaArea)).toBeCloseTo(0.5, 1);
    // Access: a few per cent matched (NIVN: 3.5% in England), some waiting, and most never offered.
    const matched = count((r) => r.stage === 'matched');
    expect(matched).toBeGreaterThan(0.015);
    expect(matched).toBeLessThan(0.07);
    expect(count((r) => r.stage === 'waiting')).toBeGreaterThan(0.003);
    expect(count((r) => r.stage === 'waiting')).toBeLessThan(0.05);
    // Believable: nearly every child in care for more than two months has been offered an IV, most by the first
    // review; no duty is overdue by years, and the few overdue offers are late by days or weeks.
    const settled = lookedAfter.filter((r) => r.enteredCareOn < '2026-01-31');
    expect(
      settled.filter((r) => r.periods[0]!.offeredOn !== undefined).length / settled.length,
    ).toBeGreaterThan(0.97);
    const calendar = calendarFor('england');
    const late = settled.filter(
      (r) => r.periods[0]!.offeredOn! > calendar.addWorkingDays(r.periods[0]!.startedOn, 20),
    );
    expect(late.length / settled.length).toBeLessThan(0.15);
    const overdue = lookedAfter.flatMap((r) =>
      r.duties.map((d) => workingDaysLeft(calendar, ASOF, d.dueOn)).filter((days) => days < 0),
    );
    expect(Math.min(...overdue)).toBeGreaterThan(-260);
    expect(overdue.length / lookedAfter.length).toBeLessThan(0.05);
    // Every child has a made-up name, a case-system id and an area, and staff with even caseloads.
    expect(lookedAfter.every((r) => r.firstNames && r.lastName && r.caseSystemId && r.placementArea)).toBe(
      true,
    );
    const caseloads = new Map<string, number>();
    for (const r of lookedAfter) caseloads.set(r.socialWorkerId, (caseloads.get(r.socialWorkerId) ?? 0) + 1);
    const loads = [...caseloads.values()];
    expect(Math.max(...loads)).toBeLessThan((2 * lookedAfter.length) / loads.length);
    // Those who left care in the year before the snapshot: about 0.4 of those looked after.
    expect(rows.length - now.length).toBeGreaterThan(children * 0.3);
    // Matched children visited around monthly: most matches older than 3 months have at least 2 visits held.
    const matches = lookedAfter
      .flatMap((r) => r.matches)
      .filter((m) => !m.endedOn && m.matchedOn < '2025-12-31');
    expect(matches.filter((m) => m.visitsHeld >= 2).length / matches.length).toBeGreaterThan(0.8);
    // 1,200 children and their staff and volunteers, simulated through the real deciders: allow a busy machine.
  });
});

describe('the national population', () => {
  it('covers 153 English and 22 Welsh LAs summing to the looked-after figures, in ten regions', () => {
    const sizes = populationOf({ seed: 'national' });
    const england = sizes.filter((s) => s.code.startsWith('E'));
    const wales = sizes.filter((s) => s.code.startsWith('W'));
    expect(england).toHaveLength(153);
    expect(wales).toHaveLength(22);
    const sum = (xs: typeof sizes) => xs.reduce((n, s) => n + s.children, 0);
    expect(Math.abs(sum(england) - 81_770)).toBeLessThan(100);
    expect(Math.abs(sum(wales) - 7_198)).toBeLessThan(30);
    expect(new Set(sizes.map((s) => s.region)).size).toBe(10);
    expect(populationOf({ seed: 'national' })).toEqual(sizes);
  });
});
