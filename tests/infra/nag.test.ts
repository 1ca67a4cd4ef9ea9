import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { applyNag } from '../../infra/nag';
import { buildSystem } from '../../infra/system';

interface Report {
  pluginReports: Array<{
    pluginName: string;
    violations: Array<{
      ruleName: string;
      description: string;
      violatingConstructs: Array<{ constructPath: string }>;
    }>;
  }>;
}

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

/** Synthesizes the app with the AwsSolutions pack, as `cdk synth` does, and reads the validation report. */
function synthWithNag(change: (system: ReturnType<typeof buildSystem>) => void = () => {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'iv-nag-'));
  outdirs.push(outdir);
  const system = buildSystem({ bundle: false, outdir });
  change(system);
  applyNag(system);
  let error: unknown;
  try {
    system.app.synth();
  } catch (e) {
    error = e;
  }
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as Report;
  const findings = report.pluginReports.flatMap((p) =>
    p.violations.flatMap((v) => v.violatingConstructs.map((c) => `${v.ruleName} at ${c.constructPath}`)),
  );
  return { findings, error };
}

describe('cdk-nag AwsSolutions checks on the whole app', () => {
  it('leaves no finding unacknowledged, so synthesis succeeds', () => {
    const { findings, error } = synthWithNag();
    expect(findings).toEqual([]);
    expect(error).toBeUndefined();
  });

  it('still fails synthesis on a new finding: a bucket without SSL enforcement or access logs', () => {
    const { findings, error } = synthWithNag((system) => new Bucket(system.web, 'CarelessBucket'));
    expect(findings).toEqual(
      expect.arrayContaining([
        'AwsSolutions-S1 at IvWeb/CarelessBucket/Resource',
        'AwsSolutions-S10 at IvWeb/CarelessBucket/Resource',
      ]),
    );
    expect(error).toBeDefined();
  });
});
