import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimFolder, dynamoDbLocalsOn } from '../../../infra/local/dynamodb';

/** Finding 8 of issue 19: one DynamoDB Local per data folder, and none left running by a process that is gone. */
const root = mkdtempSync(join(tmpdir(), 'iv-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const lockOf = (folder: string) => join(folder, 'iv-dynamodb.lock');
/** The pid of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe("a data folder's lock", () => {
  it('ends a DynamoDB Local left running on the folder by a process that is gone, then takes the folder', async () => {
    const folder = join(root, 'orphaned');
    // Stands in for Java: a process with DynamoDB Local's arguments on this folder, whose owner died.
    const orphan = spawn(process.execPath, [
      '-e',
      'setInterval(() => {}, 1000)',
      'DynamoDBLocal.jar',
      '-dbPath',
      folder,
    ]);
    const gone = new Promise((resolve) => orphan.once('exit', (_code, signal) => resolve(signal)));
    await new Promise((resolve) => orphan.once('spawn', resolve));
    const other = spawn(process.execPath, [
      '-e',
      'setInterval(() => {}, 1000)',
      'DynamoDBLocal.jar',
      '-dbPath',
      `${folder}-2`,
    ]);
    try {
      mkdirSync(folder);
      writeFileSync(lockOf(folder), JSON.stringify({ owner: deadPid(), since: '2026-12-01T09:00:00Z' }));
      expect(dynamoDbLocalsOn(folder)).toEqual([orphan.pid]);

      const lock = await claimFolder(folder);
      expect(await gone).toBe('SIGKILL');
      expect(dynamoDbLocalsOn(folder)).toEqual([]);
      expect(JSON.parse(readFileSync(lockOf(folder), 'utf8')).owner).toBe(process.pid);
      // Another folder's DynamoDB Local is none of its business.
      expect(other.exitCode).toBeNull();
      lock.release();
      expect(existsSync(lockOf(folder))).toBe(false);
    } finally {
      other.kill('SIGKILL');
      orphan.kill('SIGKILL');
    }
  });

  it('refuses the folder while a live process holds it, saying which and how to stop it', async () => {
    const folder = join(root, 'held');
    mkdirSync(folder);
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    await new Promise((resolve) => holder.once('spawn', resolve));
    try {
      writeFileSync(lockOf(folder), JSON.stringify({ owner: holder.pid, since: '2026-12-01T09:00:00.000Z' }));
      await expect(claimFolder(folder)).rejects.toThrow(
        `DynamoDB Local on ${folder} is in use by another process (pid ${holder.pid}, since 2026-12-01T09:00:00.000Z). ` +
          `Stop that npm start (Ctrl-C in its terminal, or kill ${holder.pid}) and start again.`,
      );
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
