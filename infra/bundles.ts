import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { buildSystem } from './system';

/** A function's bundle as `cdk synth` writes it, with what the template says about the function. */
export interface BundledFunction {
  /** Stack and construct, e.g. `IvWeb/Web`. */
  name: string;
  /** The bundle's entry file (index.js) in its asset folder. */
  entry: string;
  codeBytes: number;
  assetBytes: number;
  environment: Record<string, string>;
  sdk: string[];
  uses: string[];
}

/** Goal 1's limit on each function's code: the bench's verdict and the bundle-size test. */
export const CODE_LIMIT_BYTES = 1024 * 1024;

/**
 * Bundles every function as `cdk synth` would (esbuild, minified CommonJS, from buildSystem), then reads each function's
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
