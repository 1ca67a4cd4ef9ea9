import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../infra/local/dynamodb';
import { createTables, synthesizeTemplates, tablesFromTemplates } from '../infra/local/template';

/**
 * `npm start`: the local system on one machine. Keeps data in .local/ between runs (`--in-memory` to keep nothing).
 */
const inMemory = process.argv.includes('--in-memory');
const port = Number(process.env.PORT ?? 3000);
const dataDir = join(process.cwd(), '.local', 'dynamodb');

const started = Date.now();
if (!inMemory) mkdirSync(dataDir, { recursive: true });
const dynamo = await startDynamoDbLocal(inMemory ? {} : { path: dataDir });
await createTables(dynamo.client, tablesFromTemplates(synthesizeTemplates()));

const server = createServer((request, response) => {
  if (request.url === '/health') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: 'ok', dynamodb: dynamo.endpoint }));
    return;
  }
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('Not found');
});
server.listen(port, () => {
  console.log(
    `Local system ready on http://localhost:${port} in ${Date.now() - started} ms (DynamoDB Local at ${dynamo.endpoint})`,
  );
});

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
