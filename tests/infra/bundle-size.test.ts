import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFunctions, CODE_LIMIT_BYTES } from '../../infra/bundles';

// Goal 1: every Lambda's code under 1 MB, bundled exactly as `cdk synth` bundles it. Several engineers add to the
// same functions at once, so a function that crosses the limit fails here, not only in the next bench run.
describe('the Lambda bundles', () => {
  const outdir = join(tmpdir(), `iv-bundle-size-${process.pid}`);
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
});
