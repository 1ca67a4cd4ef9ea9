import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The domain is pure: no AWS SDK, no I/O, no reading of the clock. Time always comes in as an argument. */
const root = new URL('../../../domain/', import.meta.url).pathname;
const files = (readdirSync(root, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(root, f));

const FORBIDDEN_IMPORTS = [
  /^@aws-sdk\//,
  /^@aws-lambda-powertools\//,
  /^@middy\//,
  /^aws-cdk-lib/,
  /^node:/,
  /^(fs|path|os|child_process|http|https|net|crypto)$/,
  /functions\//,
  /infra\//,
];
const CLOCK = [/Date\.now\s*\(/, /new\s+Date\s*\(\s*\)/, /performance\.now\s*\(/, /Math\.random\s*\(/];

const importsOf = (source: string) =>
  [...source.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]/g)].map(
    (m) => m[1] ?? m[2]!,
  );

describe('the domain', () => {
  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  for (const file of files) {
    const name = relative(root, file);
    const source = readFileSync(file, 'utf8');
    it(`${name} imports no AWS SDK, no Node I/O and nothing from the adapters`, () => {
      const bad = importsOf(source).filter((spec) => FORBIDDEN_IMPORTS.some((pattern) => pattern.test(spec)));
      expect(bad).toEqual([]);
    });
    it(`${name} never reads the clock or a random source`, () => {
      expect(CLOCK.filter((pattern) => pattern.test(source)).map(String)).toEqual([]);
    });
  }

  it('the check itself catches a forbidden import and a clock read', () => {
    expect(importsOf("import { DynamoDBClient } from '@aws-sdk/client-dynamodb';")).toEqual([
      '@aws-sdk/client-dynamodb',
    ]);
    expect(CLOCK.some((p) => p.test('const t = new Date();'))).toBe(true);
    expect(CLOCK.some((p) => p.test('const t = new Date(iso);'))).toBe(false);
  });
});
