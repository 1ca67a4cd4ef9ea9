import { ulid } from 'ulid';
import type { Bus, BusEntry, BusEvent, PutOutcome } from '../../application/ports/bus';
import type { Clock } from '../../application/ports/clock';
import { matchesPattern } from './event-pattern';
import { LOCAL_ACCOUNT, LOCAL_REGION, type LocalRule } from './resources';

export type BusTarget = (event: BusEvent) => Promise<unknown>;

/**
 * EventBridge, locally: `put` accepts entries and queues them (EventBridge delivers asynchronously too); `pump`
 * delivers each queued event to every target of every rule of the template whose pattern matches, retrying a failing
 * target up to its rule's MaximumRetryAttempts and then handing the event to the target's dead-letter queue.
 */
export class LocalBus implements Bus {
  private queue: BusEvent[] = [];
  private readonly delivered: BusEvent[] = [];

  constructor(
    private readonly options: {
      rules: LocalRule[];
      target: (functionLogicalId: string) => BusTarget;
      onDeadLetter: (queue: string | undefined, event: BusEvent, error: unknown) => void;
      clock: Clock;
    },
  ) {}

  async put(entries: readonly BusEntry[]): Promise<PutOutcome[]> {
    for (const entry of entries) {
      this.queue.push({
        version: '0',
        id: ulid(),
        'detail-type': entry.detailType,
        source: entry.source,
        account: LOCAL_ACCOUNT,
        time: (entry.time ?? this.options.clock.now()).toISOString(),
        region: LOCAL_REGION,
        resources: [],
        detail: entry.detail,
      });
    }
    return entries.map(() => ({ ok: true }));
  }

  /** Delivers everything queued so far; true when anything was delivered. */
  async pump(): Promise<boolean> {
    if (this.queue.length === 0) return false;
    const batch = this.queue;
    this.queue = [];
    for (const event of batch) {
      this.delivered.push(event);
      for (const rule of this.options.rules) {
        if (!rule.eventPattern || !matchesPattern(rule.eventPattern, event)) continue;
        for (const target of rule.targets) await this.deliver(event, target);
      }
    }
    return true;
  }

  /** Every event the bus has delivered, oldest first (the local stand-in for the archive). */
  history(): readonly BusEvent[] {
    return this.delivered;
  }

  private async deliver(event: BusEvent, target: LocalRule['targets'][number]): Promise<void> {
    const handler = this.options.target(target.functionLogicalId);
    let lastError: unknown;
    for (let attempt = 0; attempt <= target.maxRetries; attempt++) {
      try {
        await handler(structuredClone(event));
        return;
      } catch (error) {
        lastError = error;
      }
    }
    this.options.onDeadLetter(target.deadLetterQueue, event, lastError);
  }
}
