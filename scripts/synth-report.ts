import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * After `npm run synth`: resources per stack and the size of each function's bundle (minified, source maps excluded),
 * read from cdk.out. `npm run synth:report`.
 */
const out = process.argv[2] ?? 'cdk.out';
if (!existsSync(out)) throw new Error(`no ${out}: run npm run synth first`);

const sizeOf = (dir: string): number =>
  readdirSync(dir).reduce((total, name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    return total + (stat.isDirectory() ? sizeOf(path) : name.endsWith('.map') ? 0 : stat.size);
  }, 0);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

let total = 0;
const rows: string[] = [];
for (const file of readdirSync(out)
  .filter((f) => f.endsWith('.template.json'))
  .sort()) {
  const template = JSON.parse(readFileSync(join(out, file), 'utf8')) as {
    Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
  };
  const resources = Object.entries(template.Resources);
  total += resources.length;
  console.log(`${file.replace('.template.json', '').padEnd(16)} ${resources.length} resources`);
  for (const [id, resource] of resources) {
    const asset = resource.Metadata?.['aws:asset:path'];
    if (resource.Type !== 'AWS::Lambda::Function' || !asset) continue;
    const dir = join(out, asset);
    const main = join(dir, 'index.mjs');
    rows.push(
      `  ${id.padEnd(72)} ${existsSync(main) ? kib(statSync(main).size).padStart(11) : '          -'}  (all files ${kib(sizeOf(dir))})`,
    );
  }
}
console.log(`total            ${total} resources\n\nfunction bundles (index.mjs, minified):`);
for (const row of rows) console.log(row);
