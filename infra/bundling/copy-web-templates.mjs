// Copies the Nunjucks templates the web function renders at runtime beside its bundle: the app's views, and
// GOV.UK Frontend's component templates (only the .njk files). Run by the web function's afterBundling hook:
//   node infra/bundling/copy-web-templates.mjs <project root> <bundle output dir>
import { cpSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [root, out] = process.argv.slice(2);
if (!root || !out) throw new Error('usage: copy-web-templates.mjs <project root> <output dir>');
const onlyTemplates = (source) => statSync(source).isDirectory() || source.endsWith('.njk');
cpSync(join(root, 'adapters/web/views'), join(out, 'views'), { recursive: true, filter: onlyTemplates });
cpSync(join(root, 'node_modules/govuk-frontend/dist/govuk'), join(out, 'govuk-frontend/govuk'), {
  recursive: true,
  filter: onlyTemplates,
});
