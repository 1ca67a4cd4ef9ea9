import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sealerWith } from '../adapters/crypto/keyring';
import { toItem } from '../adapters/dynamodb/seal';
import { catalog } from '../events/contracts';
import { streamKind } from '../events/stream-id';
import { sealStream, seededIvs, simulateLa } from './seed';

/**
 * The event volumes behind docs/cost-model.md: generates one LA (in memory, through the real deciders), seals its
 * streams as the store would, and counts what a year of it writes and what the functions then read.
 *   npx tsx scripts/measure-volumes.ts --la E08000035 --children 1000
 */
const { values } = parseArgs({
  options: {
    la: { type: 'string', default: 'E08000035' },
    children: { type: 'string', default: '1000' },
    seed: { type: 'string', default: 'demo' },
    'as-of': { type: 'string', default: '2026-03-31' },
  },
});
const asOf = values['as-of'];
const yearStart = Date.parse(`${asOf}T23:59:59Z`) - 365 * 86_400_000;
const { streams, stats } = simulateLa(values.la, {
  children: Number(values.children),
  seed: values.seed,
  asOf,
});

const KB = 1024;
let events = 0;
let bytes = 0;
let wru = 0;
let streamReadRru = 0;
let itemsEver = 0;
let bytesEver = 0;
const commandIds = new Set<string>();
const byType = new Map<string, number>();
let childStreams = 0;
for (const stream of streams) {
  if (streamKind(stream.streamId) === 'child') childStreams++;
  let streamBytes = 0;
  // Sealed as stored (with a throwaway key), so the sizes include the sealed personal fields.
  const seal = sealerWith(
    catalog,
    { keyId: 'measure', key: randomBytes(32) },
    seededIvs(values.seed, stream.streamId),
  );
  for (const event of sealStream(stream, catalog, values.seed, seal)) {
    const size = Buffer.byteLength(JSON.stringify(toItem(event)));
    streamBytes += size;
    itemsEver++;
    bytesEver += size;
    if (Date.parse(event.metadata.recordedAt) < yearStart) continue;
    events++;
    bytes += size;
    // Written in a transaction: 2 write units per started KB.
    wru += 2 * Math.ceil(size / KB);
    // A strongly consistent Query of the whole stream as it stands: 1 read unit per started 4 KB.
    streamReadRru += Math.ceil(streamBytes / (4 * KB));
    commandIds.add(event.metadata.commandId);
    byType.set(event.type, (byType.get(event.type) ?? 0) + 1);
  }
}

const perThousand = 1000 / Number(values.children);
const round = (n: number) => Math.round(n * perThousand);
console.log(
  JSON.stringify(
    {
      la: values.la,
      childrenLookedAfterAtSnapshot: Number(values.children),
      childrenSimulatedIncludingLeavers: stats.children,
      volunteers: stats.volunteers,
      streams: streams.length,
      childStreams,
      yearTo: asOf,
      perThousandChildrenPerYear: {
        events: round(events),
        commands: round(commandIds.size),
        eventBytes: round(bytes),
        transactionalEventWriteUnits: round(wru),
        fullStreamReadUnitsPerEvent: +(streamReadRru / events).toFixed(2),
      },
      eventsPerChildPerYear: +(events / Number(values.children)).toFixed(1),
      averageEventBytes: Math.round(bytes / events),
      allEventsGenerated: {
        items: round(itemsEver),
        megabytes: +((bytesEver * perThousand) / 1e6).toFixed(2),
      },
      byType: Object.fromEntries([...byType].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, round(v)])),
    },
    null,
    2,
  ),
);
