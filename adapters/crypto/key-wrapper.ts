/**
 * Makes and unwraps a person's data key under a key-encryption key that never leaves its keeper: KMS in AWS
 * (GenerateDataKey, Decrypt), a local key file under `.local/` on one machine. The person's stream id is bound to
 * the wrapped key (KMS encryption context, or AES-GCM additional data), so a wrapped key opens for its person only.
 */
export interface KeyWrapper {
  /** Names the keeper on each stored key ('kms', 'local'), so a key is never sent to the wrong one. */
  readonly keeper: string;
  generate(subject: string): Promise<{ plaintext: Buffer; wrapped: Uint8Array }>;
  /** Throws when the wrapped key is not this keeper's (or not this subject's). */
  unwrap(subject: string, wrapped: Uint8Array): Promise<Buffer>;
}
