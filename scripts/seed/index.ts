import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KeyWrapper } from '../../adapters/crypto/key-wrapper';
import type { EventStoreTables } from '../../adapters/dynamodb/layout';
import {
  type SimulateOptions,
  type SimulationStats,
  simulateLa,
} from '../../application/simulation/simulate';
import { londonDateOf } from '../../domain/calendar';
import { catalog } from '../../events/contracts';
import { keyringOf } from '../../functions/composition';
import { sealStream, seededIvs, writeSealed } from './load';

export { type LaSize, LOOKED_AFTER, populationOf } from '../../application/simulation/population';
export { Random } from '../../application/simulation/random';
export {
  type CommandBatch,
  DEFAULT_RATES,
  type GeneratedStream,
  type GeneratorRates,
  type SimulateOptions,
  type SimulationStats,
  simulateLa,
} from '../../application/simulation/simulate';
export { sealStream, seededIvs, writeSealed } from './load';

export interface SeedResult extends SimulationStats {
  la: string;
  streamIds: string[];
}

/**
 * Generates one LA's children and volunteers (`children` looked after at `asOf`, plus those who left in the year
 * before) through the real deciders, and bulk-writes the sealed events into an empty events table, each person's
 * personal fields sealed with a data key of their own (made in the keys table, wrapped by `keys`). Reproducible:
 * the same seed gives the same events and ids. Project them afterwards (rebuild) for the lists.
 */
export async function seedLa(
  client: DynamoDBClient,
  tables: Pick<EventStoreTables, 'events'> & { personalDataKeys: string },
  la: string,
  options: Omit<SimulateOptions, 'seed' | 'asOf'> & { seed?: string; asOf?: string; keys: KeyWrapper },
): Promise<SeedResult> {
  const seed = options.seed ?? 'demo';
  const keyring = keyringOf(client, tables.personalDataKeys, options.keys, () => new Date());
  const { streams, stats } = simulateLa(la, { ...options, seed, asOf: options.asOf ?? todayInLondon() });
  const streamIds: string[] = [];
  // A few hundred streams at a time, so a large LA is never sealed all at once.
  for (let i = 0; i < streams.length; i += 200) {
    const chunk = streams.slice(i, i + 200);
    const sealers = await keyring.sealersFor(
      chunk.map(({ streamId }) => ({ streamId, iv: seededIvs(seed, streamId) })),
    );
    await writeSealed(
      client,
      tables.events,
      chunk.flatMap((stream, n) => sealStream(stream, catalog, seed, sealers[n]!)),
    );
    streamIds.push(...chunk.map((s) => s.streamId));
  }
  return { la, streamIds, ...stats };
}

const todayInLondon = () => londonDateOf(new Date());
