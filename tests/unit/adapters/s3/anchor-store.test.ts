import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { S3AnchorStore } from '../../../../adapters/s3/anchor-store';

/** A bucket in memory that behaves as S3 does for these three calls: keys listed in ascending order, no overwrite. */
function fakeBucket() {
  const objects = new Map<string, { body: string; checksum?: string }>();
  const s3 = mockClient(S3Client);
  s3.on(PutObjectCommand).callsFake((input) => {
    if (input.IfNoneMatch === '*' && objects.has(input.Key))
      throw new S3ServiceException({ name: 'PreconditionFailed', $fault: 'client', $metadata: {} });
    objects.set(input.Key, { body: input.Body, checksum: input.ChecksumAlgorithm });
    return {};
  });
  s3.on(ListObjectsV2Command).callsFake((input) => ({
    Contents: [...objects.keys()]
      .filter((k) => k.startsWith(input.Prefix ?? ''))
      .sort()
      .slice(0, input.MaxKeys ?? 1000)
      .map((Key) => ({ Key })),
  }));
  s3.on(GetObjectCommand).callsFake((input) => ({
    // The one method of the SDK's body stream the store uses.
    Body: { transformToString: async () => objects.get(input.Key)!.body } as never,
  }));
  return { objects, client: new S3Client({ region: 'eu-west-2' }), restore: () => s3.restore() };
}

const anchorAt = (anchoredAt: string, version: number) => ({
  anchoredAt,
  streams: 1,
  heads: { 'child#01': { version, hash: 'a'.repeat(64), la: 'E08000035' } },
});

describe('anchors in S3', () => {
  it('adds one object per anchor, with a checksum, and reads the newest back as the latest', async () => {
    const bucket = fakeBucket();
    try {
      const store = new S3AnchorStore(bucket.client, 'anchors-bucket');
      expect(await store.latest()).toBeUndefined();
      await store.put(anchorAt('2026-05-01T01:00:00.000Z', 3));
      await store.put(anchorAt('2026-05-01T03:00:00.000Z', 5));
      await store.put(anchorAt('2026-05-01T02:00:00.000Z', 4));
      expect(bucket.objects.size).toBe(3);
      expect([...bucket.objects.values()].every((o) => o.checksum === 'SHA256')).toBe(true);
      expect(await store.latest()).toEqual(anchorAt('2026-05-01T03:00:00.000Z', 5));
      await expect(store.put(anchorAt('2026-05-01T02:00:00.000Z', 9))).rejects.toThrow();
      expect((await store.latest())?.heads['child#01']?.version).toBe(5);
    } finally {
      bucket.restore();
    }
  });

  it('refuses to write or read an anchor that is not well formed', async () => {
    const bucket = fakeBucket();
    try {
      const store = new S3AnchorStore(bucket.client, 'anchors-bucket');
      await expect(store.put({ anchoredAt: 'yesterday', streams: 0, heads: {} })).rejects.toThrow();
      bucket.objects.set('anchors/0000000000000-forged.json', { body: '{"anchoredAt":"x"}' });
      await expect(store.latest()).rejects.toThrow();
    } finally {
      bucket.restore();
    }
  });

  it('makes a client given as a function on first use, once (the HTTP functions load the S3 SDK only then)', async () => {
    const bucket = fakeBucket();
    try {
      let made = 0;
      const store = new S3AnchorStore(async () => {
        made++;
        return bucket.client;
      }, 'anchors-bucket');
      expect(made).toBe(0);
      await store.put(anchorAt('2026-05-01T01:00:00.000Z', 3));
      expect(await store.latest()).toEqual(anchorAt('2026-05-01T01:00:00.000Z', 3));
      expect(made).toBe(1);
    } finally {
      bucket.restore();
    }
  });
});
