import { describe, expect, it } from 'vitest';
import { DynamoReadModels } from '../../../adapters/dynamodb/read-models';
import type { BusEvent, PublishedEvent } from '../../../application/ports/bus';
import { childEntersCare, testRuntime } from '../../support/local-runtime';

/**
 * The background loop looks at the events table's stream when the table is written, not only every tick: a command
 * is projected at once (as in AWS, where the stream's poller never sleeps), and an idle system runs nothing.
 */
describe('the local runtime after a command', () => {
  it('projects the new event without waiting for the next tick of its loop', async () => {
    let projected: (streamId: string) => void;
    const seen = new Promise<string>((resolve) => {
      projected = resolve;
    });
    // A tick of an hour: only the write itself can start the pass that projects the child in time.
    const runtime = await testRuntime({
      tickMs: 3_600_000,
      wrap: {
        Projector: (handler) => async (event: BusEvent<PublishedEvent>) => {
          const outcome = await handler(event);
          projected(event.detail.streamId);
          return outcome;
        },
      },
    });
    try {
      const child = await childEntersCare(runtime);
      expect(await seen).toBe(child);
      const row = await new DynamoReadModels(runtime.dynamo, runtime.tables).childRow(child);
      expect(row?.version).toBe(1);
    } finally {
      await runtime.stop();
    }
  });
});
