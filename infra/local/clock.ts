import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type Clock,
  ClockMoveRefused,
  clockMoveProblem,
  MAX_CLOCK_MOVE,
  parseDuration,
} from '../../application/ports/clock';
import { BANK_HOLIDAY_YEARS } from '../../domain/bank-holidays.generated';

/**
 * Where the local clock may stand: inside the bank-holiday table, with room for the furthest deadline counted from
 * "now" (a child born today is planned for about 18 years ahead), so no moment of the clock can ask the calendar for
 * a year it does not know.
 */
export const CLOCK_RANGE = {
  earliest: new Date(Date.UTC(BANK_HOLIDAY_YEARS.first, 0, 1)),
  latest: new Date(Date.UTC(BANK_HOLIDAY_YEARS.last - 18, 11, 31, 23, 59, 59)),
} as const;

const day = (instant: Date) => instant.toISOString().slice(0, 10);

/**
 * The local runtime's clock: real time plus an offset. The offset is kept in `<dataDir>/clock.json`, so the
 * `npm run clock` command, a running runtime and a restarted runtime all see the same "now"; it is re-read on every
 * call, which is cheap locally and means a change made from another process takes effect at once.
 *
 * It only moves forward, by at most MAX_CLOCK_MOVE at a time, and never out of CLOCK_RANGE. A clock file that does
 * not hold such an offset is refused when the clock is made (so a start says what is wrong instead of dying later),
 * and ignored, keeping the last good offset, while running.
 */
export class ControllableClock implements Clock {
  private offsetMs = 0;
  private readonly file?: string;

  /** `startAt` sets "now" when no offset has been kept yet (a fresh data folder, or in memory). */
  constructor(options: { dataDir?: string; realNow?: () => number; startAt?: Date } = {}) {
    this.file = options.dataDir ? join(options.dataDir, 'clock.json') : undefined;
    if (options.realNow) this.realNow = options.realNow;
    if (this.file && existsSync(this.file)) {
      const problem = this.read().problem;
      if (problem)
        throw new Error(
          `The local clock file ${this.file} is damaged: ${problem}. Delete it to start again at real time, or put back {"offsetMs": <milliseconds>}.`,
        );
      this.offsetMs = this.read().offsetMs!;
    } else if (options.startAt) {
      this.save(this.checked(options.startAt.getTime()) - this.realNow());
    }
  }

  private realNow: () => number = () => Date.now();

  now(): Date {
    return new Date(this.realNow() + this.offset());
  }

  offset(): number {
    if (!this.file) return this.offsetMs;
    const { offsetMs } = this.read();
    if (offsetMs !== undefined) this.offsetMs = offsetMs;
    return this.offsetMs;
  }

  /** Moves "now" forward by a duration such as "21d" (or milliseconds); returns the new now. */
  advance(duration: string | number): Date {
    const problem = typeof duration === 'string' ? clockMoveProblem(duration) : undefined;
    if (problem) throw new ClockMoveRefused(`The clock move ${problem}.`);
    const ms = typeof duration === 'number' ? duration : parseDuration(duration);
    if (!(ms >= 0)) throw new ClockMoveRefused('The clock only moves forward.');
    if (ms > MAX_CLOCK_MOVE.ms)
      throw new ClockMoveRefused(`The clock move must be at most ${MAX_CLOCK_MOVE.text}.`);
    this.save(this.checked(this.realNow() + this.offset() + ms) - this.realNow());
    return this.now();
  }

  /** Jumps to an instant; refuses to go back in time, which would make waits and records disagree. */
  setTo(instant: Date): Date {
    if (Number.isNaN(instant.getTime())) throw new ClockMoveRefused('That is not a valid time.');
    const offset = this.checked(instant.getTime()) - this.realNow();
    if (offset < this.offset())
      throw new ClockMoveRefused(
        `The clock only moves forward: it already says ${this.now().toISOString()}.`,
      );
    this.save(offset);
    return this.now();
  }

  reset(): Date {
    this.save(0);
    return this.now();
  }

  /** The instant, if the clock may stand there. */
  private checked(at: number): number {
    if (!(at >= CLOCK_RANGE.earliest.getTime() && at <= CLOCK_RANGE.latest.getTime()))
      throw new ClockMoveRefused(
        `The clock can only stand between ${day(CLOCK_RANGE.earliest)} and ${day(CLOCK_RANGE.latest)}, the years whose bank holidays are known for every deadline.`,
      );
    return at;
  }

  /** The kept offset, or what is wrong with the file. */
  private read(): { offsetMs?: number; problem?: string } {
    let text: string;
    try {
      text = readFileSync(this.file!, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { offsetMs: 0 };
      return { problem: (error as Error).message };
    }
    let offsetMs: unknown;
    try {
      offsetMs = (JSON.parse(text) as { offsetMs?: unknown } | null)?.offsetMs;
    } catch {
      return { problem: 'it is not JSON' };
    }
    if (typeof offsetMs !== 'number' || !Number.isFinite(offsetMs))
      return { problem: 'it has no offsetMs in milliseconds' };
    const at = this.realNow() + offsetMs;
    if (at < CLOCK_RANGE.earliest.getTime() || at > CLOCK_RANGE.latest.getTime())
      return {
        problem: `its offset puts now outside ${day(CLOCK_RANGE.earliest)} to ${day(CLOCK_RANGE.latest)}`,
      };
    return { offsetMs };
  }

  private save(offsetMs: number): void {
    this.offsetMs = offsetMs;
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify({ offsetMs }));
    renameSync(temp, this.file);
  }
}

/** The local data folder: DynamoDB Local's files, the clock, waiting executions, stream checkpoints, the outbox. */
export const DEFAULT_DATA_DIR = '.local/data';
