import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { bundleFunctions } from '../infra/bundles';
import { type Spread, spread } from './stats';

const run = promisify(execFile);
const OUT = resolve('.local/bench/cdk.out');
const MINIMAL = resolve('.local/bench/minimal');

export interface LambdaFigures {
  function: string;
  /** The bundled JavaScript Lambda loads (the AWS SDK is left out: Lambda's Node 22 runtime provides it). */
  codeBytes: number;
  /** Everything in the asset, source map included: what is uploaded. */
  assetBytes: number;
  /** import() of the bundle in a fresh Node process with the function's environment, SDK imports included. */
  loadMs: Spread;
  /** The AWS SDK packages the bundle imports (from the runtime). */
  sdk: string[];
  /** The SDK packages the function uses: one per service its role may call (its IAM policy in the template). */
  uses: string[];
  /** The limit: a middy handler that imports only the packages it uses and makes their clients, loaded the same way. */
  minimalMs: Spread;
  /** The bundle's load ÷ the minimal handler's, pair by pair (loads alternate). */
  vsMinimal: Spread;
}

/**
 * Each function's bundle and its module load: the bundle is imported in a new Node process each time, as a cold
 * start would, alternating with the minimal handler for the same SDK packages.
 */
export async function benchLambdas(
  loads: number,
): Promise<{ bundleSeconds: number; functions: LambdaFigures[] }> {
  const { bundleSeconds, functions: bundled } = bundleFunctions(OUT);
  const functions: LambdaFigures[] = [];
  for (const fn of bundled) {
    const minimal = await minimalHandler(fn.name, fn.uses);
    const ms: number[] = [];
    const minimalMs: number[] = [];
    for (let i = 0; i < loads; i++) {
      // Alternating, the first of each pair swapped every time, so drift in the machine's speed hits both.
      const pair = i % 2 === 0 ? [fn.entry, minimal] : [minimal, fn.entry];
      const [a, b] = [await loadTime(pair[0]!, fn.environment), await loadTime(pair[1]!, fn.environment)];
      ms.push(i % 2 === 0 ? a : b);
      minimalMs.push(i % 2 === 0 ? b : a);
    }
    functions.push({
      function: fn.name,
      codeBytes: fn.codeBytes,
      assetBytes: fn.assetBytes,
      loadMs: spread(ms),
      sdk: fn.sdk,
      uses: fn.uses,
      minimalMs: spread(minimalMs),
      vsMinimal: spread(ms.map((m, i) => m / minimalMs[i]!)),
    });
  }
  return { bundleSeconds, functions };
}

/**
 * The least a function with these SDK packages can load: middy around a handler that does nothing, one client made
 * per client package, bundled the same way (esbuild, minified CommonJS, the SDK left out).
 */
async function minimalHandler(name: string, sdk: readonly string[]): Promise<string> {
  const dir = join(MINIMAL, name.replace(/[^A-Za-z0-9]+/g, '-'));
  mkdirSync(dir, { recursive: true });
  const source = join(dir, 'handler.mjs');
  const imports = sdk.map((p, i) => `import * as sdk${i} from '${p}';`).join('\n');
  const clients = sdk
    .map(
      (_, i) =>
        `...Object.entries(sdk${i}).filter(([k]) => /^[A-Z][A-Za-z0-9]*Client$/.test(k)).map(([, C]) => new C({}))`,
    )
    .join(', ');
  writeFileSync(
    source,
    `import middy from '@middy/core';\n${imports}\nexport const clients = [${clients}];\n` +
      'export const handler = middy(async () => ({ statusCode: 200 }));\n',
  );
  const outfile = join(dir, 'index.js');
  writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }\n');
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    minify: true,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    external: ['@aws-sdk/*'],
    logLevel: 'error',
  });
  return outfile;
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
