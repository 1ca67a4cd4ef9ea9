import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { startDynamoDbLocal } from '../infra/local/dynamodb';
import { createTables, localTables, synthesizeTemplates, tablesFromTemplates } from '../infra/local/template';
import { benchCommandToReadModel } from './command-latency';
import { benchAppend, benchReplay } from './event-store';
import { benchFirstStart } from './first-start';
import { benchImport } from './import';
import { benchLambdas } from './lambda';
import { benchLists } from './lists';
import { renderMarkdown } from './markdown';
import { benchPopulation, type PopulationFigures } from './national';
import { benchSuite } from './suite';

/**
 * `npm run bench` (quick) or `npm run bench -- --full`;
 * `--only=append,replay,population,command,lambda,lists,import,first-start,suite`
 * runs some sections; `--scales=0.1,1` chooses the population sizes (1 is the whole of England and Wales) and
 * `--rebuilds=1` how many times each is rebuilt; `--render` only writes latest.md again from the JSON. Every comparison runs in the same process
 * against the same DynamoDB Local, contenders taking
 * turns, after a warm-up, so ratios are fair even where absolute figures depend on the machine.
 */
const full = process.argv.includes('--full');
const option = (name: string) =>
  process.argv
    .find((a) => a.startsWith(`--${name}=`))
    ?.slice(name.length + 3)
    .split(',');
const only = option('only');
const numbers = (name: string, valid: (n: number) => boolean) => {
  const values = option(name)?.map(Number);
  if (values?.some((n) => !valid(n))) throw new Error(`--${name}= takes numbers separated by commas`);
  return values;
};
const scales = numbers('scales', (n) => n > 0 && n <= 1);
const rebuilds = numbers('rebuilds', (n) => Number.isInteger(n) && n > 0)?.[0];
const wants = (section: string) => !only || only.includes(section);
const settings = full
  ? {
      appends: 1000,
      appendRounds: 5,
      replaySamples: 40,
      replayRounds: 5,
      scales: [0.01, 0.03, 0.1],
      rebuilds: 2,
      laReports: 10,
      nationalReturns: 3,
      commandSamples: 40,
      loadedCommands: 400,
      lambdaLoads: 7,
      importRounds: 3,
      listSamples: 60,
    }
  : {
      appends: 200,
      appendRounds: 3,
      replaySamples: 15,
      replayRounds: 3,
      scales: [0.001, 0.003, 0.01],
      rebuilds: 2,
      laReports: 5,
      nationalReturns: 2,
      commandSamples: 15,
      loadedCommands: 200,
      lambdaLoads: 3,
      importRounds: 2,
      listSamples: 30,
    };
if (scales) settings.scales = scales.sort((a, b) => a - b);
if (rebuilds) settings.rebuilds = rebuilds;
/** `--render`: writes latest.md again from latest.json and previous.json (after a change to how figures read). */
if (process.argv.includes('--render')) {
  const read = (file: string) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
  writeFileSync(
    'bench/results/latest.md',
    renderMarkdown(read('bench/results/latest.json'), read('bench/results/previous.json')),
  );
  process.exit(0);
}

/** The run before this one, read before this run writes anything, so its figures stand beside the new ones. */
const previousFile = 'bench/results/latest.json';
const previous = existsSync(previousFile) ? JSON.parse(readFileSync(previousFile, 'utf8')) : undefined;
const started = Date.now();
/** The machine is shared: the load average at each step says how busy it was while that section ran. */
const loads: Array<{ at: string; load1: number }> = [];
const log = (line: string) => {
  const load1 = loadavg()[0]!;
  loads.push({ at: line, load1 });
  console.log(
    `[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${line} (load ${load1.toFixed(1)})`,
  );
};

const results: Record<string, unknown> = {
  mode: full ? 'full' : 'quick',
  date: new Date().toISOString(),
  commit: execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim(),
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 1e9),
    node: process.version,
  },
  settings,
};

