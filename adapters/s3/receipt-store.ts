import type { S3Client } from '@aws-sdk/client-s3';
import type { ReceiptStore, StoredReceipt } from '../../application/ports/receipts';

/* Imported on the first call, as the anchor store does: only the expense pages read or write receipts, and the SDK
 * would otherwise add to every cold start of the pages and the API. */
const s3 = () => import('@aws-sdk/client-s3');

/**
 * Receipts in their own private bucket (infra/constructs/receipt-bucket.ts): encrypted, public access blocked, TLS
 * only. The web and API functions may put, get and delete objects under `receipts/` and nothing else.
 */
export class S3ReceiptStore implements ReceiptStore {
  private readonly client: () => Promise<S3Client>;

  constructor(
    client: S3Client | (() => Promise<S3Client>),
    private readonly bucket: string,
  ) {
    let made: Promise<S3Client> | undefined;
    this.client = typeof client === 'function' ? () => (made ??= client()) : async () => client;
  }

  async put(key: string, receipt: StoredReceipt): Promise<void> {
    const { PutObjectCommand } = await s3();
    await (await this.client()).send(
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
    const { GetObjectCommand, NoSuchKey } = await s3();
    try {
      const object = await (await this.client()).send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      const bytes = await object.Body?.transformToByteArray();
      return bytes ? { bytes, contentType: object.ContentType ?? 'application/octet-stream' } : undefined;
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const { DeleteObjectCommand } = await s3();
    await (await this.client()).send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
