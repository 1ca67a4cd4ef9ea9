import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DynamoReadModels } from '../adapters/dynamodb/read-models';

import { laReport } from '../application/reports/la-report';
import { nationalReturnOf, reportRowsOf } from '../application/reports/reports';
import { populationOf } from '../scripts/seed';
import { AS_OF, openPopulation, type PopulationManifest } from './population';
import { type Spread, spread, timed } from './stats';

const run = promisify(execFile);
/**
 * The rebuild's heap, as `npm run rebuild` sets it. What a rebuild keeps between streams is ~20-45 MB at every
 * scale (old space after each full GC, sampled at 10%); left to itself V8 let the heap grow to 2-3 times that
 * before collecting, more the longer and faster the run, which was all of the peak's growth with the population.
 */
const REBUILD_NODE_OPTIONS = '--max-old-space-size=96 --max-semi-space-size=8';
/** The LA whose report is timed: a large metropolitan borough, present at every scale. */
export const REPORT_LA = 'E08000035';
const PERIOD = { from: '2025-04-01', to: AS_OF };

export interface RebuildRun {
  streams: number;
  events: number;
  elapsedMs: number;
  eventsPerSecond: number;
  streamsPerSecond: number;
  startRssMb: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
}

export interface PopulationFigures {
  manifest: PopulationManifest;
  rebuild: {
    runs: RebuildRun[];
    eventsPerSecond: Spread;
    streamsPerSecond: Spread;
    peakRssMb: Spread;
    peakHeapUsedMb: Spread;
    startRssMb: Spread;
  };
  reports: {
    laChildren: number;
    /** One LA's report as the service makes it: its rows (the fields the report reads), then every figure. */
    laReportMs: Spread;
    /** The national return as the service makes it: each LA's rows (the fields it reads), a few LAs at a time. */
    nationalReturnMs: Spread;
  };
  growth: {
    eventsPerChildPerYear: number;
    bytesPerChildPerYear: number;
    eventsPerChild: number;
    bytesPerEvent: number;
  };
}

/**
 * One population size: generated once (or reused), then rebuilt `rebuilds` times in a process of its own (events/s,
 * peak memory), then one LA's report and the national return timed from the rebuilt read models.
 */
export async function benchPopulation(
  scale: number,
  options: { rebuilds: number; laReports: number; nationalReturns: number; log: (line: string) => void },
): Promise<PopulationFigures> {
  const { dynamo, manifest, tables, kekFile } = await openPopulation(scale, options.log);
  try {
    const runs: RebuildRun[] = [];
    for (let i = 0; i < options.rebuilds; i++) {
      const { stdout } = await run(
        'node_modules/.bin/tsx',
        ['bench/rebuild-child.ts', dynamo.endpoint, JSON.stringify(tables), AS_OF, '8', kekFile],
        { maxBuffer: 1 << 24, env: { ...process.env, NODE_OPTIONS: REBUILD_NODE_OPTIONS } },
      );
      const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as RebuildRun;
      options.log(
        `  rebuild ${scale}: ${result.events} events in ${(result.elapsedMs / 1000).toFixed(1)} s, ` +
          `${result.eventsPerSecond.toFixed(0)} events/s, peak RSS ${result.peakRssMb.toFixed(0)} MB`,
      );
      runs.push(result);
    }

    const models = new DynamoReadModels(dynamo.client, tables);
    let laChildren = 0;
    const laMs: number[] = [];
    for (let i = 0; i < options.laReports; i++)
      laMs.push(
        await timed(async () => {
          const [children, volunteers] = await reportRowsOf(models, REPORT_LA);
          laChildren = children.length;
          laReport(children, volunteers, REPORT_LA, PERIOD, AS_OF);
        }),
      );
    const las = populationOf({ seed: manifest.seed, scale: manifest.scale }).map((s) => s.code);
    const nationalMs: number[] = [];
    for (let i = 0; i < options.nationalReturns; i++)
      nationalMs.push(
        await timed(async () => {
          await nationalReturnOf(models, las, PERIOD);
        }),
      );
    options.log(
      `  reports ${scale}: LA ${spread(laMs).median.toFixed(0)} ms, national ${spread(nationalMs).median.toFixed(0)} ms`,
    );
    const over = (pick: (r: RebuildRun) => number) => spread(runs.map(pick));
    return {
      manifest,
      rebuild: {
        runs,
        eventsPerSecond: over((r) => r.eventsPerSecond),
        streamsPerSecond: over((r) => r.streamsPerSecond),
        peakRssMb: over((r) => r.peakRssMb),
        peakHeapUsedMb: over((r) => r.peakHeapUsedMb),
        startRssMb: over((r) => r.startRssMb),
      },
      reports: { laChildren, laReportMs: spread(laMs), nationalReturnMs: spread(nationalMs) },
      growth: {
        eventsPerChildPerYear: manifest.childEvents / manifest.childYears,
        bytesPerChildPerYear: manifest.childBytes / manifest.childYears,
        eventsPerChild: manifest.childEvents / manifest.children,
        bytesPerEvent: (manifest.childBytes + manifest.volunteerBytes) / manifest.events,
      },
    };
  } finally {
    await dynamo.stop();
  }
}
