import type { Obligation } from '../../domain/obligations';
import type { BusEvent } from '../ports/bus';
import type { Clock } from '../ports/clock';
import type { Log } from '../ports/log';
import type { WorkflowStarter } from '../ports/workflows';
import { deadlineInputOf, executionNameFor } from './plan';

export interface StarterDeps {
  /** The stream's open obligations, recomputed from its events now. */
  openObligations(streamId: string, now: Date): Promise<Obligation[]>;
  workflows: WorkflowStarter;
  clock: Clock;
  log: Log;
}

/**
 * After any fact on a stream, recompute its obligations and make sure each open one has its deadline workflow.
 * The execution name is a digest of the obligation id, so starting one that already runs (a duplicate delivery,
 * a later event on the same stream) is refused by Step Functions and counted here as harmless. Starting every open
 * obligation, not only those this event created, also heals a start that was lost before.
 */
export function createObligationStarter(deps: StarterDeps) {
  return async (event: BusEvent): Promise<{ started: number; alreadyWatched: number }> => {
    const now = deps.clock.now();
    const { streamId } = event.detail;
    const open = await deps.openObligations(streamId, now);
    const started = await armObligations(deps.workflows, open, now);
    const result = { started, alreadyWatched: open.length - started };
    deps.log.info('obligations checked', { streamId, eventId: event.detail.eventId, ...result });
    return result;
  };
}

/** Starts a deadline workflow for each open obligation that has none; says how many were started. */
export async function armObligations(
  workflows: WorkflowStarter,
  open: readonly Obligation[],
  now: Date,
): Promise<number> {
  let started = 0;
  for (const obligation of open)
    if (
      (await workflows.start(executionNameFor(obligation.id), deadlineInputOf(obligation, now))) === 'started'
    )
      started++;
  return started;
}
