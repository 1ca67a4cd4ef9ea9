import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateAsOf, UnreadableEventError } from '../../../application/audit/as-of';
import { diffMoments } from '../../../application/audit/diff';
import { fold } from '../../../domain/decider';
import { GENESIS_HASH } from '../../../events/envelope';
import { hashEvent } from '../../../events/hash';
import { auditReader, putRaw, rawItem } from '../../support/audit';
import { factsOf, runOnStream as runCommand } from '../../support/commands';
import { coordinator, newChildStream, TEST_LA, testStore } from '../../support/store';
import { testCatalog } from '../../support/test-catalog';
import { type TallyCommand, type TallyState, tallyDecider } from '../../support/test-decider';

const reader = auditReader(4);
const asOf = (streamId: string, moment: { at: string } | { version: number }) =>
  stateAsOf({ reader, catalog: testCatalog, decider: tallyDecider, streamId, moment });

const commandArb: fc.Arbitrary<TallyCommand> = fc.oneof(
  fc.record({ kind: fc.constant('increment' as const), by: fc.integer({ min: 1, max: 400 }) }),
  fc.record({
    kind: fc.constant('note' as const),
    text: fc.constantFrom('met the child', 'visit booked', 'review held'),
    pages: fc.nat(5),
  }),
);

/** A note written years ago under schema version 1, so replay must upcast it exactly as the live system does. */
async function seedWithOldNote(streamId: string, recordedAt: string) {
  const old = {
    streamId,
    version: 1,
    la: TEST_LA,
    type: 'NoteRecorded',
    schemaVersion: 1,
    data: { text: 'written under version 1' },
    metadata: {
      eventId: '01JH0000000000000000000000',
      occurredAt: recordedAt,
      recordedAt,
      actor: coordinator,
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
    },
    prevHash: GENESIS_HASH,
  };
  await putRaw({ ...old, hash: hashEvent(old), streamLa: TEST_LA });
}

describe('replaying a generated population', () => {
  it('gives, at every version and every recorded time, the state the live system had then', async () => {
    let clock = Date.parse('2026-01-05T09:00:00.000Z');
    const now = () => new Date(clock);
    const store = testStore({ now });
    const population = fc.sample(fc.array(commandArb, { minLength: 1, maxLength: 8 }), {
      numRuns: 10,
      seed: 7,
    });

    const streams: Array<{ streamId: string; states: TallyState[]; times: string[] }> = [];
    for (const [n, commands] of population.entries()) {
      const streamId = newChildStream();
      const entry = { streamId, states: [] as TallyState[], times: [] as string[] };
      if (n === 0) await seedWithOldNote(streamId, new Date(clock).toISOString());
      for (const command of commands) {
        clock += 60_000;
        try {
          await runCommand({
            store,
            streamId,
            la: TEST_LA,
            decider: tallyDecider,
            command,
            context: { now, actor: coordinator },
            info: { commandId: `${streamId}-${clock}`, actor: coordinator, reason: 'generated' },
          });
        } catch {
          // A command the rules refuse writes nothing; the population keeps such gaps, as real ones do.
        }
      }
      // The live state: what the command plumbing folds from the store before every decision.
      const live = await store.read(streamId);
      for (let v = 1; v <= live.length; v++) {
        entry.states.push(fold(tallyDecider, factsOf(live.slice(0, v))));
        entry.times.push(live[v - 1]!.metadata.recordedAt);
      }
      streams.push(entry);
    }
    expect(streams[0]!.states[0]!.notes).toEqual([
      { text: 'written under version 1', pages: 0, recordedBy: coordinator.id },
    ]);

    for (const { streamId, states, times } of streams) {
      const latest = await asOf(streamId, { version: Number.MAX_SAFE_INTEGER });
      expect(latest).toMatchObject({ state: states.at(-1), version: states.length, trusted: true });
      for (let v = 1; v <= states.length; v++) {
        expect((await asOf(streamId, { version: v })).state).toEqual(states[v - 1]);
        // Half a minute after version v was recorded, and before the next: the system knew exactly v events.
        const between = new Date(Date.parse(times[v - 1]!) + 30_000).toISOString();
        expect(await asOf(streamId, { at: between })).toMatchObject({ version: v, state: states[v - 1] });
      }
      const before = new Date(Date.parse(times[0]!) - 1).toISOString();
      expect(await asOf(streamId, { at: before })).toMatchObject({
        version: 0,
        state: tallyDecider.initialState,
      });
    }
  });

  it('shows what changed between two moments', async () => {
    let clock = Date.parse('2026-02-01T10:00:00.000Z');
    const store = testStore({ now: () => new Date(clock) });
    const streamId = newChildStream();
    const commands: TallyCommand[] = [
      { kind: 'increment', by: 5 },
      { kind: 'note', text: 'visit booked', pages: 1 },
      { kind: 'increment', by: 2 },
    ];
    for (const command of commands) {
      clock += 86_400_000;
      await runCommand({
        store,
        streamId,
        la: TEST_LA,
        decider: tallyDecider,
        command,
        context: { now: () => new Date(clock), actor: coordinator },
        info: { commandId: `${streamId}-${clock}`, actor: coordinator },
      });
    }
    const diff = await diffMoments({
      reader,
      catalog: testCatalog,
      decider: tallyDecider,
      streamId,
      from: { at: '2026-02-02T23:59:59.999Z' },
      to: { version: 3 },
    });
    expect(diff.from.version).toBe(1);
    expect(diff.to.version).toBe(3);
    expect(diff.changes.map((c) => [c.path, c.kind, c.before, c.after])).toEqual([
      ['lastOccurredAt', 'changed', '2026-02-02T10:00:00.000Z', '2026-02-04T10:00:00.000Z'],
      ['notes[0]', 'added', undefined, { text: 'visit booked', pages: 1, recordedBy: coordinator.id }],
      ['total', 'changed', 5, 7],
    ]);
  });

  it('says a state cannot be trusted when an event folded into it was altered, and refuses an unreadable one', async () => {
    const store = testStore();
    const streamId = newChildStream();
    for (const by of [1, 2, 3])
      await runCommand({
        store,
        streamId,
        la: TEST_LA,
        decider: tallyDecider,
        command: { kind: 'increment', by },
        context: { now: () => new Date(), actor: coordinator },
        info: { commandId: `${streamId}-${by}`, actor: coordinator },
      });
    await putRaw({ ...(await rawItem(streamId, 2)), data: { by: 200 } });
    expect(await asOf(streamId, { version: 1 })).toMatchObject({ trusted: true, state: { total: 1 } });
    expect(await asOf(streamId, { version: 3 })).toMatchObject({
      trusted: false,
      state: { total: 204 },
      verification: { firstBroken: { version: 2 } },
    });

    await putRaw({ ...(await rawItem(streamId, 3)), data: { by: 'three' } });
    await expect(asOf(streamId, { version: 3 })).rejects.toThrow(UnreadableEventError);
  });
});
