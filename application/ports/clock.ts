/**
 * Where "now" comes from. In AWS it is the system clock; locally it is a controllable clock (infra/local/clock.ts)
 * that a person or a test moves forward to watch a deadline fire. Handlers take a Clock, never call `new Date()`.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "21d", "2h", "90m", "1w2d": a duration in milliseconds. */
export function parseDuration(text: string): number {
  const parts = [...text.trim().matchAll(/(\d+(?:\.\d+)?)\s*([smhdw])/g)];
  const consumed = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || consumed.replace(/\s/g, '') !== text.replace(/\s/g, ''))
    throw new Error(`"${text}" is not a duration such as 21d, 6h, 30m or 1w2d`);
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * UNITS[unit!]!, 0);
}
