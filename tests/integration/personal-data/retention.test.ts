import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDataKeys } from '../../../adapters/dynamodb/data-keys';
import { volunteerDecider } from '../../../domain/volunteer';
import { volunteerStreamId } from '../../../events/stream-id';
import type { LocalRuntime } from '../../../infra/local/runtime';
import { runOnStream } from '../../support/commands';
import { childEntersCare, coordinator, LA, onChild, testRuntime, typesOf } from '../../support/local-runtime';

/**
 * The nightly retention sweep on the local runtime, the clock moved on years at a time. The story starts in 2010, so
 * the years it moves through stay inside the local clock's range (CLOCK_RANGE). Made-up children who died
 * before 18 (whose records are kept 15 years from the death, 2010 Regulations reg 50) and a volunteer who left
 * (kept 6 years after leaving, the default local policy).
 */
let runtime: LocalRuntime | undefined;
const start = async (options: Parameters<typeof testRuntime>[0]) => {
  runtime = await testRuntime(options);
  return runtime;
};
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

const at = (iso: string) => new Date(iso);

async function childWhoDied(rt: LocalRuntime) {
  const streamId = await childEntersCare(rt, { dateOfBirth: '2000-03-14' });
  await onChild(rt, streamId, { type: 'LeaveCare', reason: 'died' });
  return streamId;
}

async function volunteerWhoLeft(rt: LocalRuntime) {
  const volunteerId = ulid();
  const streamId = volunteerStreamId(volunteerId);
  for (const command of [
    { type: 'Apply', volunteerId, la: LA },
    { type: 'Withdraw', reason: 'own-choice' },
  ] as const)
    await runOnStream({
      store: rt.store,
      streamId,
      la: LA,
      decider: volunteerDecider,
      command,
      context: { actor: coordinator, now: () => rt.clock.now() },
      info: { commandId: ulid(), actor: coordinator },
    });
  return streamId;
}

const types = async (rt: LocalRuntime, streamId: string) => typesOf(await rt.store.read(streamId));

describe('the nightly retention sweep', { timeout: 120_000 }, () => {
  it('erases each record the day after its retention period ends, as the system, and destroys its key', async () => {
    const rt = await start({ clockStartsAt: at('2010-02-01T10:00:00.000Z') });
    const child = await childWhoDied(rt);
    const volunteer = await volunteerWhoLeft(rt);
    await rt.settle();
    expect((await rt.sweepRetention()).erased).toBe(0);

    rt.clock.setTo(at('2016-02-01T20:00:00.000Z')); // the volunteer's last day
    expect(await rt.sweepRetention()).toMatchObject({ erased: 0 });
    rt.clock.setTo(at('2016-02-02T03:00:00.000Z'));
    expect(await rt.sweepRetention()).toMatchObject({ erased: 1 });
    expect((await types(rt, volunteer)).at(-1)).toBe('PersonalDataErased');
    expect((await types(rt, child)).at(-1)).toBe('ChildLeftCare');

    rt.clock.setTo(at('2025-02-01T03:00:00.000Z')); // 15 years from the death
    expect(await rt.sweepRetention()).toMatchObject({ erased: 1 });
    const [erasure] = (await rt.store.read(child)).slice(-1);
    expect(erasure).toMatchObject({
      type: 'PersonalDataErased',
      data: {
        basis: 'retention-period-ended',
        policy: expect.stringContaining('reg 50: 15 years from the death'),
      },
      metadata: { actor: { id: 'retention-schedule', role: 'system' } },
    });
    expect((await rt.store.read(child))[0]!.data).toMatchObject({ dateOfBirth: '[erased]' });
    const keys = new DynamoDataKeys(rt.dynamo, rt.tables.personalDataKeys);
    for (const streamId of [child, volunteer])
      expect(await keys.get(streamId)).toMatchObject({ destroyedAt: expect.any(String) });

    // Nothing twice: the next night finds both already erased.
    rt.clock.setTo(at('2025-02-02T03:00:00.000Z'));
    expect(await rt.sweepRetention()).toMatchObject({ erased: 0 });
    expect((await types(rt, child)).filter((t) => t === 'PersonalDataErased')).toHaveLength(1);
  });

  it('keeps a record under a legal hold past its date, and erases it the night after the hold is lifted', async () => {
    const rt = await start({ clockStartsAt: at('2010-02-01T10:00:00.000Z') });
    const child = await childWhoDied(rt);
    await onChild(rt, child, { type: 'PlaceLegalHold', reason: 'Inquiry 2024/7' });
    await rt.settle();

    rt.clock.setTo(at('2025-03-01T03:00:00.000Z'));
    expect(await rt.sweepRetention()).toMatchObject({ erased: 0, held: 1 });
    expect(await types(rt, child)).not.toContain('PersonalDataErased');
    expect((await rt.store.read(child))[0]!.data).toMatchObject({ dateOfBirth: '2000-03-14' });

    await onChild(rt, child, { type: 'LiftLegalHold', holdId: 'hold-1', reason: 'Inquiry closed' });
    await rt.settle();
    rt.clock.setTo(at('2025-03-02T03:00:00.000Z'));
    expect(await rt.sweepRetention()).toMatchObject({ erased: 1, held: 0 });
    expect((await types(rt, child)).at(-1)).toBe('PersonalDataErased');
  });
});
