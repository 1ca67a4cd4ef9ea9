import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LocalKeyWrapper } from '../adapters/crypto/local-key-wrapper';
import { DynamoEventStore, lasWithStreams } from '../adapters/dynamodb/event-store';
import { DynamoReadModels } from '../adapters/dynamodb/read-models';

import { quietLog } from '../application/ports/log';
import { createStreamProjector } from '../application/projections/project';
import { rebuild } from '../application/projections/rebuild';
import { catalog } from '../events/contracts';
import { keyringOf } from '../functions/composition';
import { localClientConfig } from '../infra/local/dynamodb';

/**
 * Run by the bench in a process of its own, so its memory is the rebuild's alone: rebuilds every projection of the
 * population behind `endpoint`, sampling the resident set size, and prints one JSON line with the figures.
 *   tsx bench/rebuild-child.ts <endpoint> <tables as JSON> <as-of> <concurrency> <key-encryption key file>
 */
const [endpoint, tablesJson, asOf, concurrency, kekFile] = process.argv.slice(2);
const tables = JSON.parse(tablesJson!) as {
  events: string;
  commands: string;
  personalDataKeys: string;
  childSummary: string;
  volunteerSummary: string;
};
const mb = (bytes: number) => bytes / 1_048_576;
let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
};
const client = new DynamoDBClient(localClientConfig(endpoint!));
const store = new DynamoEventStore({
  client,
  tables,
  catalog,
  personalData: keyringOf(
    client,
    tables.personalDataKeys,
    LocalKeyWrapper.atPath(kekFile!),
    () => new Date(),
  ),
});
const project = createStreamProjector({
  store,
  readModels: new DynamoReadModels(client, tables),
  now: () => new Date(`${asOf}T22:00:00.000Z`),
  log: quietLog,
});
const las = await lasWithStreams(client, tables.events);
sample();
const startRss = peakRss;
const timer = setInterval(sample, 50);
const done = await rebuild({ store, project, las, concurrency: Number(concurrency ?? 8) });
clearInterval(timer);
sample();
console.log(
  JSON.stringify({
    streams: done.streams,
    events: done.events,
    elapsedMs: done.elapsedMs,
    eventsPerSecond: done.eventsPerSecond,
    streamsPerSecond: done.streamsPerSecond,
    startRssMb: mb(startRss),
    peakRssMb: mb(peakRss),
    peakHeapUsedMb: mb(peakHeap),
  }),
);
client.destroy();
