import type { CommandLatency } from './command-latency';
import type { AppendFigures, ReplayFigures } from './event-store';
import type { LambdaFigures } from './lambda';
import type { ListFigures } from './lists';
import type { PopulationFigures } from './national';
import { fmt, type Spread, show, spread } from './stats';

export interface Results {
  mode: string;
  date: string;
  commit: string;
  machine: { cpus: number; cpu?: string; memoryGb: number; node: string };
  elapsedSeconds: number;
  loadAverages?: Array<{ at: string; load1: number }>;
  append?: AppendFigures;
  replay?: ReplayFigures;
  populations?: PopulationFigures[];
  commandToReadModel?: CommandLatency[];
  lambda?: { bundleSeconds: number; functions: LambdaFigures[] };
  lists?: ListFigures[];
}

/** Peak memory may grow this much from the smallest to the largest population and still count as flat. */
export const FLAT_MEMORY = 1.25;
const NATIONAL_CHILDREN = 81_770 + 7_198;

const yes = (ok: boolean) => (ok ? '**met**' : '**not met**');
const row = (...cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const head = (...cells: string[]) => [row(...cells), row(...cells.map(() => '---'))];
const kb = (bytes: number) => `${fmt(bytes / 1024, 0)} KB`;

export function renderMarkdown(r: Results): string {
  const out: string[] = [
    `# Benchmarks: ${r.mode} run, ${r.date.slice(0, 10)} (commit ${r.commit})`,
    '',
    `${r.machine.cpus} × ${r.machine.cpu ?? 'CPU'}, ${r.machine.memoryGb} GB, Node ${r.machine.node}, DynamoDB Local ` +
      `(Java) on the same machine; the whole run took ${fmt(r.elapsedSeconds / 60, 1)} min. Each figure is the ` +
      'median over several runs with the spread (lowest–highest run) in brackets. Each ratio is computed within ' +
      'one run, the contenders taking turns against the same DynamoDB Local, then its median and spread over runs.',
    '',
    ...loadNote(r),
    ...goals(r),
    ...listSection(r),
  ];
  if (r.append) out.push(...append(r.append));
  if (r.replay) out.push(...replay(r.replay));
  if (r.populations) out.push(...populations(r.populations));
  if (r.commandToReadModel) out.push(...command(r.commandToReadModel));
  if (r.lambda) out.push(...lambda(r.lambda));
  return `${out.join('\n')}\n`;
}

function loadNote(r: Results): string[] {
  const loads = (r.loadAverages ?? []).map((l) => l.load1);
  if (loads.length === 0) return [];
  const s = spread(loads);
  return [
    `The machine was shared with other work during the run: its 1-minute load average was ${fmt(s.median, 1)} ` +
      `(${fmt(s.min, 1)}–${fmt(s.max, 1)}) on ${r.machine.cpus} cores, so absolute rates are lower than on an idle ` +
      'machine; the ratios, measured with the contenders taking turns, are the figures to compare.',
    '',
  ];
}

/** The task list and search: p95 under 150 ms, and no growth from 500 to 2,000 children (within 1.5). */
export const LIST_P95_MS = 150;
export const LIST_GROWTH = 1.5;

function listSection(r: Results): string[] {
  const [small, large] = r.lists ?? [];
  if (!small || !large) return [];
  const lines = [
    '## Task list and search (server time per request, ms)',
    '',
    `One generated LA of ${small.children} and of ${large.children} children in care, projected; each request through the ` +
      `real web or API handler (session, queries, names, rendering), ${large.samples} samples each after a warm-up.`,
    '',
    ...head(
      'request',
      `p50 at ${small.children}`,
      `p95 at ${small.children}`,
      `p50 at ${large.children}`,
      `p95 at ${large.children}`,
      'p95 growth',
    ),
  ];
  for (const [name, t] of Object.entries(large.timings)) {
    const s = small.timings[name]!;
    lines.push(row(name, fmt(s.p50), fmt(s.p95), fmt(t.p50), fmt(t.p95), fmt(t.p95 / s.p95, 2)));
  }
  return [...lines, ''];
}

function goals(r: Results): string[] {
  const lines = ['## Goals', '', ...head('goal', 'measured', 'verdict')];
  const large = r.lists?.at(-1);
  const small = r.lists?.[0];
  if (large && small) {
    const worst = Math.max(...Object.values(large.timings).map((t) => t.p95));
    const growth = Math.max(
      ...Object.entries(large.timings).map(([name, t]) => t.p95 / small.timings[name]!.p95),
    );
    lines.push(
      row(
        `Task list and search p95 under ${LIST_P95_MS} ms at ${large.children} children (worst request)`,
        `${fmt(worst)} ms`,
        yes(worst < LIST_P95_MS),
      ),
      row(
        `No growth with the LA's size: p95 at ${large.children} ÷ p95 at ${small.children} (worst request)`,
        fmt(growth, 2),
        yes(growth <= LIST_GROWTH),
      ),
    );
  }
  if (r.append) {
    lines.push(
      row(
        'Append ≥ 0.9 of raw TransactWriteItems (events/s)',
        show(r.append.oursVsRaw),
        yes(r.append.oursVsRaw.median >= 0.9),
      ),
      row(
        'Append faster than Castore (events/s, ours ÷ Castore)',
        show(r.append.oursVsCastore),
        yes(r.append.oursVsCastore.median > 1),
      ),
      row(
        'Append with personal data sealed ≤ 1.1 × the same with nothing sealed (time per command)',
        show(r.append.encryptedVsPlain),
        yes(r.append.encryptedVsPlain.median <= 1.1),
      ),
    );
  }
  if (r.replay) {
    const k = '1000 events';
    const v = r.replay.vsRaw[k];
    if (v) {
      lines.push(
        row(
          'Replay 1,000 events, state: within 1.2 of raw Query (latency ÷ raw)',
          show(v.state),
          yes(v.state.median <= 1.2),
        ),
        row(
          'Replay 1,000 events, audit history, first page of 500 ÷ raw Query of the same items',
          show(v.history),
          yes(v.history.median <= 1.2),
        ),
        row(
          'Replay 1,000 events, audit history, every page (whole chain verified) ÷ raw Query of the stream',
          show(v.historyAllPages),
          yes(v.historyAllPages.median <= 1.2),
        ),
      );
    }
    for (const [key, e] of Object.entries(r.replay.encryptedVsPlain ?? {}))
      lines.push(
        row(
          `Replay ${key}, personal data opened ≤ 1.1 × nothing sealed (p50, key cached; not cached: ${show(e.coldKey)})`,
          show(e.warmKey),
          yes(e.warmKey.median <= 1.1),
        ),
      );
  }
  if (r.populations && r.populations.length > 1) {
    const first = r.populations[0]!;
    const last = r.populations.at(-1)!;
    const growth = last.rebuild.peakRssMb.median / first.rebuild.peakRssMb.median;
    lines.push(
      row(
        `Rebuild memory flat as the population grows (peak RSS, ${fmt(last.manifest.events / first.manifest.events, 0)}× the events)`,
        `${fmt(first.rebuild.peakRssMb.median, 0)} → ${fmt(last.rebuild.peakRssMb.median, 0)} MB (×${fmt(growth)})`,
        yes(growth <= FLAT_MEMORY),
      ),
    );
  }
  if (r.lambda && r.lambda.functions.length > 0) {
    const fns = r.lambda.functions;
    const small = fns.filter((f) => f.codeBytes < 1024 * 1024).length;
    const fast = fns.filter((f) => f.loadMs.median < 150).length;
    lines.push(
      row('Lambda bundle < 1 MB each', `${small} of ${fns.length}`, yes(small === fns.length)),
      row('Lambda module load < 150 ms each', `${fast} of ${fns.length}`, yes(fast === fns.length)),
    );
  }
  return [...lines, ''];
}

function append(a: AppendFigures): string[] {
  const names = {
    ours: 'our event store (personal data sealed)',
    plain: 'our event store, nothing sealed',
    raw: 'raw TransactWriteItems (the limit)',
    castore: 'Castore pushEvent',
  };
  return [
    '## Append',
    '',
    `One command of one real child event at a time onto a child's stream, ${a.appendsPerRound} commands per run, ` +
      `${a.rounds.length} runs; the writers take turns. Ours ÷ raw: ${show(a.oursVsRaw)}; ours ÷ Castore: ` +
      `${show(a.oursVsCastore)} (events/s; above 1 = ours faster); Castore ÷ its raw PutItem: ${show(a.castoreVsRawPut)}. ` +
      `Sealing personal data (every command carries a reason, sealed) costs ×${show(a.encryptedVsPlain)} the time ` +
      'of the same store with nothing sealed.',
    '',
    ...head('writer', 'events/s', 'p50 ms', 'p99 ms'),
    ...(Object.keys(names) as Array<keyof typeof names>).map((k) =>
      row(names[k], show(a.eventsPerSecond[k], 0), show(a.p50Ms[k]), show(a.p99Ms[k])),
    ),
    '',
    'The raw baseline writes the same items (command record, head check, event) with the items sealed beforehand, ' +
      'so only marshalling and DynamoDB remain. Castore writes one conditional PutItem per event: no command record ' +
      '(no idempotency), no hash chain, no schema check, so it does less work per event than either of the others.',
    '',
  ];
}

function replay(r: ReplayFigures): string[] {
  const names = {
    rawQuery: 'raw Query (paged, unmarshalled)',
    rawFirstPage: 'raw Query of the first 501 items (what the first page reads)',
    state: 'event store read + fold (state), personal data opened',
    statePlain: 'the same, nothing sealed',
    stateColdKey: "the same, opened with the person's key not cached",
    history: 'readHistory, first page of 500 (versions 1–500 verified) ÷ the raw first 501',
    historyAllPages: 'readHistory, every page (the whole chain verified)',
    castore: 'Castore getAggregate',
  } as const;
  const lines = [
    '## Replay one child',
    '',
    `${r.samplesPerRound} reads per reader per run, the readers taking turns. "÷ raw" is the reader's p50 over the ` +
      'raw Query p50 in the same run (1.0 = as fast as raw; lower is better).',
    '',
  ];
  for (const key of Object.keys(r.p50Ms)) {
    lines.push(`### ${key}`, '', ...head('reader', 'p50 ms', 'p99 ms', '÷ raw'));
    for (const n of Object.keys(names) as Array<keyof typeof names>)
      lines.push(
        row(
          names[n],
          show(r.p50Ms[key]![n]),
          show(r.p99Ms[key]![n]),
          n === 'rawQuery' || n === 'rawFirstPage' ? '' : show(r.vsRaw[key]![n]),
        ),
      );
    lines.push('');
  }
  lines.push(
    'readHistory checks every hash and opens every sealed field of what it shows. Each page reads only its own ' +
      'versions and the first of the next (one Query), chained onto the hash its cursor carries, so reading every ' +
      'page reads the stream once; the first page is compared with a raw Query of the same 501 items.',
    '',
  );
  return lines;
}

function populations(ps: PopulationFigures[]): string[] {
  const lines = [
    '## Rebuild, reports and growth by population size',
    '',
    'Populations generated by the real deciders (application/simulation) as a fraction of the ~89,000 children ' +
      'looked after in England (81,770) and Wales (7,198), plus those who left care in the year before, with ' +
      'volunteers; generated afresh each run into an in-memory DynamoDB Local. The rebuild runs in a ' +
      'process of its own (8 streams at a time) and its resident set size is sampled every 50 ms.',
    '',
    ...head(
      'scale',
      'LAs',
      'child streams',
      'events',
      'rebuild events/s',
      'rebuild streams/s',
      'peak RSS MB',
      'peak heap MB',
      'LA report ms',
      'national return ms',
    ),
  ];
  for (const p of ps)
    lines.push(
      row(
        `${fmt(p.manifest.scale * 100, 1)}%`,
        p.manifest.las,
        fmt(p.manifest.children, 0),
        fmt(p.manifest.events, 0),
        show(p.rebuild.eventsPerSecond, 0),
        show(p.rebuild.streamsPerSecond, 0),
        show(p.rebuild.peakRssMb, 0),
        show(p.rebuild.peakHeapUsedMb, 0),
        `${show(p.reports.laReportMs, 0)} (${p.reports.laChildren} rows)`,
        show(p.reports.nationalReturnMs, 0),
      ),
    );
  const last = ps.at(-1)!;
  const factor = 1 / last.manifest.scale;
  const nationalEvents = last.manifest.events * factor;
  lines.push(
    '',
    `**National scale, extrapolated (not measured):** at ${fmt(last.manifest.scale * 100, 1)}% the population had ` +
      `${fmt(last.manifest.events, 0)} events; the full population would have about ${fmt(nationalEvents / 1e6, 1)} ` +
      `million, which at the measured ${fmt(last.rebuild.eventsPerSecond.median, 0)} events/s rebuilds in about ` +
      `${fmt(nationalEvents / last.rebuild.eventsPerSecond.median / 60, 0)} min on this machine, and takes about ` +
      `${fmt(nationalEvents / last.manifest.generatedEventsPerSecond / 60, 0)} min to generate at the measured ` +
      `${fmt(last.manifest.generatedEventsPerSecond, 0)} events/s. The national return at that size is extrapolated ` +
      `linearly to about ${fmt((last.reports.nationalReturnMs.median * factor) / 1000, 0)} s.`,
    '',
    '### Growth',
    '',
    ...head(
      'scale',
      'child streams',
      'years in care',
      'events per child',
      'events per child per year',
      'bytes per child per year',
      'bytes per event',
      'generated events/s',
    ),
  );
  for (const p of ps)
    lines.push(
      row(
        `${fmt(p.manifest.scale * 100, 1)}%`,
        fmt(p.manifest.children, 0),
        fmt(p.manifest.childYears, 0),
        fmt(p.growth.eventsPerChild, 1),
        fmt(p.growth.eventsPerChildPerYear, 1),
        kb(p.growth.bytesPerChildPerYear),
        fmt(p.growth.bytesPerEvent, 0),
        fmt(p.manifest.generatedEventsPerSecond, 0),
      ),
    );
  const perYear = last.growth.bytesPerChildPerYear;
  lines.push(
    '',
    `Bytes are the JSON of each stored item (close to DynamoDB's item size, which also counts attribute names). ` +
      `At the measured ${kb(perYear)} per child per year, ${fmt(NATIONAL_CHILDREN, 0)} children add about ` +
      `${fmt((perYear * NATIONAL_CHILDREN) / 1e9, 2)} GB of child events a year (extrapolated). Per-child figures ` +
      'stay flat as the population grows: storage and rebuild time grow linearly with the number of children, ' +
      'rebuild memory does not; one LA report grows with that LA, the national return with the country.',
    '',
  );
  return lines;
}

function command(runs: CommandLatency[]): string[] {
  return [
    '## Command to read model (local system)',
    '',
    "An API command (createApiHandler over buildApp, on the local runtime's tables and clock) until its effect is " +
      "in the child summary read model, polled every 2 ms. Between the two: the runtime's DynamoDB stream poller, " +
      'the publisher, the local bus and the projector, run by its background loop every "tick". In AWS the same ' +
      'path is a DynamoDB stream, Lambda, EventBridge and Lambda again.',
    '',
    ...head(
      'background loop tick',
      'samples',
      'API call p50 ms',
      'API call p99 ms',
      'visible p50 ms',
      'visible p99 ms',
    ),
    ...runs.map((c) =>
      row(
        `${c.tickMs} ms${c.tickMs === 250 ? ' (the default)' : ''}`,
        c.visibleMs.n,
        fmt(c.apiMs.p50),
        fmt(c.apiMs.p99),
        fmt(c.visibleMs.p50),
        fmt(c.visibleMs.p99),
      ),
    ),
    '',
  ];
}

function lambda(l: { bundleSeconds: number; functions: LambdaFigures[] }): string[] {
  return [
    '## Lambda functions',
    '',
    `Bundled by CDK's esbuild as \`cdk synth\` does (minified ESM; the AWS SDK left to the runtime), in ` +
      `${fmt(l.bundleSeconds, 0)} s. Load = \`import()\` of the bundle in a fresh Node process with the function's ` +
      'environment (NODE_OPTIONS=--enable-source-maps included), SDK modules included; Lambda adds its own runtime ' +
      'start-up on top.',
    '',
    ...head('function', 'code', 'asset (with source map)', 'load ms', '< 1 MB', '< 150 ms'),
    ...l.functions.map((f) =>
      row(
        f.function,
        kb(f.codeBytes),
        kb(f.assetBytes),
        show(f.loadMs, 0),
        f.codeBytes < 1024 * 1024 ? 'yes' : 'no',
        f.loadMs.median < 150 ? 'yes' : 'no',
      ),
    ),
    '',
  ];
}

export type { Spread };
