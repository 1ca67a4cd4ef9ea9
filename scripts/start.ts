import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';

import { buildApp } from '../functions/composition';
import { DEFAULT_DATA_DIR } from '../infra/local/clock';
import { databaseAnswers } from '../infra/local/dynamodb';
import {
  DEMO_CHILDREN,
  DEMO_LA,
  DEMO_LAS,
  demoStaffOf,
  localStaffDirectory,
  OTHER_LA,
  WELSH_DEMO_LA,
} from '../infra/local/personas';
import { startLocalRuntime } from '../infra/local/runtime';
import { CONTROL_TOKEN_FILE, startLocalServer } from '../infra/local/server';
import { seedLa } from './seed';

/**
 * `npm start`: the whole system on one machine, from the synthesized template. Data is kept in .local/ between runs
 * (or in IV_DATA_DIR).
 *   --in-memory   keep nothing     --no-seed   do not create the demo local authority on first start
 */
const inMemory = process.argv.includes('--in-memory');
const seed = !process.argv.includes('--no-seed');
const port = Number(process.env.PORT ?? 3000);
const started = Date.now();
const say = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);

// Paused until the demo data (if any) is in, so a bulk load is announced once per record, not once per event.
const runtime = await startLocalRuntime({
  inMemory,
  dataDir: process.env.IV_DATA_DIR ?? DEFAULT_DATA_DIR,
  paused: true,
});
const dataDir = runtime.dataDir;
let server: Server | undefined;

// Registered before anything else runs, so Ctrl-C during seeding also stops DynamoDB Local and leaves no process behind.
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  say('Stopping…');
  server?.close();
  await runtime.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

say(
  `DynamoDB Local, the stream poller, the event bus and the state machines are running (data in ${inMemory ? 'memory' : dataDir})`,
);

const app = buildApp({
  client: runtime.dynamo,
  tables: runtime.tables,
  now: () => runtime.clock.now(),
  keys: runtime.keys,
  anchors: runtime.anchors,
  receipts: runtime.receipts,
  laName: (code) => DEMO_LAS.find((la) => la.code === code)?.name,
  staff: localStaffDirectory(),
  local: {
    // The nightly retention sweep runs after each move of the clock, as its schedule would have in the meantime.
    advanceClock: async (duration) => {
      const now = await runtime.advance(duration);
      await runtime.sweepRetention();
      return now;
    },
    setClock: async (instant) => {
      runtime.clock.setTo(instant);
      await runtime.settle();
      await runtime.sweepRetention();
      return runtime.clock.now();
    },
    outbox: () => runtime.outbox.list(),
  },
});

let ready = false;
// Lets `npm run audit -- reconcile` on this machine ask this system to reconcile now; nothing else can.
const control = { token: randomBytes(32).toString('hex'), reconcile: () => runtime.reconcile() };
if (!inMemory) writeFileSync(join(dataDir, CONTROL_TOKEN_FILE), control.token, { mode: 0o600 });
server = await startLocalServer({
  app,
  port,
  control,
  // "ok" only when the database answers: a frozen DynamoDB Local is not a working system.
  health: async () => {
    const database = await databaseAnswers(runtime.dynamo, runtime.tables.events);
    return {
      ready: ready && database,
      status: !ready ? 'starting' : database ? 'ok' : 'database not answering',
      now: runtime.clock.now().toISOString(),
      dynamodb: runtime.dynamoEndpoint,
    };
  },
});
say(`Serving on http://localhost:${port} (GET /health answers 200 once ready)`);

/**
 * On first start, a demo local authority with children at every stage of the journey, and a few next door. The
 * generator runs every command through the real deciders; the events are bulk-written, then each record is read
 * once to project its row and arm its deadlines (only a newest event the notifier hears of goes on the bus).
 */
async function seedDemo() {
  // Marked done only once everything is in: the generator is deterministic, so a seed cut short is simply redone.
  const done = join(dataDir, 'demo-seeded');
  if (existsSync(done)) return;
  const children = DEMO_CHILDREN[DEMO_LA.code]!;
  say(`Seeding ${DEMO_LA.name} with ${children} synthetic children (made-up data, seeded, reproducible)…`);
  const asOf = runtime.clock.now().toISOString().slice(0, 10);
  // The LAs at once: generating and sealing (this process) overlap with writing (DynamoDB Local's).
  const seeded = await Promise.all(
    [
      { la: DEMO_LA.code, seed: 'demo' },
      { la: OTHER_LA.code, seed: 'other' },
      { la: WELSH_DEMO_LA.code, seed: 'welsh' },
    ].map(({ la, seed }) =>
      seedLa(runtime.dynamo, runtime.tables, la, {
        children: DEMO_CHILDREN[la]!,
        seed,
        asOf,
        staff: demoStaffOf(la),
        keys: runtime.keys,
      }),
    ),
  );
  const streamIds = seeded.flatMap((s) => s.streamIds);
  say(
    `Wrote ${seeded.reduce((n, s) => n + s.events, 0)} events in ${streamIds.length} records; projecting them and arming their deadlines…`,
  );
  await runtime.skipStreamBacklog();
  const loaded = await runtime.announceHeads(streamIds);
  say(
    `Projected ${loaded.projected} list rows and armed ${loaded.armed} deadlines for ${loaded.obligations} open obligations, reading each record once`,
  );
  await runtime.settle();
  say('Deadlines already due have run');
  writeFileSync(done, new Date().toISOString());
}

if (seed) await seedDemo();
// Whatever a kill interrupted is redone by the stream's replay; the reconciler then proves nothing is missing.
const report = await runtime.reconcile();
say(
  `Reconciled ${report.streams} records: ${report.obligations} open obligations all watched and ${report.rows} list rows current` +
    (report.repaired > 0
      ? ` after re-arming ${report.rearmed.length} deadlines and re-projecting ${report.reprojected.length} rows`
      : ''),
);
runtime.resume();
ready = true;
say(`Ready: open http://localhost:${port} and sign in as a made-up person. Ctrl-C stops everything.`);
