import { describe, expect, it } from 'vitest';
import { nextRunAfter } from '../../../infra/local/schedules';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('when a scheduled rule next runs, locally as in EventBridge', () => {
  it('runs a rate one period after it last ran', () => {
    expect(iso(nextRunAfter('rate(1 hour)', at('2026-12-01T10:15:00Z')))).toBe('2026-12-01T11:15:00.000Z');
    expect(iso(nextRunAfter('rate(7 days)', at('2026-12-01T10:15:00Z')))).toBe('2026-12-08T10:15:00.000Z');
  });

  it('runs a daily cron at its UTC time: later the same day, or the next day once that time has passed', () => {
    expect(iso(nextRunAfter('cron(0 2 * * ? *)', at('2026-12-01T01:59:00Z')))).toBe(
      '2026-12-01T02:00:00.000Z',
    );
    expect(iso(nextRunAfter('cron(0 2 * * ? *)', at('2026-12-01T02:00:00Z')))).toBe(
      '2026-12-02T02:00:00.000Z',
    );
    expect(iso(nextRunAfter('cron(30 23 * * ? *)', at('2026-12-31T23:31:00Z')))).toBe(
      '2027-01-01T23:30:00.000Z',
    );
  });

  it('refuses an expression it cannot keep, rather than never running it', () => {
    expect(() => nextRunAfter('cron(0 2 ? * MON *)', 0)).toThrow(/daily cron/);
    expect(() => nextRunAfter('rate(1 fortnight)', 0)).toThrow(/rate/);
  });
});
