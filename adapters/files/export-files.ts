import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportFiles } from '../../application/audit/export';

/** Writes `<stream>.json` and `<stream>.html` into a folder; returns their paths. */
export async function writeExport(
  files: ExportFiles,
  outDir: string,
): Promise<{ json: string; html: string }> {
  await mkdir(outDir, { recursive: true });
  const base = files.bundle.streamId.replace(/[^0-9A-Za-z-]/g, '_');
  const paths = { json: join(outDir, `${base}.json`), html: join(outDir, `${base}.html`) };
  await writeFile(paths.json, files.json);
  await writeFile(paths.html, files.html);
  return paths;
}
