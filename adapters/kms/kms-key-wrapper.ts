import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { KeyWrapper } from '../crypto/key-wrapper';

/**
 * Data keys from KMS: GenerateDataKey makes each person's AES-256 key, returned in plain (used, then cached in
 * memory) and wrapped (stored in the keys table); Decrypt unwraps a stored key. The encryption context names the
 * person, so CloudTrail shows whose key was used and a wrapped key cannot be replayed for someone else.
 */
export class KmsKeyWrapper implements KeyWrapper {
  readonly keeper = 'kms';

  constructor(
    private readonly client: KMSClient,
    private readonly keyArn: string,
  ) {}

  async generate(subject: string) {
    const out = await this.client.send(
      new GenerateDataKeyCommand({ KeyId: this.keyArn, KeySpec: 'AES_256', EncryptionContext: { subject } }),
    );
    if (!out.Plaintext || !out.CiphertextBlob) throw new Error('KMS returned no data key');
    return { plaintext: Buffer.from(out.Plaintext), wrapped: out.CiphertextBlob };
  }

  async unwrap(subject: string, wrapped: Uint8Array) {
    const out = await this.client.send(
      new DecryptCommand({ KeyId: this.keyArn, CiphertextBlob: wrapped, EncryptionContext: { subject } }),
    );
    if (!out.Plaintext) throw new Error('KMS returned no plaintext');
    return Buffer.from(out.Plaintext);
  }
}
