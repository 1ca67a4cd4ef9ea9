import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Anchor, type AnchorStore, anchorObjectName } from '../../application/audit/anchor';

/** The local stand-in: one JSON file per anchor in a folder. Nothing is ever overwritten. */
export class FileAnchorStore implements AnchorStore {
  constructor(private readonly folder: string) {}

  async put(anchor: Anchor): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    await writeFile(join(this.folder, anchorObjectName(anchor.anchoredAt)), JSON.stringify(anchor), {
      flag: 'wx',
    });
  }

  async latest(): Promise<Anchor | undefined> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const newest = names.filter((n) => n.endsWith('.json')).sort()[0];
    if (!newest) return undefined;
    return Anchor.parse(JSON.parse(await readFile(join(this.folder, newest), 'utf8')));
  }
}
