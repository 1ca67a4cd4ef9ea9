import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { ReceiptStore, StoredReceipt } from '../../application/ports/receipts';
import { contentTypeOfKey } from '../../application/volunteers/receipts';

/**
 * The local stand-in for the receipt bucket: one file per receipt under a folder (`.local/receipts/` under
 * `npm start`), at the receipt's key. The kind of file is in the key's ending, as in S3's Content-Type.
 */
export class FileReceiptStore implements ReceiptStore {
  constructor(private readonly folder: string) {}

  /** The file of a key, never outside the folder whatever the key says. */
  private pathOf(key: string): string {
    const root = resolve(this.folder);
    const path = resolve(root, key);
    if (!path.startsWith(root + sep))
      throw new Error('a receipt key must name a file inside the receipt folder');
    return path;
  }

  async put(key: string, receipt: StoredReceipt): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, receipt.bytes, { mode: 0o600 });
  }

  async get(key: string): Promise<StoredReceipt | undefined> {
    try {
      return { bytes: await readFile(this.pathOf(key)), contentType: contentTypeOfKey(key) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

export const localReceiptFolder = (dataDir: string) => join(dataDir, 'receipts');
