import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../../application/ports/clock';
import type { LocalRule } from './resources';

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The period of an EventBridge `rate(...)` expression; the local system runs no cron expressions. */
export function ratePeriodMs(expression: string): number {
  const [, amount, unit] = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression) ?? [];
  if (!amount || !unit) throw new Error(`the local runtime runs rate(...) schedules only, not ${expression}`);
  return Number(amount) * UNIT_MS[unit]!;
}

/**
 * EventBridge's scheduled rules, locally, on the controllable clock: each rule's targets run once its period has
 * passed since its last run, the first time one period after the rule first existed, as in AWS. Moving the clock 21
 * days runs an hourly job once, not 504 times, as a system switched off for three weeks would. When each rule last
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
    for (const rule of options.rules) ratePeriodMs(rule.schedule!);
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
      if (now - Date.parse(this.lastRun[rule.logicalId]!) < ratePeriodMs(rule.schedule!)) continue;
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
