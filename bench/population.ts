import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalKeyWrapper } from '../adapters/crypto/local-key-wrapper';
import { toItem } from '../adapters/dynamodb/seal';
import { catalog } from '../events/contracts';
import { streamKind } from '../events/stream-id';
import { keyringOf } from '../functions/composition';
import { type LocalDynamo, startDynamoDbLocal } from '../infra/local/dynamodb';
import { createTables, localTables, synthesizeTemplates, tablesFromTemplates } from '../infra/local/template';
import {
  type GeneratedStream,
  populationOf,
  sealStream,
  seededIvs,
  simulateLa,
  writeSealed,
} from '../scripts/seed';

export const SEED = 'bench';
export const AS_OF = '2026-03-31';
const YEAR_MS = 365.25 * 86_400_000;
const BENCH_JAVA_OPTIONS = '-Xmx4g';

/** What a generated population holds, measured while it was generated (kept beside its DynamoDB Local folder). */
export interface PopulationManifest {
  scale: number;
  seed: string;
  asOf: string;
  las: number;
  /** Child streams: those looked after at the snapshot plus those who left care in the year before. */
  children: number;
  volunteers: number;
  events: number;
  childEvents: number;
  volunteerEvents: number;
  /** UTF-8 bytes of each stored item as JSON: close to, not exactly, DynamoDB's item size. */
  childBytes: number;
  volunteerBytes: number;
  /** Years in care summed over the children: from entering care to leaving it, or to the snapshot. */
  childYears: number;
  earliestEvent: string;
  generatedSeconds: number;
  generatedEventsPerSecond: number;
  /** The generator's peak resident set while generating: it holds one LA's streams at a time, never the country. */
  generatorPeakRssMb: number;
  /** DynamoDB Local's (Java's) peak resident set once generated: the in-memory database holds the whole store. */
  databasePeakRssMb?: number;
}

/**
 * Generates a population into a fresh in-memory DynamoDB Local and leaves it running for the caller. In memory,
 * because on this machine DynamoDB Local wrote generated events about five times faster than to a data folder
 * (about 590 vs 100 events/s under the same load), so generating afresh beat keeping a population between runs.
 */
