import { mkdirSync, writeFileSync } from 'node:fs';
import { startDynamoDbLocal } from '../infra/local/dynamodb';
import { createTables, localTables, synthesizeTemplates, tablesFromTemplates } from '../infra/local/template';
import { benchEventStore } from './event-store';
import { round, type Summary } from './stats';

/**
 * `npm run bench` (quick) or `npm run bench -- --full`. Every comparison runs in the same process against the same
 * DynamoDB Local, after a warm-up, so ratios are fair even where absolute figures depend on the machine.
 */
const full = process.argv.includes('--full');
const appends = full ? 2000 : 300;

const dynamo = await startDynamoDbLocal();
try {
  const templates = synthesizeTemplates();
  await createTables(dynamo.client, tablesFromTemplates(templates));
  const tables = localTables(templates);

  await benchEventStore(dynamo.client, tables, 100); // warm-up: JIT and DynamoDB Local's own caches
  const store = await benchEventStore(dynamo.client, tables, appends);

  const row = (name: string, s: Summary, raw?: Summary) =>
    `| ${name} | ${round(s.p50)} | ${round(s.p99)} | ${s.n} | ${raw ? round(raw.p50 / s.p50) : ''} |`;
  const markdown = [
    `# Benchmarks (${full ? 'full' : 'quick'} run, ${new Date().toISOString().slice(0, 10)})`,
    '',
    'Against DynamoDB Local (in memory) on this machine; "vs raw" is raw p50 ÷ ours p50 (1.0 = as fast as the raw call).',
    '',
    '| operation | p50 ms | p99 ms | samples | vs raw |',
    '| --- | --- | --- | --- | --- |',
    row('append 1 event (event store)', store.appendLatencyMs, store.rawTransactLatencyMs),
    row('append 1 event (raw TransactWriteItems)', store.rawTransactLatencyMs),
    ...Object.keys(store.readLatencyMs).flatMap((k) => [
      row(`read ${k} (event store)`, store.readLatencyMs[k]!, store.rawQueryLatencyMs[k]),
      row(`read ${k} (raw Query)`, store.rawQueryLatencyMs[k]!),
    ]),
    '',
  ].join('\n');
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/latest.json',
    `${JSON.stringify({ mode: full ? 'full' : 'quick', store }, null, 2)}\n`,
  );
  writeFileSync('bench/results/latest.md', markdown);
  console.log(markdown);
} finally {
  await dynamo.stop();
}
