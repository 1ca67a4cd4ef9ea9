import type { Clock } from '../shared/clock';
import type { EventStore } from '../shared/event-store/port';
import type { Log } from '../shared/log';
import { streamObligations } from '../shared/obligations';
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