export async function openPopulation(
  scale: number,
  log: (line: string) => void,
): Promise<{
  dynamo: LocalDynamo;
  manifest: PopulationManifest;
  tables: ReturnType<typeof localTables>;
  /** The key-encryption key the people's data keys are wrapped with, for the rebuild's own process. */
  kekFile: string;
}> {
  const templates = synthesizeTemplates();
  const tables = localTables(templates);
  // DynamoDB Local keeps in-memory tables in SQLite, outside Java's heap (its old generation held ~70 MB at 10%);
  // left to its default (a quarter of the machine) the heap grew to 1.6 GB of mostly garbage at 10%, which beside
  // the national tables (about 10 GB) might not fit. A 2 GB cap was tried once: that run lost its connection to
  // DynamoDB Local during the 10% generation (load 15-21), the cause not found; 4 GB leaves twice the room.
  process.env.JAVA_TOOL_OPTIONS = BENCH_JAVA_OPTIONS;
  const dynamo = await startDynamoDbLocal();
  await createTables(dynamo.client, tablesFromTemplates(templates));
  const kekFile = join(mkdtempSync(join(tmpdir(), 'iv-bench-')), 'personal-data.key');
  const keyring = keyringOf(
    dynamo.client,
    tables.personalDataKeys,
    LocalKeyWrapper.atPath(kekFile),
    () => new Date(),
  );

  const sizes = populationOf({ seed: SEED, scale });
  const m: PopulationManifest = {
    scale,
    seed: SEED,
    asOf: AS_OF,
    las: sizes.length,
    children: 0,
    volunteers: 0,
    events: 0,
    childEvents: 0,
    volunteerEvents: 0,
    childBytes: 0,
    volunteerBytes: 0,
    childYears: 0,
    earliestEvent: '9999',
    generatedSeconds: 0,
    generatedEventsPerSecond: 0,
    generatorPeakRssMb: 0,
  };
  const sampleRss = () => {
    m.generatorPeakRssMb = Math.max(m.generatorPeakRssMb, process.memoryUsage.rss() / 1_048_576);
  };
  const snapshot = Date.parse(`${AS_OF}T23:00:00.000Z`);
  const started = performance.now();
  let lastLog = started;
  for (const la of sizes) {
    const { streams } = simulateLa(la.code, { children: la.children, seed: SEED, asOf: AS_OF });
    for (let i = 0; i < streams.length; i += 200) {
      const chunk = streams.slice(i, i + 200);
      const sealers = await Promise.all(
        chunk.map((s) => keyring.sealerFor(s.streamId, seededIvs(SEED, s.streamId))),
      );
      const sealed = chunk.map((s, n) => ({ stream: s, events: sealStream(s, catalog, SEED, sealers[n]!) }));
      for (const { stream, events } of sealed) count(m, stream, events, snapshot);
      await writeSealed(
        dynamo.client,
        tables.events,
        sealed.flatMap((s) => s.events),
      );
      sampleRss();
    }
    if (performance.now() - lastLog > 30_000) {
      lastLog = performance.now();
      const seconds = (lastLog - started) / 1000;
      log(
        `  generating ${scale}: ${m.events} events in ${seconds.toFixed(0)} s (${(m.events / seconds).toFixed(0)}/s)`,
      );
    }
  }
  m.generatedSeconds = (performance.now() - started) / 1000;
  m.generatedEventsPerSecond = m.events / m.generatedSeconds;
  m.databasePeakRssMb = peakRssMbOfDynamoDbLocal(dynamo.endpoint);
  log(
    `  generated ${scale}: ${m.children} child streams, ${m.events} events in ${m.generatedSeconds.toFixed(0)} s ` +
      `(${m.generatedEventsPerSecond.toFixed(0)}/s); peak RSS: generator ${m.generatorPeakRssMb.toFixed(0)} MB, ` +
      `DynamoDB Local ${m.databasePeakRssMb?.toFixed(0) ?? '?'} MB`,
  );
  return { dynamo, manifest: m, tables, kekFile };
}

/**
 * The peak resident set (VmHWM) of the Java process serving `endpoint`, found by its `-port` argument; undefined
 * where there is no /proc.
 */
function peakRssMbOfDynamoDbLocal(endpoint: string): number | undefined {
  const port = new URL(endpoint).port;
  if (!existsSync('/proc/self/status')) return undefined;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const java = args[0]?.endsWith('java') && args.some((a) => a.endsWith('DynamoDBLocal.jar'));
      if (!java || args[args.indexOf('-port') + 1] !== port) continue;
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return kb ? Number(kb) / 1024 : undefined;
    } catch {
      // Gone while we looked.
    }
  }
  return undefined;
}

function count(
  m: PopulationManifest,
  stream: GeneratedStream,
  events: ReturnType<typeof sealStream>,
  snapshot: number,
) {
  const bytes = events.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(toItem(e))), 0);
  m.events += events.length;
  const first = events[0]?.metadata.occurredAt;
  if (first && first < m.earliestEvent) m.earliestEvent = first;
  if (streamKind(stream.streamId) === 'child') {
    m.children++;
    m.childEvents += events.length;
    m.childBytes += bytes;
    const entered = events.find((e) => e.type === 'ChildEnteredCare')?.metadata.occurredAt;
    const left = events.findLast((e) => e.type === 'ChildLeftCare')?.metadata.occurredAt;
    if (entered)
      m.childYears += Math.max(0, (left ? Date.parse(left) : snapshot) - Date.parse(entered)) / YEAR_MS;
  } else {
    m.volunteers++;
    m.volunteerEvents += events.length;
    m.volunteerBytes += bytes;
  }
}
