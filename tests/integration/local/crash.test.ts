import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalKeyWrapper } from '../../../adapters/crypto/local-key-wrapper';
import { DynamoEventStore } from '../../../adapters/dynamodb/event-store';
import { DynamoReadModels } from '../../../adapters/dynamodb/read-models';
import { streamObligations } from '../../../application/deadlines/obligations';
import { executionNameFor } from '../../../application/deadlines/plan';
import { catalog } from '../../../events/contracts';
import { childStreamId } from '../../../events/stream-id';
import { keyringOf } from '../../../functions/composition';
import {
  dynamoDbLocalsOn,
  freePort,
  localClientConfig,
  startDynamoDbLocal,
} from '../../../infra/local/dynamodb';
import type { LocalExecution } from '../../../infra/local/step-functions';
import { localTables, synthesizeTemplates } from '../../../infra/local/template';

/**
 * Finding 1 and 8 of issue 19, end to end: `npm start` (its script, in its own process group, over a data folder of
 * its own) is killed with kill -9 in the middle of a burst of commands, then started again. Every acknowledged
 * command must be projected, every open obligation of every record watched by a running deadline workflow, and
 * DynamoDB Local must not outlive the kill.
 */
const root = mkdtempSync(join(tmpdir(), 'iv-crash-'));
const dataDir = join(root, 'data');
const dynamoDir = join(dataDir, 'dynamodb');
const tsx = resolve('node_modules/tsx/dist/cli.mjs');
const running: ChildProcess[] = [];
afterAll(async () => {
  for (const child of running)
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  await until(() => dynamoDbLocalsOn(dynamoDir).length === 0);
  rmSync(root, { recursive: true, force: true });
});

/** Waits for a condition that some other process brings about, checking as often as is cheap. */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await sleep(50);
}

/** Starts the system as `npm start --no-seed` does; resolves once it says it is ready. */
async function startSystem(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [tsx, 'scripts/start.ts', '--no-seed'], {
    env: { ...process.env, PORT: String(port), IV_DATA_DIR: dataDir },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  const ready = new Promise<void>((resolveReady, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Ready:')) resolveReady();
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) =>
      reject(new Error(`npm start exited (${code}) before it was ready:\n${output}`)),
    );
  });
  await ready;
  return { child, output: () => output };
}

/** A coordinator's bearer token, from the sign-in form. */
async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: 'persona=persona-coordinator',
    redirect: 'manual',
  });
  return response.headers.getSetCookie()[0]!.split(';')[0]!.slice('iv_session='.length);
}

// Staff of the demo LA's directory, as the forms would choose them.
const newChild = {
  firstNames: 'Nia',
  lastName: 'Treharne',
  dateOfBirth: '2014-05-02',
  sex: 'female',
  ethnicity: 'WBRI',
  unaccompaniedAsylumSeeking: false,
  placementInLaArea: true,
  socialWorkerRef: 'persona-social-worker',
  iroRef: 'persona-iro',
};

