import { createHash } from 'node:crypto';
import { addDays, londonDateOf } from '../../domain/calendar';
import type { PersonalDataCommand } from '../../domain/personal-data';
import { defaultPolicyFor, type PolicySource } from '../../domain/policy';
import type { Actor } from '../../events/envelope';
import { fromStreamId } from '../../events/stream-id';
import { runCommand } from '../command';
import type { Clock } from '../ports/clock';
import type { EventStore } from '../ports/event-store';
import type { Log } from '../ports/log';
import type { PersonalDataKeys } from '../ports/personal-data';
import type { ReadModels } from '../ports/read-models';
import type { ReceiptStore } from '../ports/receipts';
import type { RetentionRow } from '../projections/retention-row';
import { CHILD, VOLUNTEER } from '../records';
import { completeErasure } from './erasure';

export interface RetentionSweepDeps {
  store: EventStore;
  keys: PersonalDataKeys;
  readModels: Pick<ReadModels, 'childRowsOf' | 'volunteerRowsOfLa'>;
  las(): Promise<string[]>;
  clock: Clock;
  log: Log;
  policies?: PolicySource;
  /** Where the volunteers' expense receipts are, to delete them with the rest of an erased record. */
  receipts?: Pick<ReceiptStore, 'delete'>;
}

export interface SweepResult {
  checked: number;
  erased: number;
  /** Past their retention date but kept under a legal hold. */
  held: number;
}

/** The retention schedule erases as the system, never as a person. */
const scheduleActor = (la: string): Actor => ({ id: 'retention-schedule', role: 'system', la });

/** An erasure's key destruction is retried by the sweep for this long, should it have been cut short. */
const HEAL_DAYS = 7;

/**
 * Once a day: every record whose retention period has ended (by its read-model row) is erased, unless a legal hold
 * keeps it. The rows only say where to look: each erasure is decided afresh by the domain against the record's own
 * stream (still past its date? held? already erased?), as the system, with a command id of its own per record, so a
 * repeated or overlapping sweep erases nothing twice. The person's key is destroyed right after.
 */
export function createRetentionSweep(deps: RetentionSweepDeps) {
  const policies = deps.policies ?? defaultPolicyFor;
  return async (): Promise<SweepResult> => {
    const now = deps.clock.now();
    const today = londonDateOf(now);
    const result: SweepResult = { checked: 0, erased: 0, held: 0 };
    const consider = async (row: { streamId: string; la: string; retention?: RetentionRow }) => {
      result.checked++;
      const retention = row.retention;
      if (!retention) return;
      if (retention.erasedOn) {
        if (retention.erasedOn >= addDays(today, -HEAL_DAYS))
          await completeErasure(deps.store, deps.keys, row.streamId, deps.receipts);
        return;
      }
      if (!retention.until || retention.until >= today) return;
      if (retention.legalHolds > 0) {
        result.held++;
        return;
      }
      if (await eraseAtEndOfRetention(deps, policies, row.streamId, row.la)) result.erased++;
    };
    for (const la of await deps.las()) {
      for await (const row of deps.readModels.childRowsOf(la)) await consider(row);
      for (const row of await deps.readModels.volunteerRowsOfLa(la)) await consider(row);
    }
    deps.log.info('retention sweep', { on: today, ...result });
    return result;
  };
}

async function eraseAtEndOfRetention(
  deps: RetentionSweepDeps,
  policies: PolicySource,
  streamId: string,
  la: string,
): Promise<boolean> {
  const { kind, id } = fromStreamId(streamId);
  const actor = scheduleActor(la);
  const command: PersonalDataCommand = { type: 'EraseAtEndOfRetention' };
  const run = {
    store: deps.store,
    id,
    la,
    policies,
    command,
    context: { actor, now: () => deps.clock.now() },
    info: {
      commandId: `retention-${createHash('sha256').update(streamId).digest('hex').slice(0, 48)}`,
      actor,
    },
  };
  const outcome =
    kind === 'child'
      ? await runCommand({ ...run, kind: CHILD })
      : await runCommand({ ...run, kind: VOLUNTEER });
  await completeErasure(deps.store, deps.keys, streamId, deps.receipts);
  return outcome.written;
}
