/**
 * Where "now" comes from. In AWS it is the system clock; locally it is a controllable clock (infra/local/clock.ts)
 * that a person or a test moves forward to watch a deadline fire. Handlers take a Clock, never call `new Date()`.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** The longest single move of the local clock: far enough to watch any deadline fire (a DBS re-check is 3 years). */
export const MAX_CLOCK_MOVE = { ms: 260 * UNITS.w!, text: '260 weeks (5 years)' } as const;

/** "21d", "2h", "90m", "1w2d": a duration in milliseconds. */
export function parseDuration(text: string): number {
  const parts = [...text.trim().matchAll(/(\d+(?:\.\d+)?)\s*([smhdw])/g)];
  const consumed = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || consumed.replace(/\s/g, '') !== text.replace(/\s/g, ''))
    throw new Error(`"${text}" is not a duration such as 21d, 6h, 30m or 1w2d`);
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * UNITS[unit!]!, 0);
}

/** The clock cannot move as asked (backwards, too far, or out of the range the calendar covers); it did not move. */
export class ClockMoveRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClockMoveRefused';
  }
}

/**
 * Why a clock move given as text cannot be made, or undefined when it can: the one check the API, the admin page and
 * the clock itself share. A move is a duration of at most MAX_CLOCK_MOVE.
 */
export function clockMoveProblem(text: string): string | undefined {
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch {
    return 'must be a duration such as 21d, 1w2d or 6h';
  }
  if (!Number.isFinite(ms) || ms > MAX_CLOCK_MOVE.ms) return `must be at most ${MAX_CLOCK_MOVE.text}`;
  return undefined;
}
