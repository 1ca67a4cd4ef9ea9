import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoReadModels } from '../../../adapters/dynamodb/read-models';
import { childEntersCare, testRuntime } from '../../support/local-runtime';

/**
 * Finding 1 of issue 19, the poller's part: the local bus queues in memory, so a batch of the events table's stream
 * is checkpointed only once every rule's targets have had what its publishing put on the bus. A system that dies
 * while a target is still at work replays the batch on its next start instead of losing it.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'iv-replay-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('a restart after dying mid-delivery', () => {
  it('replays the batch whose delivery was cut short: the child is projected and its deadline armed', async () => {
    const shared = { dataDir, inMemory: false, tablePrefix: `t${ulid().toLowerCase()}-` };
    let projectorReached: () => void;
    const reached = new Promise<void>((resolve) => {
      projectorReached = resolve;
    });
    // The projector never finishes: the process "dies" while the bus is delivering.
    const dying = await testRuntime({
      ...shared,
      clockStartsAt: new Date('2026-06-01T09:00:00Z'),
      wrap: {
        Projector: () => () => {
          projectorReached();
          return new Promise(() => {});
        },
      },
    });
    const child = await childEntersCare(dying);
    void dying.settle();
    await reached;

    const restarted = await testRuntime(shared);
    try {
      await restarted.settle();
      expect((await restarted.store.read(child)).map((e) => e.type)).toEqual(['ChildEnteredCare']);
      const rows = new DynamoReadModels(restarted.dynamo, restarted.tables);
      expect((await rows.childRow(child))?.version).toBe(1);
      expect(
        restarted.stepFunctions
          .list({ status: 'RUNNING' })
          .map((e) => (e.input as { obligation: { streamId: string } }).obligation.streamId),
      ).toContain(child);
    } finally {
      await restarted.stop();
    }
  });
});
