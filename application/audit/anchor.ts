import * as z from 'zod';
import type { AccessLog } from '../ports/access-log';
import type { StoredEventReader } from '../ports/stored-events';

/** A stream's newest version and its hash, as seen when anchored. */
export const AnchoredHead = z.object({
  version: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  la: z.string().optional(),
});
export type AnchoredHead = z.infer<typeof AnchoredHead>;

/**
 * Every stream's head at one moment, kept outside the events table. The hash chain proves that no stored event was
 * changed, but not that the newest events still exist: deleting a stream's tail leaves a shorter, intact chain.
 * Comparing each stream with its anchored head catches that, and catches a stream rewritten and re-hashed.
 */
export const Anchor = z.object({
  anchoredAt: z.iso.datetime({ offset: false }),
  streams: z.number().int().nonnegative(),
  heads: z.record(z.string(), AnchoredHead),
  /** The access log's head per record viewed, so deleting the newest views (hiding who looked) is caught too. */
  accessHeads: z
    .record(z.string(), z.object({ seq: z.number().int().positive(), hash: z.string() }))
    .optional(),
});
export type Anchor = z.infer<typeof Anchor>;

/** Where in the bucket anchors are written: the function's permission and the store both use it. */
export const ANCHOR_PREFIX = 'anchors/';

/** Where anchors are kept: S3 with Object Lock in AWS, a folder locally. Anchors are only ever added. */
export interface AnchorStore {
  put(anchor: Anchor): Promise<void>;
  latest(): Promise<Anchor | undefined>;
}

/**
 * Reads every stream's head (one small query per stream, found through the sparse index), and every access log's
 * head when an access log is given. The anchor records what is there; verifying it is a separate step.
 */
export async function anchorHeads(
  reader: StoredEventReader,
  now: Date,
  accessLog?: AccessLog,
): Promise<Anchor> {
  const heads: Record<string, AnchoredHead> = {};
  let streams = 0;
  for await (const { streamId, la } of reader.streams()) {
    const head = await reader.head(streamId);
    if (!head) continue;
    heads[streamId] = { version: head.version, hash: head.hash, la };
    streams++;
  }
  const anchor: Anchor = { anchoredAt: now.toISOString(), streams, heads };
  if (accessLog) {
    anchor.accessHeads = {};
    for await (const recordId of accessLog.records()) {
      const head = await accessLog.head(recordId);
      if (head) anchor.accessHeads[recordId] = head;
    }
  }
  return anchor;
}

/**
 * Object names that sort newest first, so the latest anchor is the first name listed (S3 lists in ascending order):
 * the milliseconds until the year 2286, zero-padded, then the readable time.
 */
const MAX_MS = 9_999_999_999_999;
export const anchorObjectName = (anchoredAt: string): string =>
  `${String(MAX_MS - Date.parse(anchoredAt)).padStart(13, '0')}-${anchoredAt.replace(/[:.]/g, '')}.json`;
