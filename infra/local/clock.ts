import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Clock, parseDuration } from '../../application/ports/clock';

/**
 * The local runtime's clock: real time plus an offset. The offset is kept in `<dataDir>/clock.json`, so the
 * `npm run clock` command, a running runtime and a restarted runtime all see the same "now"; it is re-read on every
 * call, which is cheap locally and means a change made from another process takes effect at once.
 */
export class ControllableClock implements Clock {
  private offsetMs = 0;
  private readonly file?: string;

  /** `startAt` sets "now" when no offset has been kept yet (a fresh data folder, or in memory). */
  constructor(options: { dataDir?: string; realNow?: () => number; startAt?: Date } = {}) {
    this.file = options.dataDir ? join(options.dataDir, 'clock.json') : undefined;
    if (options.realNow) this.realNow = options.realNow;
    if (options.startAt && !(this.file && existsSync(this.file)))
      this.save(options.startAt.getTime() - this.realNow());
  }

  private realNow: () => number = () => Date.now();

  now(): Date {
    return new Date(this.realNow() + this.offset());
  }

  offset(): number {
    if (!this.file) return this.offsetMs;
    try {
      return (JSON.parse(readFileSync(this.file, 'utf8')) as { offsetMs: number }).offsetMs;
    } catch {
      return 0;
    }
  }

  /** Moves "now" forward by a duration such as "21d"; returns the new now. */
  advance(duration: string | number): Date {
    const ms = typeof duration === 'number' ? duration : parseDuration(duration);
    if (ms < 0) throw new Error('the clock only moves forward');
    this.save(this.offset() + ms);
    return this.now();
  }

  /** Jumps to an instant; refuses to go back in time, which would make waits and records disagree. */
  setTo(instant: Date): Date {
    const offset = instant.getTime() - this.realNow();
    if (offset < this.offset()) throw new Error('the clock only moves forward');
    this.save(offset);
    return this.now();
  }

  reset(): Date {
    this.save(0);
    return this.now();
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
