// Copies the English and Welsh catalogues beside a function's bundle: adapters/web/i18n/index.ts reads them from the
// folder of the code that runs, rather than carrying 300 KB of JSON as code. Run by the afterBundling hook of every
// function that imports the catalogues (the pages and the API):
//   node infra/bundling/copy-catalogues.mjs <project root> <bundle output dir>
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';

const [root, out] = process.argv.slice(2);
if (!root || !out) throw new Error('usage: copy-catalogues.mjs <project root> <output dir>');
for (const language of ['en', 'cy'])
  copyFileSync(join(root, `adapters/web/i18n/${language}.json`), join(out, `${language}.json`));
