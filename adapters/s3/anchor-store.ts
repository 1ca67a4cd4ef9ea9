import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ANCHOR_PREFIX, Anchor, type AnchorStore, anchorObjectName } from '../../application/audit/anchor';

/**
 * Anchors in an S3 bucket with Object Lock: each anchor is a new object, retained by the bucket's default retention,
 * so not even the account's administrators can delete or overwrite it before the retention ends. Object names sort
 * newest first, so the latest anchor is one list call with MaxKeys 1.
 */
export class S3AnchorStore implements AnchorStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix = ANCHOR_PREFIX,
  ) {}

  async put(anchor: Anchor): Promise<void> {
    await this.client.send(
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
    const listed = await this.client.send(
      new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, MaxKeys: 1 }),
    );
    const key = listed.Contents?.[0]?.Key;
    if (!key) return undefined;
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const body = await object.Body?.transformToString('utf8');
    if (!body) throw new Error(`anchor ${key} is empty`);
    return Anchor.parse(JSON.parse(body));
  }
}
