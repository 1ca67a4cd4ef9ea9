import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * The first `npm start` as someone runs it: `scripts/start.ts` on a fresh data folder (DynamoDB Local on disk, as
 * .local/ is), timed by the lines it prints, until it says it is ready. Each step's figure is the time since the
 * start at which its line was printed.
 */
export interface FirstStartFigures {
  /** Seconds from the start: DynamoDB Local, the poller, the bus and the state machines running. */
  runtimeUp: number;
  /** The demo LAs' events written. */
  seedWritten: number;
  /** Every record read once, its row projected and its open obligations armed. */
  projectedAndArmed: number;
  /** The deadlines already due when armed have run (reminders recorded, notified). */
  dueRun: number;
  /** The reconciler has checked every record: ready. */
  ready: number;
  /** What the reconciler had to re-arm: 0 when the first arming missed nothing. */
  rearmed: number;
  events: number;
  records: number;
  /** The 1-minute load average when the start began and when it was ready. */
  load: [number, number];
}

const STEPS: Array<[keyof FirstStartFigures, RegExp]> = [
  ['runtimeUp', /^\[([\d.]+)s\] DynamoDB Local, the stream poller/],
  ['seedWritten', /^\[([\d.]+)s\] Wrote /],
  ['projectedAndArmed', /^\[([\d.]+)s\] Projected /],
  ['dueRun', /^\[([\d.]+)s\] Deadlines already due/],
  ['ready', /^\[([\d.]+)s\] Ready/],
];

const freePort = () =>
  new Promise<number>((ok, fail) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
    server.on('error', fail);
  });

export async function benchFirstStart(log: (line: string) => void): Promise<FirstStartFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'iv-bench-first-start-'));
  const load0 = loadavg()[0]!;
  const child = spawn(resolve('node_modules/.bin/tsx'), ['scripts/start.ts'], {
    env: {
      ...process.env,
      PATH: `${resolve('node_modules/.bin')}:${process.env.PATH}`,
      IV_DATA_DIR: dataDir,
      PORT: String(await freePort()),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const figures: Partial<FirstStartFigures> = { rearmed: 0 };
  try {
    await new Promise<void>((ok, fail) => {
      child.on('exit', (code) => fail(new Error(`npm start ended (${code}) before it was ready`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        for (const [step, pattern] of STEPS) {
          const seconds = pattern.exec(line)?.[1];
          if (seconds) {
            (figures as Record<string, number>)[step] = Number(seconds);
            log(`first-start: ${line.slice(0, 100)}`);
          }
        }
        const wrote = /Wrote (\d+) events in (\d+) records/.exec(line);
        if (wrote) [figures.events, figures.records] = [Number(wrote[1]), Number(wrote[2])];
        const rearmed = /after re-arming (\d+) deadlines/.exec(line);
        if (rearmed) figures.rearmed = Number(rearmed[1]);
        if (figures.ready !== undefined) ok();
      });
    });
    figures.load = [load0, loadavg()[0]!];
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures as FirstStartFigures;
}
