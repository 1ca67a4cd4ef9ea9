import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyWrapper } from './key-wrapper';

/**
 * The local key-encryption key: 32 random bytes in a file made on first start (mode 0600, under `.local/`, which git
 * ignores), standing in for KMS on one machine. Tests give each run a file of its own in a temporary folder.
 */
export class LocalKeyWrapper implements KeyWrapper {
  readonly keeper = 'local';

  private constructor(private readonly kek: Buffer) {}

  /** A key held in memory only, for a throwaway database (a benchmark, a generated report) that dies with it. */
  static ephemeral(): LocalKeyWrapper {
    return new LocalKeyWrapper(randomBytes(32));
  }

  /** The key in `file`, made there first if there is none yet. */
  static atPath(file: string): LocalKeyWrapper {
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      try {
        writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        // Another process made it first: use theirs.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    const kek = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (kek.length !== 32) throw new Error(`${file} does not hold a 256-bit key`);
    return new LocalKeyWrapper(kek);
  }

  async generate(subject: string) {
    const plaintext = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.kek, iv);
    cipher.setAAD(Buffer.from(subject));
    const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { plaintext, wrapped: Buffer.concat([iv, sealed, cipher.getAuthTag()]) };
  }

  async unwrap(subject: string, wrapped: Uint8Array) {
    const bytes = Buffer.from(wrapped);
    const decipher = createDecipheriv('aes-256-gcm', this.kek, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(subject));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
  }
}
