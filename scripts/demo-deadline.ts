import { ulid } from 'ulid';
import { runCommand } from '../application/command';
import { CHILD } from '../application/records';
import type { Actor } from '../events/envelope';
import { childStreamId } from '../events/stream-id';
import { startLocalRuntime } from '../infra/local/runtime';

/**
 * The "done when" of issue 4, on the local runtime: a made-up child enters care and is never offered an IV. The
 * controllable clock moves a day at a time; the reminder arrives before the first review is due and the missed
 * deadline on the day, both in the child's history and in the outbox. Run: npx tsx scripts/demo-deadline.ts
 */
const la = 'E08000035';
const coordinator: Actor = { id: 'user-coordinator-1', role: 'coordinator', la };
const runtime = await startLocalRuntime({
  inMemory: true,
  tickMs: 0,
  clockStartsAt: new Date('2026-12-07T10:00:00Z'),
});
const london = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
try {
  const childId = ulid();
  const streamId = childStreamId(childId);
  await runCommand({
    store: runtime.store,
    kind: CHILD,
    id: childId,
    la,
    mustExist: false,
    command: {
      type: 'EnterCare',
      childId,
      la,
      dateOfBirth: '2013-09-21',
      sex: 'female',
      ethnicity: 'BAFR',
      unaccompaniedAsylumSeeking: false,
      placementInLaArea: false,
      socialWorkerRef: 'sw-0001',
      iroRef: 'iro-0002',
    },
    context: { actor: coordinator, now: () => runtime.clock.now() },
    info: { commandId: ulid(), actor: coordinator },
  });
  await runtime.settle();
  const [execution] = runtime.stepFunctions.list();
  const obligation = (execution!.input as { obligation: { kind: string; remindAt: string; dueAt: string } })
    .obligation;
  console.log(`${london(runtime.clock.now().toISOString())}  ${streamId} entered care (no IV offered, ever)`);
  console.log(`  workflow ${execution!.name} watching "${obligation.kind}"`);
  const dueDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium' }).format(
    new Date(Date.parse(obligation.dueAt) - 1),
  );
  console.log(
    `  reminder at ${london(obligation.remindAt)}; first review due by ${dueDay}, missed when that day ends\n`,
  );

  let seen = 1;
  for (let day = 1; day <= 45; day++) {
    await runtime.advance('1d');
    const events = await runtime.store.read(streamId);
    for (const event of events.slice(seen)) {
      const data = event.data as { escalation?: number };
      console.log(
        `clock advance 1d -> ${london(runtime.clock.now().toISOString())}: v${event.version} ${event.type}` +
          `${data.escalation ? ` #${data.escalation}` : ''} by ${event.metadata.actor.role}, recorded ${london(event.metadata.recordedAt)}`,
      );
    }
    seen = events.length;
    if (events.some((e) => e.type === 'ObligationEscalated')) break;
  }

  console.log("\nThe child's history:");
  for (const e of await runtime.store.read(streamId))
    console.log(
      `  v${e.version}  ${e.metadata.recordedAt}  ${e.type.padEnd(26)} ${e.metadata.actor.role.padEnd(12)} ${JSON.stringify(e.type === 'ChildEnteredCare' ? { childId: '…' } : e.data)}`,
    );
  console.log(`\nThe outbox (${runtime.outbox.dir}):`);
  for (const n of await runtime.outbox.list())
    console.log(
      `  ${n.createdAt}  ${n.kind.padEnd(16)} to ${n.role.padEnd(12)} ${JSON.stringify(n.personalisation)}`,
    );
  console.log(`\nDead letters: ${runtime.deadLetters().length}`);
} finally {
  await runtime.stop();
}
