import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The files CloudFront serves from S3 in AWS: GOV.UK Frontend's build and the app's own CSS and JS. */
const govuk = join(dirname(dirname(createRequire(import.meta.url).resolve('govuk-frontend'))), 'govuk');
const ours = fileURLToPath(new URL('../../adapters/web/static', import.meta.url));

export const STATIC_ROOTS: ReadonlyArray<{ prefix: string; dir: string }> = [
  { prefix: '/assets/', dir: join(govuk, 'assets') },
  { prefix: '/stylesheets/govuk-frontend.min.css', dir: join(govuk, 'govuk-frontend.min.css') },
  { prefix: '/javascripts/govuk-frontend.min.js', dir: join(govuk, 'govuk-frontend.min.js') },
  { prefix: '/stylesheets/', dir: ours },
  { prefix: '/javascripts/', dir: ours },
];

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Returns the file for a static path, or undefined; never serves anything outside the roots. */
export async function staticFile(path: string): Promise<{ body: Buffer; type: string } | undefined> {
  for (const { prefix, dir } of STATIC_ROOTS) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const file = rest ? normalize(join(dir, rest)) : dir;
    if (!file.startsWith(dir)) return undefined;
    try {
      return { body: await readFile(file), type: TYPES[extname(file)] ?? 'application/octet-stream' };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
