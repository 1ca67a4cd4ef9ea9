import { setTimeout as sleep } from 'node:timers/promises';
import { BatchWriteItemCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Sealer } from '../../adapters/crypto/keyring';
import { sealEvents, toItem } from '../../adapters/dynamodb/seal';
import { Random } from '../../application/simulation/random';
import type { GeneratedStream } from '../../application/simulation/simulate';
import type { EventCatalog } from '../../events/catalog';
import { GENESIS_HASH, type StoredEvent } from '../../events/envelope';

/**
 * The IVs a generated stream's personal fields are sealed with, drawn from the seed: reloading the same history
 * with the person's same key writes the same bytes. Never reused for other values: a position in a stream is only
 * ever sealed with the value the same seed generates there.
 */
export function seededIvs(seed: string, streamId: string): () => Buffer {
  const rng = new Random(`${seed}:${streamId}:iv`);
  return () => Buffer.from(Array.from({ length: 12 }, () => rng.int(0, 255)));
}

/**
 * Seals a generated stream exactly as the store's append would (one command after another, personal fields sealed
 * with `seal`, chained by hash), with event ids drawn from a generator seeded by the stream, so the same seed and
 * key give the same events, ids and hashes included.
 */
export function sealStream(
  stream: GeneratedStream,
  catalog: EventCatalog,
  seed: string,
  seal: Sealer,
): StoredEvent[] {
  const ids = new Random(`${seed}:${stream.streamId}:ids`);
  const sealed: StoredEvent[] = [];
  let head = { version: 0, hash: GENESIS_HASH };
  for (const batch of stream.batches) {
    const events = sealEvents({
      catalog,
      streamId: stream.streamId,
      la: stream.la,
      head,
      events: batch.events,
      command: batch.command,
      recordedAt: new Date(batch.recordedAt),
      nextEventId: (time) => ids.ulid(time),
      seal,
    });
    sealed.push(...events);
    const last = events.at(-1)!;
    head = { version: last.version, hash: last.hash };
  }
  return sealed;
}

const BATCH = 25;

/**
 * Writes sealed events with BatchWriteItem: no transactions and no command records, so only for loading generated
 * histories into an empty store. Unprocessed items are retried with back-off; `concurrency` batches in flight.
 */
export async function writeSealed(
  client: DynamoDBClient,
  table: string,
  events: readonly StoredEvent[],
  concurrency = 4,
): Promise<void> {
  const requests: WriteRequest[] = events.map((event) => ({
    PutRequest: { Item: marshall(toItem(event), { removeUndefinedValues: true }) },
  }));
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      let pending = requests.slice(next, next + BATCH);
      next += BATCH;
      for (let attempt = 0; pending.length > 0; attempt++) {
        const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
        pending = result.UnprocessedItems?.[table] ?? [];
        if (pending.length > 0) await sleep(Math.min(1000, 20 * 2 ** attempt));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
