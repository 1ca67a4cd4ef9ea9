import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../functions/shared/app/build';
import { FileAnchorStore } from '../functions/shared/audit/anchor';
import { startDynamoDbLocal } from '../infra/local/dynamodb';
import { DEMO_LA, OTHER_LA } from '../infra/local/personas';
import { startLocalServer } from '../infra/local/server';
import { createTables, localTables, synthesizeTemplates, tablesFromTemplates } from '../infra/local/template';

/**
 * `npm start`: the whole system on one machine. Keeps data in .local/ between runs; `-- --in-memory` keeps nothing.
 */
const inMemory = process.argv.includes('--in-memory');
const port = Number(process.env.PORT ?? 3000);
const localDir = join(process.cwd(), '.local');
const started = Date.now();
mkdirSync(join(localDir, 'dynamodb'), { recursive: true });

/** The secret that signs local sessions, made once per checkout and never committed. */
function sessionSecret(): string {
  const file = join(localDir, 'session-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

let ready = false;
const dynamo = await startDynamoDbLocal(inMemory ? {} : { path: join(localDir, 'dynamodb') });
const templates = synthesizeTemplates();
await createTables(dynamo.client, tablesFromTemplates(templates));
const now = () => new Date();
const app = buildApp({
  client: dynamo.client,
  tables: localTables(templates),
  now,
  anchors: new FileAnchorStore(join(localDir, 'anchors')),
  laName: (code) => [DEMO_LA, OTHER_LA].find((la) => la.code === code)?.name,
});
const server = await startLocalServer({
  app,
  sessionSecret: sessionSecret(),
  port,
  health: () => ({ ready, status: ready ? 'ok' : 'starting' }),
});
ready = true;
console.log(
  `Independent Visitors is running on http://localhost:${port} (ready in ${Date.now() - started} ms). Ctrl-C stops it.`,
);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('Stopping…');
  server.close();
  await dynamo.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