// Two whole starts of the system (synthesis, DynamoDB Local, the runtime): a minute and more on a loaded machine.
describe('kill -9 of the local system mid-burst', { timeout: 300_000 }, () => {
  it('loses no acknowledged command, no deadline and no list row, and leaves no DynamoDB Local behind', async () => {
    const port = await freePort();
    const base = `http://localhost:${port}`;
    const first = await startSystem(port);
    const token = await signIn(base);
    const post = async (path: string, body: object) => {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status >= 300) throw new Error(`${path}: ${response.status}`);
      return (await response.json()) as { childId: string; version: number };
    };

    // Each acknowledged command: the child and the version the API said it wrote.
    const acknowledged: Array<{ childId: string; version: number }> = [];
    let killed = false;
    const journey = async () => {
      while (!killed) {
        const entered = await post('/api/children', newChild);
        acknowledged.push(entered);
        acknowledged.push(await post(`/api/children/${entered.childId}/offer`, {}));
        acknowledged.push(
          await post(`/api/children/${entered.childId}/decision`, {
            decision: 'accepted',
            sufficientUnderstanding: true,
          }),
        );
        acknowledged.push(
          await post(`/api/children/${entered.childId}/referral`, { interests: ['football'] }),
        );
      }
    };
    const burst = Array.from({ length: 6 }, () => journey().catch(() => undefined));
    await until(() => acknowledged.length >= 40);
    process.kill(-first.child.pid!, 'SIGKILL');
    killed = true;
    await Promise.all(burst);

    // DynamoDB Local does not outlive the system that started it.
    await until(() => dynamoDbLocalsOn(dynamoDir).length === 0);

    const second = await startSystem(port);
    expect(second.output()).toMatch(/Reconciled \d+ records: \d+ open obligations all watched/);
    const { dynamodb } = (await (await fetch(`${base}/health`)).json()) as { dynamodb: string };
    const client = new DynamoDBClient(localClientConfig(dynamodb));
    try {
      const tables = localTables(synthesizeTemplates());
      // The system's own data keys: its events are sealed with them.
      const personalData = keyringOf(
        client,
        tables.personalDataKeys,
        LocalKeyWrapper.atPath(join(dataDir, 'personal-data.key')),
        () => new Date(),
      );
      const store = new DynamoEventStore({ client, tables, catalog, personalData });
      const rows = new DynamoReadModels(client, tables);
      const watched = new Set(
        readdirSync(join(dataDir, 'executions'))
          .map(
            (name) => JSON.parse(readFileSync(join(dataDir, 'executions', name), 'utf8')) as LocalExecution,
          )
          .filter((e) => e.status === 'RUNNING')
          .map((e) => e.name.replace(/--.*$/, '')),
      );
      const obligations = streamObligations({ store, clock: { now: () => new Date() } });

      const children = [...new Set(acknowledged.map((a) => a.childId))];
      let open = 0;
      for (const childId of children) {
        const streamId = childStreamId(childId);
        const acked = Math.max(...acknowledged.filter((a) => a.childId === childId).map((a) => a.version));
        const events = await store.read(streamId);
        expect(events.length, streamId).toBeGreaterThanOrEqual(acked);
        expect((await rows.childRow(streamId))?.version, `${streamId} projected`).toBe(
          events.at(-1)!.version,
        );
        for (const obligation of await obligations.openOn(streamId, new Date())) {
          open++;
          expect(watched.has(executionNameFor(obligation.id)), `${obligation.id} watched`).toBe(true);
        }
      }
      // A child part-way (offered, or decided) owes nothing for now; the others owe the offer or the referral's wait.
      expect(children.length).toBeGreaterThanOrEqual(10);
      expect(open).toBeGreaterThan(0);

      // One DynamoDB Local per data folder: a second one is refused while this system runs.
      await expect(startDynamoDbLocal({ path: dynamoDir })).rejects.toThrow(
        new RegExp(
          `^DynamoDB Local on ${dynamoDir} is in use by another process \\(pid \\d+, since .*\\)\\. Stop that`,
        ),
      );

      // A frozen database is not "ok".
      const database = dynamoDbLocalsOn(dynamoDir);
      for (const pid of database) process.kill(pid, 'SIGSTOP');
      try {
        const frozen = await fetch(`${base}/health`);
        expect(frozen.status).toBe(503);
        expect(((await frozen.json()) as { status: string }).status).toBe('database not answering');
      } finally {
        for (const pid of database) process.kill(pid, 'SIGCONT');
      }
      expect((await fetch(`${base}/health`)).status).toBe(200);
    } finally {
      client.destroy();
    }

    const exited = new Promise((resolveExit) => second.child.once('exit', resolveExit));
    process.kill(-second.child.pid!, 'SIGTERM');
    await exited;
    await until(() => dynamoDbLocalsOn(dynamoDir).length === 0);
  });
});
