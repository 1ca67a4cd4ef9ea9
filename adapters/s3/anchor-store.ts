import type { S3Client } from '@aws-sdk/client-s3';
import { ANCHOR_PREFIX, Anchor, type AnchorStore, anchorObjectName } from '../../application/audit/anchor';

/*
 * The S3 SDK is imported on the first call, not with this module: the pages and the API read anchors only on the
 * audit views, and importing the SDK added about 30 ms to every cold start of those two functions. A function that
 * always writes anchors passes its client; the others pass how to make one.
 */
const s3 = () => import('@aws-sdk/client-s3');

/**
 * Anchors in an S3 bucket with Object Lock: each anchor is a new object, retained by the bucket's default retention,
 * so not even the account's administrators can delete or overwrite it before the retention ends. Object names sort
 * newest first, so the latest anchor is one list call with MaxKeys 1.
 */
export class S3AnchorStore implements AnchorStore {
  private readonly client: () => Promise<S3Client>;

  constructor(
    client: S3Client | (() => Promise<S3Client>),
    private readonly bucket: string,
    private readonly prefix = ANCHOR_PREFIX,
  ) {
    let made: Promise<S3Client> | undefined;
    this.client = typeof client === 'function' ? () => (made ??= client()) : async () => client;
  }

  async put(anchor: Anchor): Promise<void> {
    const { PutObjectCommand } = await s3();
    await (await this.client()).send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: `${this.prefix}${anchorObjectName(anchor.anchoredAt)}`,
        Body: JSON.stringify(Anchor.parse(anchor)),
        ContentType: 'application/json',
        // Object Lock refuses uploads without an integrity checksum; and an anchor is never replaced.
        ChecksumAlgorithm: 'SHA256',
        IfNoneMatch: '*',
      }),
    );
  }

  async latest(): Promise<Anchor | undefined> {
    const { GetObjectCommand, ListObjectsV2Command } = await s3();
    const client = await this.client();
    const listed = await client.send(
      new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, MaxKeys: 1 }),
    );
    const key = listed.Contents?.[0]?.Key;
    if (!key) return undefined;
    const object = await client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const body = await object.Body?.transformToString('utf8');
    if (!body) throw new Error(`anchor ${key} is empty`);
    return Anchor.parse(JSON.parse(body));
  }
}
