import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

/**
 * `npm test` as CI runs it, step by step: Biome, tsc, then vitest (its JSON report gives the counts). Each step's
 * time is wall clock; the load average is taken at each step's start and end, because the suite is the figure most
 * at the mercy of the machine.
 */
export interface SuiteFigures {
  lintSeconds: number;
  typecheckSeconds: number;
  vitestSeconds: number;
  totalSeconds: number;
  files: number;
  tests: number;
  failed: number;
  /** The failing tests by file and name, so a failure in a timed run can be looked into afterwards. */
  failures: string[];
  /** 1-minute load average at the start and at the end. */
  load: [number, number];
}

const step = (command: string, args: string[]) =>
  new Promise<number>((ok, fail) => {
    const started = performance.now();
    const child = spawn(resolve('node_modules/.bin', command), args, {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 || command === 'vitest'
        ? ok((performance.now() - started) / 1000)
        : fail(new Error(`${command} exited with ${code}`)),
    );
  });

export async function benchSuite(log: (line: string) => void): Promise<SuiteFigures> {
  const load0 = loadavg()[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'iv-bench-suite-'));
  try {
    const lintSeconds = await step('biome', ['check', '.']);
    const typecheckSeconds = await step('tsc', ['--noEmit', '-p', 'tsconfig.json']);
    const report = join(dir, 'vitest.json');
    const vitestSeconds = await step('vitest', ['run', '--reporter=json', `--outputFile=${report}`]);
    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      numTotalTests: number;
      numFailedTests: number;
      testResults: Array<{ name: string; assertionResults: Array<{ fullName: string; status: string }> }>;
    };
    const figures: SuiteFigures = {
      lintSeconds,
      typecheckSeconds,
      vitestSeconds,
      totalSeconds: lintSeconds + typecheckSeconds + vitestSeconds,
      files: json.testResults.length,
      tests: json.numTotalTests,
      failed: json.numFailedTests,
      failures: json.testResults.flatMap((file) =>
        file.assertionResults
          .filter((test) => test.status === 'failed')
          .map((test) => `${relative(process.cwd(), file.name)}: ${test.fullName}`),
      ),
      load: [load0, loadavg()[0]!],
    };
    log(
      `  npm test: ${figures.totalSeconds.toFixed(0)} s (lint ${lintSeconds.toFixed(0)}, tsc ${typecheckSeconds.toFixed(0)}, ` +
        `vitest ${vitestSeconds.toFixed(0)}); ${figures.tests} tests, ${figures.failed} failed`,
    );
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
