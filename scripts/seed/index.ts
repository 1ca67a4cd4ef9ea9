import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventStoreTables } from '../../adapters/dynamodb/layout';
import {
  type SimulateOptions,
  type SimulationStats,
  simulateLa,
} from '../../application/simulation/simulate';
import { londonDateOf } from '../../domain/calendar';
import { catalog } from '../../events/contracts';
import { sealStream, writeSealed } from './load';

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
export { sealStream, writeSealed } from './load';

export interface SeedResult extends SimulationStats {
  la: string;
  streamIds: string[];
}

/**
 * Generates one LA's children and volunteers (`children` looked after at `asOf`, plus those who left in the year
 * before) through the real deciders, and bulk-writes the sealed events into an empty events table. Reproducible:
 * the same seed gives the same events, ids and hashes included. Project them afterwards (rebuild) for the lists.
 */
export async function seedLa(
  client: DynamoDBClient,
  tables: Pick<EventStoreTables, 'events'>,
  la: string,
  options: Omit<SimulateOptions, 'seed' | 'asOf'> & { seed?: string; asOf?: string },
): Promise<SeedResult> {
  const seed = options.seed ?? 'demo';
  const { streams, stats } = simulateLa(la, { ...options, seed, asOf: options.asOf ?? todayInLondon() });
  const streamIds: string[] = [];
  // A few hundred streams at a time, so a large LA is never sealed all at once.
  for (let i = 0; i < streams.length; i += 200) {
    const chunk = streams.slice(i, i + 200);
    await writeSealed(
      client,
      tables.events,
      chunk.flatMap((stream) => sealStream(stream, catalog, seed)),
    );
    streamIds.push(...chunk.map((s) => s.streamId));
  }
  return { la, streamIds, ...stats };
}

const todayInLondon = () => londonDateOf(new Date());
