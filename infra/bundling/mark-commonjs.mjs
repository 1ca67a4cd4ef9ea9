// Marks a function's bundle folder as CommonJS, so its index.js loads as CommonJS wherever the folder sits (inside
// the checkout, whose package.json says "module", when the bench and the bundle test load it; in Lambda it would
// anyway). Run by every function's afterBundling hook (infra/constructs/node-function.ts):
//   node infra/bundling/mark-commonjs.mjs <bundle output dir>
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [out] = process.argv.slice(2);
if (!out) throw new Error('usage: mark-commonjs.mjs <output dir>');
writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');
