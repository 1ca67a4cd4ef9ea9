import type { Clock } from '../ports/clock';
import type { EventStore } from '../ports/event-store';
import type { Log } from '../ports/log';
import { streamObligations } from './obligations';
import type { DeadlinePorts } from './tasks';

/** The deadline steps over the real event store and the pure domain. */
export function deadlinePorts(options: { store: EventStore; clock: Clock; log: Log }): DeadlinePorts {
  const obligations = streamObligations(options);
  return {
    clock: options.clock,
    log: options.log,
    isOpen: (obligation, now) => obligations.isOpen(obligation.streamId, obligation.id, now),
    record: (stage, obligation, escalation) =>
      obligations.record(stage, obligation.streamId, obligation.id, escalation),
  };
}
