import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ReceiptStore, StoredReceipt } from '../../application/ports/receipts';

/**
 * Receipts in their own private bucket (infra/constructs/receipt-bucket.ts): encrypted, public access blocked, TLS
 * only. The web and API functions may put, get and delete objects under `receipts/` and nothing else.
 */
export class S3ReceiptStore implements ReceiptStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, receipt: StoredReceipt): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: receipt.bytes,
        ContentType: receipt.contentType,
        ChecksumAlgorithm: 'SHA256',
      }),
    );
  }

  async get(key: string): Promise<StoredReceipt | undefined> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const bytes = await object.Body?.transformToByteArray();
      return bytes ? { bytes, contentType: object.ContentType ?? 'application/octet-stream' } : undefined;
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
