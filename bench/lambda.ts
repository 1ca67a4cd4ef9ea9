import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Stack } from 'aws-cdk-lib';
import { build } from 'esbuild';
import { buildSystem } from '../infra/system';
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

/** A function's bundle as `cdk synth` writes it, with what the template says about the function. */
export interface BundledFunction {
  /** Stack and construct, e.g. `IvWeb/Web`. */
  name: string;
  /** The bundle's entry file (index.mjs) in its asset folder. */
  entry: string;
  codeBytes: number;
  assetBytes: number;
  environment: Record<string, string>;
  sdk: string[];
  uses: string[];
}

/** Lambda's limit we hold every function's code to (goal 1): the bench's verdict and the bundle-size test. */
export const CODE_LIMIT_BYTES = 1024 * 1024;

/**
 * Bundles every function as `cdk synth` would (esbuild, minified ESM, from buildSystem), then reads each function's
 * asset folder from the cloud assembly. The folder sits inside the checkout so the SDK resolves from node_modules
 * as it would from the runtime.
 */
export function bundleFunctions(outdir: string): { bundleSeconds: number; functions: BundledFunction[] } {
  rmSync(outdir, { recursive: true, force: true });
  const started = performance.now();
  const { app } = buildSystem({ bundle: true, outdir });
  const assembly = app.synth();
  const bundleSeconds = (performance.now() - started) / 1000;
  const functions: BundledFunction[] = [];
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
      functions.push({
        name: `${stack.stackName}/${logicalId.replace(/[0-9A-F]{8}$/, '')}`,
        entry: join(dir, entry),
        codeBytes: files.filter((f) => /\.(mjs|js|cjs)$/.test(f)).reduce((s, f) => s + size(f), 0),
        assetBytes: files.reduce((s, f) => s + size(f), 0),
        environment,
        sdk: sdkImports(readFileSync(join(dir, entry), 'utf8')),
        uses: sdkUsed(template.Resources, resource.Properties),
      });
    }
  }
  return { bundleSeconds, functions };
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

/** The AWS SDK packages a bundle imports: CDK leaves them out of the bundle, for the runtime to provide. */
function sdkImports(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/["'](@aws-sdk\/[a-z0-9-]+)["']/g)) found.add(m[1]!);
  return [...found].sort();
}

/** The SDK package for each service a function's role may call; the rest (logs, X-Ray) need no client. */
const SDK_OF_SERVICE: Record<string, string[]> = {
  dynamodb: ['@aws-sdk/client-dynamodb', '@aws-sdk/util-dynamodb'],
  kms: ['@aws-sdk/client-kms'],
  s3: ['@aws-sdk/client-s3'],
  states: ['@aws-sdk/client-sfn'],
  events: ['@aws-sdk/client-eventbridge'],
  secretsmanager: ['@aws-sdk/client-secrets-manager'],
  'cognito-idp': ['@aws-sdk/client-cognito-identity-provider'],
  lambda: ['@aws-sdk/client-lambda'],
};

/** The SDK packages a function uses, from the services its role's policies in the template allow. */
function sdkUsed(resources: Record<string, { Type: string; Properties?: never }>, fn: unknown): string[] {
  const role = (fn as { Role?: { 'Fn::GetAtt'?: [string, string] } } | undefined)?.Role?.['Fn::GetAtt']?.[0];
  const services = new Set<string>();
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const policy = resource.Properties as unknown as {
      Roles?: Array<{ Ref?: string }>;
      PolicyDocument: { Statement: Array<{ Action: string | string[] }> };
    };
    if (!policy.Roles?.some((r) => r.Ref === role)) continue;
    for (const statement of policy.PolicyDocument.Statement)
      for (const action of ([] as string[]).concat(statement.Action)) services.add(action.split(':')[0]!);
  }
  return [...services].flatMap((service) => SDK_OF_SERVICE[service] ?? []).sort();
}

/**
 * The least a function with these SDK packages can load: middy around a handler that does nothing, one client made
 * per client package, bundled the same way (esbuild, minified ESM, the SDK left out).
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
  const outfile = join(dir, 'index.mjs');
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    minify: true,
    format: 'esm',
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
