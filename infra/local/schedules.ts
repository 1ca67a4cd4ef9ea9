import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../../application/ports/clock';
import type { LocalRule } from './resources';

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/**
 * When a rule next runs after it last ran at `last` (ms): EventBridge's `rate(...)`, or a daily `cron(M H * * ? *)`
 * at that UTC time. The local system runs no other cron expressions, and says so when a stack asks for one.
 */
export function nextRunAfter(expression: string, last: number): number {
  const [, amount, unit] = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression) ?? [];
  if (amount && unit) return last + Number(amount) * UNIT_MS[unit]!;
  const [, minute, hour] = /^cron\((\d{1,2}) (\d{1,2}) \* \* \? \*\)$/.exec(expression) ?? [];
  if (minute === undefined || hour === undefined)
    throw new Error(
      `the local runtime runs rate(...) and daily cron(M H * * ? *) schedules only, not ${expression}`,
    );
  const day = new Date(last);
  const today = Date.UTC(
    day.getUTCFullYear(),
    day.getUTCMonth(),
    day.getUTCDate(),
    Number(hour),
    Number(minute),
  );
  return today > last ? today : today + UNIT_MS.day!;
}

/**
 * EventBridge's scheduled rules, locally, on the controllable clock: each rule's targets run once its next time after
 * its last run has come (a period later, or the next day at its hour), counted first from when the rule first
 * existed, as in AWS. Moving the clock 21 days runs an hourly job once, not 504 times, as a system switched off for three weeks would. When each rule last
 * ran is kept in a file, so a restart keeps the rhythm; a target that still fails after its rule's retries goes to
 * its dead-letter queue.
 */
export class LocalSchedules {
  private lastRun: Record<string, string> = {};

  constructor(
    private readonly options: {
      rules: LocalRule[];
      run: (functionLogicalId: string) => Promise<unknown>;
      clock: Clock;
      onDeadLetter: (queue: string | undefined, rule: string, error: unknown) => void;
      file?: string;
    },
  ) {
    for (const rule of options.rules) nextRunAfter(rule.schedule!, 0);
    if (options.file) {
      try {
        this.lastRun = JSON.parse(readFileSync(options.file, 'utf8'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    const now = options.clock.now().toISOString();
    for (const rule of options.rules) this.lastRun[rule.logicalId] ??= now;
    this.save();
  }

  /** Runs every rule that is due; true when any ran. */
  async pump(): Promise<boolean> {
    const now = this.options.clock.now().getTime();
    let ran = false;
    for (const rule of this.options.rules) {
      if (now < nextRunAfter(rule.schedule!, Date.parse(this.lastRun[rule.logicalId]!))) continue;
      await this.run(rule);
      ran = true;
    }
    return ran;
  }

  /**
   * Runs a function now, whatever its schedule says, and counts its rule (if it is scheduled here) as run: what it
   * returns, or what it throws, goes to the caller.
   */
  async runNow(functionLogicalId: string): Promise<unknown> {
    const rule = this.options.rules.find((r) =>
      r.targets.some((t) => t.functionLogicalId === functionLogicalId),
    );
    if (rule) {
      this.lastRun[rule.logicalId] = this.options.clock.now().toISOString();
      this.save();
    }
    return this.options.run(functionLogicalId);
  }

  private async run(rule: LocalRule): Promise<void> {
    this.lastRun[rule.logicalId] = this.options.clock.now().toISOString();
    this.save();
    for (const target of rule.targets) {
      let lastError: unknown;
      let done = false;
      for (let attempt = 0; attempt <= target.maxRetries && !done; attempt++) {
        try {
          await this.options.run(target.functionLogicalId);
          done = true;
        } catch (error) {
          lastError = error;
        }
      }
      if (!done) this.options.onDeadLetter(target.deadLetterQueue, rule.logicalId, lastError);
    }
  }

  private save(): void {
    const file = this.options.file;
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(this.lastRun));
    renameSync(`${file}.tmp`, file);
  }
}