if (wants('append') || wants('replay')) {
  const dynamo = await startDynamoDbLocal();
  try {
    const templates = synthesizeTemplates();
    await createTables(dynamo.client, tablesFromTemplates(templates));
    const tables = localTables(templates);
    if (wants('append')) {
      log('append: warming up');
      await benchAppend(dynamo.client, tables, 100, 1); // JIT and DynamoDB Local's own caches
      log(`append: ${settings.appendRounds} rounds of ${settings.appends} commands`);
      results.append = await benchAppend(dynamo.client, tables, settings.appends, settings.appendRounds);
    }
    if (wants('replay')) {
      log('replay: warming up');
      await benchReplay(dynamo.client, tables, 3, 1);
      log(`replay: ${settings.replayRounds} rounds of ${settings.replaySamples} reads`);
      results.replay = await benchReplay(
        dynamo.client,
        tables,
        settings.replaySamples,
        settings.replayRounds,
      );
    }
  } finally {
    await dynamo.stop();
  }
}

/** Written after every section, so a run cut short still leaves what it measured. */
const save = () => {
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/latest.json',
    `${JSON.stringify({ ...results, loadAverages: loads }, null, 2)}\n`,
  );
};
save();

if (wants('population')) {
  const populations: PopulationFigures[] = [];
  for (const scale of settings.scales) {
    log(`population ${scale}`);
    populations.push(
      await benchPopulation(scale, {
        rebuilds: settings.rebuilds,
        laReports: settings.laReports,
        nationalReturns: settings.nationalReturns,
        log,
      }),
    );
    results.populations = populations;
    save();
  }
}

/** A section that fails is logged and recorded, and the run goes on with the next one. */
const attempt = async (section: string, run: () => Promise<void>) => {
  try {
    await run();
  } catch (error) {
    log(`${section} failed: ${error instanceof Error ? error.message : String(error)}`);
    results.failed = [...((results.failed as string[] | undefined) ?? []), section];
  }
};

if (wants('command'))
  await attempt('command', async () => {
    const runs = [];
    for (const tickMs of [250, 20]) {
      log(`command to read model: tick ${tickMs} ms`);
      runs.push(await benchCommandToReadModel(settings.commandSamples, tickMs));
    }
    log(`command to read model: ${settings.loadedCommands} commands at 20 a second, tick 250 ms`);
    runs.push(await benchCommandToReadModel(settings.loadedCommands, 250, 20));
    results.commandToReadModel = runs;
    save();
  });

if (wants('import'))
  await attempt('import', async () => {
    log('import: SSDA903 extracts of 250, 500 and 1,000 children');
    results.import = await benchImport([250, 500, 1000], settings.importRounds, log);
    save();
  });

if (wants('lists'))
  await attempt('lists', async () => {
    log('lists: the task list and search at 500 and 2,000 children');
    results.lists = await benchLists([500, 2000], settings.listSamples, log);
    save();
  });

if (wants('first-start'))
  await attempt('first-start', async () => {
    log('first-start: npm start on a fresh data folder');
    results.firstStart = await benchFirstStart(log);
    save();
  });

if (wants('lambda'))
  await attempt('lambda', async () => {
    log('lambda: bundling and loading');
    results.lambda = await benchLambdas(settings.lambdaLoads);
  });

// Last, so the suite's own DynamoDB Local and workers do not overlap another section.
if (wants('suite'))
  await attempt('suite', async () => {
    log('suite: npm test (lint, typecheck, vitest)');
    results.suite = await benchSuite(log);
    save();
  });

results.elapsedSeconds = (Date.now() - started) / 1000;
results.loadAverages = loads;
const markdown = renderMarkdown(results as never, previous);
if (previous) writeFileSync('bench/results/previous.json', `${JSON.stringify(previous, null, 2)}\n`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
writeFileSync('bench/results/latest.md', markdown);
if (full && !only) writeFileSync(`bench/results/full-${String(results.date).slice(0, 10)}.md`, markdown);
console.log(markdown);
log('done');
