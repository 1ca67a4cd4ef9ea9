import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ClockMoveRefused } from '../../../application/ports/clock';
import { CLOCK_RANGE, ControllableClock } from '../../../infra/local/clock';

const root = mkdtempSync(join(tmpdir(), 'clock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const folder = () => {
  const dir = join(root, String(folders++));
  return dir;
};
const REAL = Date.parse('2026-12-01T09:00:00Z');

describe('the local clock', () => {
  it('refuses a move too large to represent, and keeps its file as it was (finding 2)', () => {
    const dataDir = folder();
    const clock = new ControllableClock({ dataDir, realNow: () => REAL });
    clock.advance('21d');
    const before = readFileSync(join(dataDir, 'clock.json'), 'utf8');
    expect(() => clock.advance('99999999999999999999w')).toThrow(ClockMoveRefused);
    expect(() => clock.advance('261w')).toThrow('at most 260 weeks');
    expect(() => clock.advance(Number.NaN)).toThrow(ClockMoveRefused);
    expect(readFileSync(join(dataDir, 'clock.json'), 'utf8')).toBe(before);
    // A restart reads the same good clock.
    expect(new ControllableClock({ dataDir, realNow: () => REAL }).now()).toEqual(clock.now());
  });

  it('refuses to go back in time, or out of the years the calendar covers, with a sentence', () => {
    const clock = new ControllableClock({ realNow: () => REAL });
    expect(() => clock.setTo(new Date('2000-01-01T00:00:00Z'))).toThrow(/only moves forward/);
    expect(() => clock.setTo(new Date('2060-01-01T00:00:00Z'))).toThrow(/between 2000-01-01 and 2032-12-31/);
    expect(() => clock.setTo(new Date('nonsense'))).toThrow(ClockMoveRefused);
    clock.setTo(new Date(CLOCK_RANGE.latest.getTime() - 86_400_000));
    expect(() => clock.advance('2d')).toThrow(ClockMoveRefused);
    expect(() => new ControllableClock({ startAt: new Date('1999-12-31T00:00:00Z') })).toThrow(
      ClockMoveRefused,
    );
  });

  it('refuses a damaged clock file at start, saying which file and how to put it right (finding 2)', () => {
    for (const content of ['{"offsetMs":6.048e+28}', 'not json', '{"offsetMs":"soon"}', 'null']) {
      const dataDir = folder();
      new ControllableClock({ dataDir, realNow: () => REAL }).advance('1d');
      writeFileSync(join(dataDir, 'clock.json'), content);
      expect(() => new ControllableClock({ dataDir, realNow: () => REAL })).toThrow(
        new RegExp(`clock file ${join(dataDir, 'clock.json')} is damaged.*Delete it`),
      );
    }
  });

  it('keeps its last good offset when the file is damaged while running', () => {
    const dataDir = folder();
    const clock = new ControllableClock({ dataDir, realNow: () => REAL });
    const now = clock.advance('7d');
    writeFileSync(join(dataDir, 'clock.json'), '{"offsetMs":6.048e+28}');
    expect(clock.now()).toEqual(now);
  });
});
