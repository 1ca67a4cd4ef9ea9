import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { dateTime, longDate } from './dates';

/** Where the templates are: beside this file in the source tree, or copied beside the bundle in AWS. */
const viewsPath = process.env.VIEWS_PATH ?? fileURLToPath(new URL('./views', import.meta.url));
const govukPath =
  process.env.GOVUK_FRONTEND_PATH ??
  dirname(dirname(createRequire(import.meta.url).resolve('govuk-frontend')));

const env = new nunjucks.Environment(
  new nunjucks.FileSystemLoader([viewsPath, join(govukPath)], { noCache: false }),
  {
    autoescape: true,
    throwOnUndefined: false,
  },
);
env.addFilter('day', (value: string | undefined) => (value ? longDate(value) : ''));
env.addFilter('dateTime', (value: string | undefined) => (value ? dateTime(value) : ''));
env.addFilter('humanise', (value: string | undefined) =>
  value
    ? value
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .replace(/-/g, ' ')
        .replace(/^./, (c) => c.toUpperCase())
    : '',
);

export function render(view: string, context: Record<string, unknown>): string {
  return env.render(view, context);
}
