import { CODE_LIMIT_BYTES } from '../infra/bundles';
import type { CommandLatency } from './command-latency';
import type { AppendFigures, ReplayFigures } from './event-store';
import type { FirstStartFigures } from './first-start';
import type { ImportFigures } from './import';
import type { LambdaFigures } from './lambda';
import { CLOCK_MOVE_DAYS, type ListFigures } from './lists';
import type { PopulationFigures } from './national';
import { fmt, type Spread, show, spread } from './stats';
import type { SuiteFigures } from './suite';

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
  /** When the command section comes from a run of its own, after the rest: when, at which load, and why. */
  commandRerun?: { date: string; load1: number; why: string };
  lambda?: { bundleSeconds: number; functions: LambdaFigures[] };
  import?: ImportFigures;
  lists?: ListFigures[];
  firstStart?: FirstStartFigures;
  suite?: SuiteFigures;
}

/** Peak memory may grow this much from the smallest to the largest population and still count as flat. */
export const FLAT_MEMORY = 1.1;
const NATIONAL_CHILDREN = 81_770 + 7_198;

const yes = (ok: boolean) => (ok ? '**met**' : '**not met**');
const row = (...cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const head = (...cells: string[]) => [row(...cells), row(...cells.map(() => '---'))];
const kb = (bytes: number) => `${fmt(bytes / 1024, 0)} KB`;

export function renderMarkdown(r: Results, previous?: Results): string {
  const out: string[] = [
    `# Benchmarks: ${r.mode} run, ${r.date.slice(0, 10)} (commit ${r.commit})`,
    '',
    `${r.machine.cpus} × ${r.machine.cpu ?? 'CPU'}, ${r.machine.memoryGb} GB, Node ${r.machine.node}, DynamoDB Local ` +
      `(Java) on the same machine; the whole run took ${fmt(r.elapsedSeconds / 60, 1)} min. Each figure is the ` +
      'median over several runs with the spread (lowest–highest run) in brackets. Each ratio is computed within ' +
      'one run, the contenders taking turns against the same DynamoDB Local, then its median and spread over runs.',
    '',
    ...loadNote(r),
    ...goals(r, previous),
    ...listSection(r),
  ];
  if (r.append) out.push(...append(r.append));
  if (r.replay) out.push(...replay(r.replay));
  if (r.populations) out.push(...populations(r.populations));
  if (r.commandToReadModel) out.push(...command(r.commandToReadModel, r.commandRerun));
  if (r.lambda) out.push(...lambda(r.lambda));
  if (r.import) out.push(...importing(r.import));
  if (r.firstStart) out.push(...firstStart(r.firstStart));
  if (r.suite) out.push(...suite(r.suite));
  return `${withSectionLoads(r, out).join('\n')}\n`;
}

/** Which section of the run each heading, and each goal (by its key's start), was measured in. */
const SECTION_OF_HEADING: Record<string, string> = {
  '## Task list and search (server time per request, ms)': 'lists',
  '## Append': 'append',
  '## Replay one child': 'replay',
  '## Rebuild, reports and growth by population size': 'population',
  '## Command to read model (local system)': 'command',
  '## Lambda functions': 'lambda',
  '## Importing an SSDA903 extract': 'import',
  '## First `npm start`': 'first-start',
  '## `npm test`': 'suite',
};
const SECTION_OF_GOAL: Array<[string, string]> = [
  ['list-', 'lists'],
  ['append-', 'append'],
  ['replay-', 'replay'],
  ['history-', 'replay'],
  ['command-', 'command'],
  ['rebuild-', 'population'],
  ['national-', 'population'],
  ['la-report', 'population'],
  ['lambda-', 'lambda'],
  ['import-', 'import'],
  ['first-start', 'first-start'],
  ['npm-test', 'suite'],
];

/** The machine's 1-minute load average while a section ran (the log lines it wrote), or undefined. */
function sectionLoad(r: Results, section: string): string | undefined {
  if (section === 'command' && r.commandRerun) return fmt(r.commandRerun.load1, 1);
  const loads = (r.loadAverages ?? [])
    .filter((l) => l.at.startsWith(section) || (section === 'population' && l.at.startsWith('  ')))
    .map((l) => l.load1);
  if (loads.length === 0) return undefined;
  const s = spread(loads);
  return s.min === s.max ? fmt(s.median, 1) : `${fmt(s.median, 1)} (${fmt(s.min, 1)}–${fmt(s.max, 1)})`;
}

const goalLoad = (r: Results, key: string) => {
  const section = SECTION_OF_GOAL.find(([start]) => key.startsWith(start))?.[1];
  return (section && sectionLoad(r, section)) ?? '—';
};

/** Under each section's heading, the load average while it ran: the machine is shared. */
function withSectionLoads(r: Results, lines: string[]): string[] {
  return lines.flatMap((line) => {
    const section = SECTION_OF_HEADING[line];
    const load = section && sectionLoad(r, section);
    return load
      ? [line, '', `1-minute load average on ${r.machine.cpus} cores while this section ran: ${load}.`]
      : [line];
  });
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

/** The national return and one LA's report, at national scale. */
export const NATIONAL_RETURN_MS = 5000;
export const LA_REPORT_MS = 200;

/** Command to visible in the read model under load, locally. */
export const COMMAND_P99_MS = 500;

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
  const moved = large.afterClockMove;
  if (moved)
    lines.push(
      '',
      `After the clock was moved on ${CLOCK_MOVE_DAYS} days (at ${large.children} children): the first request after ` +
        'the move, then the same samples again. The read path only: the deadline workflow the local runtime runs ' +
        'on a clock move is not part of this figure.',
      '',
      ...head('request', 'first after the move', 'p50', 'p95', 'p95 ÷ before'),
      ...Object.entries(moved).map(([name, m]) =>
        row(name, fmt(m.first), fmt(m.p50), fmt(m.p95), fmt(m.p95 / large.timings[name]!.p95, 2)),
      ),
    );
  return [...lines, ''];
}

interface Goal {
  key: string;
  goal: string;
  measured: string;
  verdict: string;
}

/** Each goal's figure and verdict; the key matches a goal across runs whose wording changed. */
function goalRows(r: Results): Goal[] {
  const lines: Goal[] = [];
  const large = r.lists?.at(-1);
  const small = r.lists?.[0];
  if (large && small) {
    const worst = Math.max(...Object.values(large.timings).map((t) => t.p95));
    const growth = Math.max(
      ...Object.entries(large.timings).map(([name, t]) => t.p95 / small.timings[name]!.p95),
    );
    lines.push(
      ...safe(() =>
        goal(
          'list-p95',
          `Task list and search p95 under ${LIST_P95_MS} ms at ${large.children} children (worst request)`,
          `${fmt(worst)} ms`,
          yes(worst < LIST_P95_MS),
        ),
      ),
      ...safe(() =>
        goal(
          'list-growth',
          `No growth with the LA's size: p95 at ${large.children} ÷ p95 at ${small.children} (worst request)`,
          fmt(growth, 2),
          yes(growth <= LIST_GROWTH),
        ),
      ),
    );
    const moved = large.afterClockMove;
    if (moved) {
      const worstMoved = Math.max(...Object.values(moved).map((m) => Math.max(m.first, m.p95)));
      lines.push(
        ...safe(() =>
          goal(
            'list-clock',
            `A clock move does not slow the next page: first request and p95 after the move, under ${LIST_P95_MS} ms (worst)`,
            `${fmt(worstMoved)} ms`,
            yes(worstMoved < LIST_P95_MS),
          ),
        ),
      );
    }
  }
  const a = r.append;
  if (a) {
    lines.push(
      ...safe(() =>
        goal(
          'append-raw',
          'Append ≥ 0.9 of raw TransactWriteItems (events/s)',
          show(a.oursVsRaw),
          yes(a.oursVsRaw.median >= 0.9),
        ),
      ),
      ...safe(() =>
        goal(
          'append-castore',
          'Append at least 1.0 × Castore (events/s, ours ÷ Castore)',
          show(a.oursVsCastore),
          yes(a.oursVsCastore.median >= 1),
        ),
      ),
      ...safe(() =>
        goal(
          'append-sealed',
          'Append with personal data sealed ≤ 1.1 × the same with nothing sealed (time per command)',
          show(a.encryptedVsPlain),
          yes(a.encryptedVsPlain.median <= 1.1),
        ),
      ),
    );
  }
  if (r.replay) {
    const k = '1000 events';
    const v = r.replay.vsRaw[k];
    if (v) {
      lines.push(
        ...safe(() =>
          goal(
            'replay-state',
            'Replay 1,000 events, state: within 1.2 of raw Query (latency ÷ raw)',
            show(v.state),
            yes(v.state.median <= 1.2),
          ),
        ),
        ...safe(() =>
          goal(
            'history-first',
            'Replay 1,000 events, audit history, first page of 500 ÷ raw Query of the same items',
            show(v.history),
            yes(v.history.median <= 1.2),
          ),
        ),
        ...safe(() =>
          goal(
            'history-all',
            'Replay 1,000 events, audit history, every page (whole chain verified) ÷ raw Query of the stream',
            show(v.historyAllPages),
            yes(v.historyAllPages.median <= 1.2),
          ),
        ),
      );
    }
    for (const [key, e] of Object.entries(r.replay.encryptedVsPlain ?? {}))
      lines.push(
        ...safe(() =>
          goal(
            `replay-sealed-${key}`,
            `Replay ${key}, personal data opened ≤ 1.1 × nothing sealed (p50, key cached; not cached: ${show(e.coldKey)})`,
            show(e.warmKey),
            yes(e.warmKey.median <= 1.1),
          ),
        ),
      );
  }
  const loaded = r.commandToReadModel?.find((c) => c.ratePerSecond);
  if (loaded)
    lines.push(
      ...safe(() =>
        goal(
          'command-p99',
          `Command to visible in the read model, p99 under ${COMMAND_P99_MS} ms at ${loaded.ratePerSecond} commands/s (tick ${loaded.tickMs} ms)`,
          `${fmt(loaded.visibleMs.p99)} ms (÷ goal ${fmt(loaded.visibleMs.p99 / COMMAND_P99_MS, 2)})`,
          yes(loaded.visibleMs.p99 < COMMAND_P99_MS),
        ),
      ),
    );
  if (r.populations && r.populations.length > 1) {
    const first = r.populations[0]!;
    const last = r.populations.at(-1)!;
    const growth = last.rebuild.peakRssMb.median / first.rebuild.peakRssMb.median;
    lines.push(
      ...safe(() =>
        goal(
          'rebuild-memory',
          `Rebuild memory flat as the population grows (peak RSS, ${fmt(last.manifest.events / first.manifest.events, 0)}× the events)`,
          `${fmt(first.rebuild.peakRssMb.median, 0)} → ${fmt(last.rebuild.peakRssMb.median, 0)} MB (×${fmt(growth)})`,
          yes(growth <= FLAT_MEMORY),
        ),
      ),
    );
  }
  if (r.import) {
    const largest = r.import.sizes.at(-1)!;
    const linear = importLinearity(r.import);
    lines.push(
      goal(
        'import-preview',
        `Preview an SSDA903 extract of ${largest.children} children < 10 s`,
        `${fmt(largest.previewMs.median / 1000, 1)} s`,
        yes(largest.previewMs.median < 10_000),
      ),
      goal(
        'import-write',
        `Import an SSDA903 extract of ${largest.children} children < 60 s`,
        `${fmt(largest.importMs.median / 1000, 1)} s`,
        yes(largest.importMs.median < 60_000),
      ),
      goal(
        'import-linear',
        `Import time grows linearly (ms per child, largest ÷ smallest; ≤ ${LINEAR})`,
        `preview ×${fmt(linear.preview)}, import ×${fmt(linear.import)}`,
        yes(linear.preview <= LINEAR && linear.import <= LINEAR),
      ),
    );
  }
  const largest = r.populations?.at(-1);
  if (largest) {
    const national = largest.manifest.scale >= 1;
    const scale = national
      ? `at national scale (${fmt(largest.manifest.children, 0)} children)`
      : `at ${fmt(largest.manifest.scale * 100, 1)}% of national scale (${fmt(largest.manifest.children, 0)} children); national scale not measured`;
    lines.push(
      ...safe(() =>
        goal(
          'national-return',
          `National return under ${NATIONAL_RETURN_MS / 1000} s, at national scale`,
          `${fmt(largest.reports.nationalReturnMs.median, 0)} ms ${scale}`,
          national ? yes(largest.reports.nationalReturnMs.median < NATIONAL_RETURN_MS) : '**not measured**',
        ),
      ),
      ...safe(() =>
        goal(
          'la-report',
          `One LA's report under ${LA_REPORT_MS} ms, at national scale`,
          `${fmt(largest.reports.laReportMs.median, 0)} ms (${largest.reports.laChildren} rows) ${scale}`,
          national ? yes(largest.reports.laReportMs.median < LA_REPORT_MS) : '**not measured**',
        ),
      ),
    );
  }
  lines.push(
    r.firstStart
      ? goal(
          'first-start',
          'First `npm start` ready within 60 s at load 4 or more (runtime up, seed written, projected, armed)',
          `${fmt(r.firstStart.ready, 1)} s (up ${fmt(r.firstStart.runtimeUp, 1)}, seed written ` +
            `${fmt(r.firstStart.seedWritten, 1)}, projected and armed ${fmt(r.firstStart.projectedAndArmed, 1)}; ` +
            `re-armed ${r.firstStart.rearmed})`,
          r.firstStart.ready < 60 && r.firstStart.load[0] < 4
            ? '**met** (below load 4)'
            : yes(r.firstStart.ready < 60),
        )
      : goal(
          'first-start',
          'First `npm start` ready within 60 s at load 4 or more (runtime up, seed written, projected, armed)',
          'not part of this run',
          '**not measured**',
        ),
    goal(
      'npm-test',
      '`npm test` under 3 minutes on 2 cores',
      r.suite
        ? `${fmt(r.suite.totalSeconds / 60, 1)} min (vitest ${fmt(r.suite.vitestSeconds / 60, 1)} min); ` +
            `${r.suite.tests} tests, ${r.suite.failed} failed`
        : 'not part of this run',
      r.suite ? yes(r.suite.totalSeconds < 180 && r.suite.failed === 0) : '**not measured**',
    ),
  );
  if (r.lambda && r.lambda.functions.length > 0) {
    const fns = r.lambda.functions;
    const small = fns.filter((f) => f.codeBytes < CODE_LIMIT_BYTES).length;
    const fast = fns.filter((f) => f.loadMs.median < 150).length;
    const worst = fns.reduce((a, b) => ((b.vsMinimal?.median ?? 0) > (a.vsMinimal?.median ?? 0) ? b : a));
    const limitFast = fns.filter((f) => (f.minimalMs?.median ?? 0) < 150).length;
    lines.push(
      ...safe(() =>
        goal(
          'lambda-size',
          'Lambda bundle < 1 MB each',
          `${small} of ${fns.length}`,
          yes(small === fns.length),
        ),
      ),
      ...safe(() =>
        goal(
          'lambda-load',
          'Lambda module load < 150 ms each',
          fns.some((f) => f.minimalMs)
            ? `${fast} of ${fns.length} (the minimal handlers themselves: ${limitFast} of ${fns.length})`
            : `${fast} of ${fns.length}`,
          yes(fast === fns.length),
        ),
      ),
      ...safe(() =>
        goal(
          'lambda-minimal',
          'Lambda module load ÷ a minimal middy handler with the SDK clients it uses (worst function)',
          `${show(worst.vsMinimal!)} (${worst.function})`,
          'for reading',
        ),
      ),
    );
  }
  return lines;
}

/** A goal an older run's figures cannot give (a figure it did not record) is left out of that run's column. */
function safe(make: () => Goal): Goal[] {
  try {
    return [make()];
  } catch {
    return [];
  }
}

const goal = (key: string, text: string, measured: string, verdict: string): Goal => ({
  key,
  goal: text,
  measured,
  verdict,
});

/** The goals, with the previous run's figure beside each where that run measured it. */
function goals(r: Results, previous?: Results): string[] {
  const before = new Map((previous ? goalRows(previous) : []).map((g) => [g.key, g.measured]));
  const lines = [
    '## Goals',
    '',
    ...(previous
      ? [
          `Beside each figure, the previous run's (${previous.mode} run of ${previous.date.slice(0, 10)}, commit ` +
            `${previous.commit}), where it measured that goal.`,
          '',
        ]
      : []),
    ...head('goal', 'measured', 'verdict', 'load', 'previous run'),
  ];
  for (const g of goalRows(r))
    lines.push(row(g.goal, g.measured, g.verdict, goalLoad(r, g.key), before.get(g.key) ?? '—'));
  return [...lines, ''];
}

function append(a: AppendFigures): string[] {
  const names = {
    ours: 'our event store (personal data sealed)',
    plain: 'our event store, nothing sealed',
    raw: 'raw TransactWriteItems (the limit)',
    castore: 'Castore pushEvent',
    putPair: 'our event item as one PutItem + the command record as another, together (no head check)',
  };
  return [
    '## Append',
    '',
    `One command of one real child event at a time onto a child's stream, ${a.appendsPerRound} commands per run, ` +
      `${a.rounds.length} runs; the writers take turns. Ours ÷ raw: ${show(a.oursVsRaw)}; ours ÷ Castore: ` +
      `${show(a.oursVsCastore)} (events/s; above 1 = ours faster); Castore ÷ its raw PutItem: ${show(a.castoreVsRawPut)}. ` +
      `Sealing personal data (every command carries a reason, sealed) costs ×${show(a.encryptedVsPlain)} the time ` +
      'of the same store with nothing sealed.' +
      (a.writeUnitsPerCommand
        ? ` Write units per command, as DynamoDB reports them: ours ${show(a.writeUnitsPerCommand.ours)} (one ` +
          'transaction: command record, head check, event), Castore ' +
          `${show(a.writeUnitsPerCommand.castore)} (one PutItem)` +
          (a.writeUnitsPerCommand.putPair
            ? `, two PutItems together ${show(a.writeUnitsPerCommand.putPair)}.`
            : '.')
        : ''),
    '',
    ...head('writer', 'events/s', 'p50 ms', 'p99 ms'),
    ...(Object.keys(names) as Array<keyof typeof names>).map((k) =>
      row(names[k], show(a.eventsPerSecond[k], 0), show(a.p50Ms[k]), show(a.p99Ms[k])),
    ),
    '',
    'The raw baseline writes the same items (command record, head check, event) with the items sealed beforehand, ' +
      'so only marshalling and DynamoDB remain. The pair of PutItems is the ceiling of a one-stream command written ' +
      'without a transaction but with a command record (for findCommand): the head check is left out, so it is ' +
      `faster than any safe version of that design${a.putPairVsCastore ? ` (÷ Castore ${show(a.putPairVsCastore)})` : ''}. ` +
      'Castore writes one conditional PutItem per event: no command record ' +
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
      'generator peak RSS MB',
      'DynamoDB Local peak RSS MB',
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
        p.manifest.generatorPeakRssMb === undefined ? '' : fmt(p.manifest.generatorPeakRssMb, 0),
        p.manifest.databasePeakRssMb === undefined ? '' : fmt(p.manifest.databasePeakRssMb, 0),
      ),
    );
  const first = ps[0]!;
  const last = ps.at(-1)!;
  if (ps.length > 1) {
    const growth = last.rebuild.peakRssMb.median / first.rebuild.peakRssMb.median;
    lines.push(
      '',
      `**Rebuild memory** from ${fmt(first.manifest.scale * 100, 1)}% to ${fmt(last.manifest.scale * 100, 1)}% ` +
        `(×${fmt(last.manifest.events / first.manifest.events, 0)} the events): peak RSS ` +
        `${fmt(first.rebuild.peakRssMb.median, 0)} → ${fmt(last.rebuild.peakRssMb.median, 0)} MB, ×${fmt(growth)} ` +
        `against the goal of at most ×${FLAT_MEMORY}: ${yes(growth <= FLAT_MEMORY)}.`,
    );
  }
  const factor = 1 / last.manifest.scale;
  const nationalEvents = last.manifest.events * factor;
  if (last.manifest.scale < 1)
    lines.push(
      '',
      `**National scale, extrapolated (not measured):** at ${fmt(last.manifest.scale * 100, 1)}% the population had ` +
        `${fmt(last.manifest.events, 0)} events; the full population would have about ${fmt(nationalEvents / 1e6, 1)} ` +
        `million, which at the measured ${fmt(last.rebuild.eventsPerSecond.median, 0)} events/s rebuilds in about ` +
        `${fmt(nationalEvents / last.rebuild.eventsPerSecond.median / 60, 0)} min on this machine, and takes about ` +
        `${fmt(nationalEvents / last.manifest.generatedEventsPerSecond / 60, 0)} min to generate at the measured ` +
        `${fmt(last.manifest.generatedEventsPerSecond, 0)} events/s. The national return at that size is extrapolated ` +
        `linearly to about ${fmt((last.reports.nationalReturnMs.median * factor) / 1000, 0)} s.`,
    );
  lines.push(
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
      'generated events/s (time)',
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
        `${fmt(p.manifest.generatedEventsPerSecond, 0)} (${fmt(p.manifest.generatedSeconds / 60, 1)} min)`,
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

function command(runs: CommandLatency[], rerun?: Results['commandRerun']): string[] {
  return [
    '## Command to read model (local system)',
    '',
    ...(rerun
      ? [
          `This section is from a run of its own at ${rerun.date.slice(11, 16)} UTC (1-minute load average ` +
            `${fmt(rerun.load1, 1)}): ${rerun.why}`,
          '',
        ]
      : []),
    "An API command (createApiHandler over buildApp, on the local runtime's tables and clock) until its effect is " +
      "in the child summary read model, polled every 2 ms. Between the two: the runtime's DynamoDB stream poller, " +
      'the publisher, the local bus and the projector, run by its background loop every "tick". In AWS the same ' +
      'path is a DynamoDB stream, Lambda, EventBridge and Lambda again. "One at a time": each command sent when the ' +
      'one before is visible. Under load: placement changes sent on a fixed schedule over twenty children whether ' +
      'or not the earlier ones are done; one loop reads the waiting rows in turn (10 ms between passes), so ' +
      'the polling adds the same small load however many are waiting.',
    '',
    ...head(
      'background loop tick',
      'load',
      'samples',
      'API call p50 ms',
      'API call p99 ms',
      'visible p50 ms',
      'visible p99 ms',
    ),
    ...runs.map((c) =>
      row(
        `${c.tickMs} ms${c.tickMs === 250 ? ' (the default)' : ''}`,
        c.ratePerSecond
          ? `${c.ratePerSecond} commands/s (sent at ${fmt(c.sentPerSecond ?? 0, 1)}/s)`
          : 'one at a time',
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
    `Bundled by CDK's esbuild as \`cdk synth\` does (minified CommonJS; the AWS SDK left to the runtime), in ` +
      `${fmt(l.bundleSeconds, 0)} s. Load = \`import()\` of the bundle in a fresh Node process with the function's ` +
      'environment (NODE_OPTIONS=--enable-source-maps included), SDK modules included; Lambda adds its own runtime ' +
      'start-up on top. The limit beside it: a middy handler that imports only the SDK packages the function uses ' +
      "(one per service its role's IAM policy allows) and makes their clients, bundled the same way and loaded with " +
      'the same environment, the two loads alternating; "÷ minimal" is taken pair by pair. "SDK imported" is what ' +
      'the bundle imports.',
    '',
    ...head(
      'function',
      'code',
      'asset (with source map)',
      'SDK used (IAM)',
      'SDK imported',
      'load ms',
      'minimal handler ms',
      '÷ minimal',
      '< 1 MB',
      '< 150 ms',
    ),
    ...l.functions.map((f) =>
      row(
        f.function,
        kb(f.codeBytes),
        kb(f.assetBytes),
        sdkList(f.uses),
        sdkList(f.sdk),
        show(f.loadMs, 0),
        f.minimalMs ? show(f.minimalMs, 0) : '',
        f.vsMinimal ? show(f.vsMinimal) : '',
        f.codeBytes < CODE_LIMIT_BYTES ? 'yes' : 'no',
        f.loadMs.median < 150 ? 'yes' : 'no',
      ),
    ),
    '',
  ];
}

/** Time per child may grow this much from the smallest extract to the largest and still count as linear. */
export const LINEAR = 1.5;

function importLinearity(figures: ImportFigures) {
  const first = figures.sizes[0]!;
  const last = figures.sizes.at(-1)!;
  const perChild = (ms: Spread, n: number) => ms.median / n;
  return {
    preview: perChild(last.previewMs, last.children) / perChild(first.previewMs, first.children),
    import: perChild(last.importMs, last.children) / perChild(first.importMs, first.children),
  };
}

function importing(figures: ImportFigures): string[] {
  return [
    '## Importing an SSDA903 extract',
    '',
    `A synthetic extract of the generator’s children (Header, Episodes, Reviews), previewed and imported into a fresh DynamoDB Local each time, ` +
      `through the real deciders and the event store (a transaction per child), then previewed again over ` +
      `what was recorded (next month’s extract, nothing new). ${figures.rounds} rounds.`,
    '',
    ...head(
      'children',
      'events written',
      'extract',
      'preview',
      'import',
      'ms per child (import)',
      'preview again',
    ),
    ...figures.sizes.map((s) =>
      row(
        s.children,
        s.events,
        kb(s.bytes),
        `${show(s.previewMs, 0)} ms`,
        `${show(s.importMs, 0)} ms`,
        fmt(s.importMs.median / s.children, 1),
        `${show(s.reimportPreviewMs, 0)} ms`,
      ),
    ),
    '',
  ];
}

const sdkList = (packages: readonly string[] | undefined) =>
  (packages ?? []).map((p) => p.replace('@aws-sdk/', '').replace('client-', '')).join(', ') || 'none';

export type { Spread };

function firstStart(f: FirstStartFigures): string[] {
  return [
    '## First `npm start`',
    '',
    `\`scripts/start.ts\` on a fresh data folder (DynamoDB Local on disk, as \`.local/\` is), seeding the demo LAs ` +
      `(${fmt(f.events, 0)} events in ${fmt(f.records, 0)} records); each step is the time since the start at which ` +
      `its line was printed. 1-minute load average ${fmt(f.load[0], 1)} at the start, ${fmt(f.load[1], 1)} when ready.`,
    '',
    ...head(
      'runtime up',
      'seed written',
      'projected and armed',
      'due deadlines run',
      'reconciled: ready',
      're-armed',
    ),
    row(
      `${fmt(f.runtimeUp, 1)} s`,
      `${fmt(f.seedWritten, 1)} s`,
      `${fmt(f.projectedAndArmed, 1)} s`,
      `${fmt(f.dueRun, 1)} s`,
      `${fmt(f.ready, 1)} s`,
      f.rearmed,
    ),
    '',
  ];
}

function suite(f: SuiteFigures): string[] {
  return [
    '## `npm test`',
    '',
    `\`npm test\` step by step, as CI runs it (Biome, tsc, vitest with two workers). 1-minute load average ` +
      `${fmt(f.load[0], 1)} at the start, ${fmt(f.load[1], 1)} at the end.`,
    '',
    ...head('lint', 'typecheck', 'vitest', 'total', 'test files', 'tests', 'failed'),
    row(
      `${fmt(f.lintSeconds, 0)} s`,
      `${fmt(f.typecheckSeconds, 0)} s`,
      `${fmt(f.vitestSeconds, 0)} s`,
      `${fmt(f.totalSeconds / 60, 1)} min`,
      f.files,
      f.tests,
      f.failed,
    ),
    '',
    ...(f.failures?.length ? ['Failed in this run:', '', ...f.failures.map((name) => `- ${name}`), ''] : []),
  ];
}
