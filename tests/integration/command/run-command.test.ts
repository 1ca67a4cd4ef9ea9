import { describe, expect, it } from 'vitest';
import { runCommandAcross } from '../../../application/command';
import { DomainRuleBroken } from '../../../domain/decider';
import { deciderTarget, runOnStream as runCommand } from '../../support/commands';
import { counterDecider } from '../../support/counter-decider';
import { coordinator, newChildStream, newCommand, TEST_LA, testStore } from '../../support/store';

const store = testStore();
const context = { actor: coordinator, now: () => new Date() };
const increment = (streamId: string, by: number, info = newCommand()) =>
  runCommand({
    store,
    streamId,
    la: TEST_LA,
    decider: counterDecider,
    command: { type: 'Increment', by },
    context,
    info,
  });

describe('running a command: read, decide, append', () => {
  it('serialises 20 concurrent commands on one stream: every one lands once, in versions 1 to 20 with no gaps', async () => {
    const streamId = newChildStream();
    const commands = Array.from({ length: 20 }, () => newCommand());
    const outcomes = await Promise.all(
      commands.map((info) =>
        runCommand({
          store,
          streamId,
          la: TEST_LA,
          decider: counterDecider,
          command: { type: 'Increment', by: 1 },
          context,
          info,
          retry: { maxAttempts: 40, baseDelayMs: 5, maxDelayMs: 200 },
        }),
      ),
    );
    expect(outcomes.every((o) => o.written)).toBe(true);
    const events = await store.read(streamId);
    expect(events.map((e) => e.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(events.map((e) => e.metadata.commandId))).toEqual(
      new Set(commands.map((c) => c.commandId)),
    );
  });

  it('writes nothing when a rule of the domain refuses the command', async () => {
    const streamId = newChildStream();
    await increment(streamId, 90);
    await expect(increment(streamId, 20)).rejects.toThrow(DomainRuleBroken);
    expect((await store.read(streamId)).map((e) => e.data)).toEqual([{ by: 90 }]);
  });

  it('returns the first result for a repeated command id, even when deciding again would now be refused', async () => {
    const streamId = newChildStream();
    const info = newCommand();
    const first = await increment(streamId, 60, info);
    const again = await increment(streamId, 60, info);
    expect(again.written).toBe(false);
    expect(again.result).toEqual({ ...first.result, duplicate: true });
    expect(await store.read(streamId)).toHaveLength(1);
  });

  it('writes to two streams at once, deciding on both states', async () => {
    const [a, b] = [newChildStream(), `volunteer#${newChildStream().slice(6)}`];
    await increment(a, 5);
    const outcome = await runCommandAcross<[{ total: number }, { total: number }]>({
      store,
      targets: [deciderTarget(a, TEST_LA, counterDecider), deciderTarget(b, TEST_LA, counterDecider)],
      // Move a's total across to b.
      decide: ([fromA]) => [
        [{ type: 'CounterIncremented', data: { by: 1 } }],
        [{ type: 'CounterIncremented', data: { by: fromA.total } }],
      ],
      context,
      command: newCommand(),
    });
    expect(outcome.result.streams.map((s) => [s.streamId, s.toVersion])).toEqual([
      [a, 2],
      [b, 1],
    ]);
    expect((await store.read(b))[0]!.data).toEqual({ by: 5 });
  });
});
