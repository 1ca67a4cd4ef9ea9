import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { STATIC_ROOTS } from '../../adapters/web/static-roots';

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
