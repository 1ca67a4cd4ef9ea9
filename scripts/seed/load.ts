import {
  type DynamoDBClient,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
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

/** TransactWriteItems takes up to 100 items and 4 MB; generated events are a few KB at most. */
const BATCH = 100;
const BATCH_BYTES = 3_000_000;

/**
 * Writes sealed events into an empty store, `concurrency` writes in flight, without command records. In
 * transactions of up to 100 puts rather than BatchWriteItem's 25: DynamoDB Local on disk (a persistent `npm start`)
 * commits each item of a batch write on its own, but a transaction once, which made the first start's seed about
 * eight times faster. Only for loading generated histories: nothing here checks a stream's head.
 */
export async function writeSealed(
  client: DynamoDBClient,
  table: string,
  events: readonly StoredEvent[],
  concurrency = 4,
): Promise<void> {
  const batches: TransactWriteItem[][] = [[]];
  let bytes = 0;
  for (const event of events) {
    const Item = marshall(toItem(event), { removeUndefinedValues: true });
    const size = JSON.stringify(Item).length;
    if (batches.at(-1)!.length === BATCH || bytes + size > BATCH_BYTES) {
      batches.push([]);
      bytes = 0;
    }
    batches.at(-1)!.push({ Put: { TableName: table, Item } });
    bytes += size;
  }
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      if (batch.length > 0) await client.send(new TransactWriteItemsCommand({ TransactItems: batch }));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
