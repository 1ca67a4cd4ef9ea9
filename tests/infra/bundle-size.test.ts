import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFunctions, CODE_LIMIT_BYTES } from '../../infra/bundles';

// Goal 1: every Lambda's code under 1 MB, bundled exactly as `cdk synth` bundles it. Several engineers add to the
// same functions at once, so a function that crosses the limit fails here, not only in the next bench run.
describe('the Lambda bundles', () => {
  // Inside the checkout (cdk.out/ is ignored), so a bundle's SDK imports resolve as the Lambda runtime's would.
  const outdir = join(process.cwd(), 'cdk.out', `bundle-test-${process.pid}`);
  const { functions } = bundleFunctions(outdir);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('bundles every function', () => {
    expect(functions.map((f) => f.name)).toEqual(
      expect.arrayContaining(['IvWeb/Web', 'IvMessaging/Notifier']),
    );
    expect(functions.length).toBeGreaterThanOrEqual(10);
  });

  it('keeps the code of each under 1 MB', () => {
    const over = functions
      .filter((f) => f.codeBytes >= CODE_LIMIT_BYTES)
      .map((f) => `${f.name}: ${Math.round(f.codeBytes / 1024)} KB`);
    expect(over).toEqual([]);
  });

  // What a bundle reads at start-up must ship with it: the catalogues, for one, are files beside the pages' and the
  // API's code, and a function without them would fail on its first request in AWS while every test here passed.
  it('loads each, in a fresh Node process with the environment its template gives it', () => {
    const failures = functions.flatMap((f) => {
      try {
        execFileSync(
          process.execPath,
          ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(f.entry).href)})`],
          {
            env: {
              PATH: process.env.PATH,
              AWS_REGION: 'eu-west-2',
              AWS_LAMBDA_FUNCTION_NAME: 'test',
              ...f.environment,
            },
            stdio: 'pipe',
          },
        );
        return [];
      } catch (error) {
        return [
          `${f.name}: ${String((error as { stderr?: Buffer }).stderr ?? error)
            .split('\n')
            .find((l) => /Error/.test(l))}`,
        ];
      }
    });
    expect(failures).toEqual([]);
  });
});
