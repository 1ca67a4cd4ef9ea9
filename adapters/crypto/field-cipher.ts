import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { isSealed, SEALED_PREFIX } from '../../events/personal-fields';

/**
 * One personal field sealed with AES-256-GCM under its person's data key, as one compact string:
 * `pd1.<key id>.<iv>.<ciphertext>.<tag>` (base64url). The additional data binds it to its stream, event type and
 * path, so a sealed value moved to another field or record does not open. About 60 bytes more than the value.
 */

export interface DataKey {
  keyId: string;
  key: Buffer;
}

export const isEnvelope = isSealed;

/** The id of the key an envelope was sealed with. */
export const keyIdOf = (envelope: string): string => envelope.split('.')[1] ?? '';

export function sealValue(key: DataKey, value: unknown, aad: string, iv: Buffer = randomBytes(12)): string {
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  const parts = [iv, ciphertext, cipher.getAuthTag()].map((b) => b.toString('base64url'));
  return `${SEALED_PREFIX}${key.keyId}.${parts.join('.')}`;
}

/** The value an envelope holds; throws when the key is not the one it was sealed with or it was changed. */
export function openValue(key: DataKey, envelope: string, aad: string): unknown {
  const [, keyId, iv, ciphertext, tag] = envelope.split('.');
  if (keyId !== key.keyId || !iv || ciphertext === undefined || !tag)
    throw new Error('not sealed with this key');
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  return JSON.parse(plain.toString('utf8'));
}
