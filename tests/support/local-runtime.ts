import { ulid } from 'ulid';
import { inject } from 'vitest';
import { recordLink } from '../../application/notifications/notifier';
import { silentLog } from '../../application/ports/log';
import type { ChildCommand, EnterCare } from '../../domain/child';
import { childDecider } from '../../domain/child';
import type { Actor } from '../../events/envelope';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '../../infra/local/runtime';
import { runOnStream as runCommand } from './commands';

export const LA = 'E08000035';
export const coordinator: Actor = { id: 'user-coordinator-1', role: 'coordinator', la: LA };

/** A local runtime on the run's shared DynamoDB Local, with tables of its own and no background loop. */
export const testRuntime = (options: LocalRuntimeOptions = {}): Promise<LocalRuntime> =>
  startLocalRuntime({
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix: `t${ulid().toLowerCase()}-`,
    inMemory: true,
    tickMs: 0,
    // The hourly anchor and the daily reconciler run only where a test asks for them.
    schedules: false,
    log: silentLog,
    ...options,
  });

/** Runs a child command as a coordinator at the runtime's "now". */
export async function onChild(runtime: LocalRuntime, streamId: string, command: ChildCommand) {
  return runCommand({
    store: runtime.store,
    streamId,
    la: LA,
    decider: childDecider,
    command,
    context: { actor: coordinator, now: () => runtime.clock.now() },
    info: { commandId: ulid(), actor: coordinator },
  });
}

/** A synthetic child (made-up references, no name) enters care now; returns its stream id. */
export async function childEntersCare(runtime: LocalRuntime, overrides: Partial<EnterCare> = {}) {
  const childId = ulid();
  const streamId = `child#${childId}`;
  await onChild(runtime, streamId, {
    type: 'EnterCare',
    childId,
    la: LA,
    dateOfBirth: '2015-06-01',
    sex: 'male',
    ethnicity: 'WBRI',
    unaccompaniedAsylumSeeking: false,
    placementInLaArea: true,
    socialWorkerRef: 'sw-3003',
    iroRef: 'iro-4004',
    ...overrides,
  });
  return streamId;
}

/** The child's history as a reader sees it: version, type, actor role, when recorded. */
export async function historyOf(runtime: LocalRuntime, streamId: string) {
  return (await runtime.store.read(streamId)).map((e) => ({
    version: e.version,
    type: e.type,
    role: e.metadata.actor.role,
    recordedAt: e.metadata.recordedAt,
    data: e.data as Record<string, unknown>,
  }));
}

export const typesOf = (history: Array<{ type: string }>) => history.map((h) => h.type);

/** The outbox's notifications about one stream. */
export async function outboxFor(runtime: LocalRuntime, streamId: string) {
  return (await runtime.outbox.list()).filter((n) =>
    n.personalisation.record_link?.endsWith(recordLink('', streamId)),
  );
}

/** Moves the clock to the next instant a waiting execution wakes, and lets everything run. */
export async function untilNextWake(runtime: LocalRuntime) {
  await runtime.settle();
  const next = runtime.stepFunctions.nextWake();
  if (!next) throw new Error('no execution is waiting');
  runtime.clock.setTo(next);
  await runtime.settle();
  return next;
}
