import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Stack } from 'aws-cdk-lib';
import { buildSystem } from '../infra/system';
import { type Spread, spread } from './stats';

const run = promisify(execFile);
const OUT = resolve('.local/bench/cdk.out');

export interface LambdaFigures {
  function: string;
  /** The bundled JavaScript Lambda loads (the AWS SDK is left out: Lambda's Node 22 runtime provides it). */
  codeBytes: number;
  /** Everything in the asset, source map included: what is uploaded. */
  assetBytes: number;
  /** import() of the bundle in a fresh Node process with the function's environment, SDK imports included. */
  loadMs: Spread;
}

/**
 * Bundles every function as `cdk synth` would (esbuild, minified ESM, from buildSystem), then reads each function's
 * asset folder from the cloud assembly. The bundle is imported in a new Node process each time, as a cold start
 * would; the folder sits inside the checkout so the SDK resolves from node_modules as it would from the runtime.
 */
export async function benchLambdas(
  loads: number,
): Promise<{ bundleSeconds: number; functions: LambdaFigures[] }> {
  rmSync(OUT, { recursive: true, force: true });
  const started = performance.now();
  const { app } = buildSystem({ bundle: true, outdir: OUT });
  const assembly = app.synth();
  const bundleSeconds = (performance.now() - started) / 1000;
  const functions: LambdaFigures[] = [];
  for (const stack of app.node.children) {
    if (!(stack instanceof Stack)) continue;
    const template = assembly.getStackByName(stack.stackName).template as {
      Resources: Record<string, { Type: string; Metadata?: Record<string, string>; Properties?: never }>;
    };
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      // The asset's folder is named after its hash, which is also the zip's S3 key.
      const key = (resource.Properties as { Code?: { S3Key?: unknown } } | undefined)?.Code?.S3Key;
      const assetPath =
        resource.Metadata?.['aws:asset:path'] ??
        (typeof key === 'string' ? `asset.${key.replace(/\.zip$/, '')}` : undefined);
      if (!assetPath || !existsSync(join(assembly.directory, assetPath))) continue; // inline code (CDK's own helpers)
      const dir = join(assembly.directory, assetPath);
      const files = readdirSync(dir);
      const entry = files.find((f) => /^index\.(mjs|js)$/.test(f));
      if (!entry) continue;
      const size = (f: string) => statSync(join(dir, f)).size;
      const environment = Object.fromEntries(
        Object.entries(
          (resource.Properties as { Environment?: { Variables?: Record<string, unknown> } } | undefined)
            ?.Environment?.Variables ?? {},
        ).map(([k, v]) => [k, typeof v === 'string' ? v : `bench-${k.toLowerCase()}`]),
      );
      const ms: number[] = [];
      for (let i = 0; i < loads; i++) ms.push(await loadTime(join(dir, entry), environment));
      functions.push({
        function: `${stack.stackName}/${logicalId.replace(/[0-9A-F]{8}$/, '')}`,
        codeBytes: files.filter((f) => /\.(mjs|js|cjs)$/.test(f)).reduce((s, f) => s + size(f), 0),
        assetBytes: files.reduce((s, f) => s + size(f), 0),
        loadMs: spread(ms),
      });
    }
  }
  return { bundleSeconds, functions };
}

async function loadTime(file: string, environment: Record<string, string>): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - t);`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      PATH: process.env.PATH,
      AWS_REGION: 'eu-west-2',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_LAMBDA_FUNCTION_NAME: 'bench',
      ...environment,
    },
  });
  return Number(stdout.trim().split('\n').at(-1));
}
