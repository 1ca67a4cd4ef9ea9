import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import type { Anchor } from '../../application/audit/anchor';
import { jitteredDelay, type RetryPolicy } from '../../application/command';
import { Actor, GENESIS_HASH } from '../../events/envelope';
import { canonicalJson } from '../../events/hash';
import { AccessLogTableKeys } from './access-log-layout';

const { partitionKey: PK } = AccessLogTableKeys;

/** How the person looked: the web pages, the JSON API, or the auditors' command line. */
export const AccessChannel = z.enum(['ui', 'api', 'cli']);
export type AccessChannel = z.infer<typeof AccessChannel>;

/** A view about to be recorded: who looked at which record, what they saw, and through which channel. */
export const View = z.object({
  /** The record viewed: a stream id such as child#…. */
  recordId: z.string().min(1).max(200),
  /** The local authority the record belongs to. */
  la: z.string().min(1).max(16),
  viewer: Actor,
  /** What was shown, in words: "history v1-20", "state as of 2026-03-01", "export". Never personal data. */
  what: z.string().min(1).max(500),
  channel: AccessChannel,
});
export type View = z.infer<typeof View>;

export interface AccessEntry extends View {
  seq: number;
  viewedAt: string;
  prevHash: string;
  hash: string;
}

const ENTRY_ATTRIBUTES = new Set([
  'recordId',
  'la',
  'viewer',
  'what',
  'channel',
  'seq',
  'viewedAt',
  'prevHash',
  'hash',
  AccessLogTableKeys.recordLa,
]);

/** SHA-256 over the canonical encoding of the entry, including the previous entry's hash, as for events. */
export function hashAccessEntry(entry: Omit<AccessEntry, 'hash'>): string {
  const { recordId, seq, la, viewer, what, channel, viewedAt, prevHash } = entry;
  return createHash('sha256')
    .update(canonicalJson({ recordId, seq, la, viewer, what, channel, viewedAt, prevHash }))
    .digest('hex');
}

export interface AccessLogVerification {
  recordId: string;
  intact: boolean;
  views: number;
  head?: { seq: number; hash: string };
  firstBroken?: { seq: number; problem: string };
}

export interface ViewsPage {
  recordId: string;
  views: AccessEntry[];
  nextCursor?: string;
  verification: AccessLogVerification;
}

/** Many people may open the same record at once; each retry re-reads the head, so this bounds a burst of ~30. */
const VIEW_RETRY: RetryPolicy = { maxAttempts: 40, baseDelayMs: 5, maxDelayMs: 200 };

/**
 * The access log: one hash chain per record viewed, in its own table. Each view is appended with a conditional
 * write on the next sequence number, so two concurrent views can never both take it and fork the chain: the loser
 * re-reads the head and tries again. The log is only appended to; nothing here updates or deletes an entry.
 */
export class AccessLog {
  private readonly now: () => Date;
  private readonly retry: RetryPolicy;

  constructor(
    private readonly options: {
      client: DynamoDBClient;
      table: string;
      now?: () => Date;
      retry?: RetryPolicy;
      pageSize?: number;
    },
  ) {
    this.now = options.now ?? (() => new Date());
    this.retry = options.retry ?? VIEW_RETRY;
  }

  async recordView(view: View): Promise<AccessEntry> {
    const valid = View.parse(view);
    for (let attempt = 1; ; attempt++) {
      const head = await this.head(valid.recordId);
      const unhashed = {
        ...valid,
        seq: (head?.seq ?? 0) + 1,
        viewedAt: this.now().toISOString(),
        prevHash: head?.hash ?? GENESIS_HASH,
      };
      const entry: AccessEntry = { ...unhashed, hash: hashAccessEntry(unhashed) };
      try {
        await this.options.client.send(
          new PutItemCommand({
            TableName: this.options.table,
            Item: marshall({
              ...entry,
              ...(entry.seq === 1 ? { [AccessLogTableKeys.recordLa]: entry.la } : {}),
            }),
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': PK },
          }),
        );
        return entry;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || attempt >= this.retry.maxAttempts)
          throw error;
        await sleep(jitteredDelay(this.retry, Math.min(attempt, 6)));
      }
    }
  }

  /** Who viewed a record and when, oldest first, paged; the log's own chain is verified on every read. */
  async listViews(recordId: string, options: { limit?: number; cursor?: string } = {}): Promise<ViewsPage> {
    const limit = Math.min(Math.max(1, options.limit ?? 100), 1000);
    const from = options.cursor ? Number(Buffer.from(options.cursor, 'base64url').toString()) : 1;
    if (!Number.isInteger(from) || from < 1) throw new RangeError('the cursor is not one this log returned');
    const checker = new AccessChainChecker(recordId);
    const views: AccessEntry[] = [];
    let nextCursor: string | undefined;
    for await (const { entry, extra } of this.entries(recordId)) {
      checker.check(entry, extra);
      if (entry.seq < from) continue;
      if (views.length < limit) views.push(entry);
      else nextCursor ??= Buffer.from(String(entry.seq)).toString('base64url');
    }
    return { recordId, views, nextCursor, verification: checker.result() };
  }

  /** Verifies one record's log, and against its anchored head when an anchor is given (a deleted tail shows). */
  async verify(recordId: string, options: { anchor?: Anchor } = {}): Promise<AccessLogVerification> {
    const anchored = options.anchor?.accessHeads?.[recordId];
    const checker = new AccessChainChecker(
      recordId,
      anchored && options.anchor ? { ...anchored, anchoredAt: options.anchor.anchoredAt } : undefined,
    );
    for await (const { entry, extra } of this.entries(recordId)) checker.check(entry, extra);
    return checker.result();
  }

  /** Every record that has been viewed, through the sparse recordsByLa index. */
  async *records(): AsyncIterable<string> {
    let startKey: ScanCommand['input']['ExclusiveStartKey'];
    do {
      const page = await this.options.client.send(
        new ScanCommand({
          TableName: this.options.table,
          IndexName: AccessLogTableKeys.recordsByLaIndex,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) yield unmarshall(item)[PK] as string;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  async head(recordId: string): Promise<{ seq: number; hash: string } | undefined> {
    const page = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.table,
        ConsistentRead: true,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': PK },
        ExpressionAttributeValues: marshall({ ':pk': recordId }),
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const item = page.Items?.[0];
    if (!item) return undefined;
    const { seq, hash } = unmarshall(item);
    return { seq: seq as number, hash: String(hash) };
  }

  private async *entries(recordId: string) {
    let startKey: QueryCommand['input']['ExclusiveStartKey'];
    do {
      const page = await this.options.client.send(
        new QueryCommand({
          TableName: this.options.table,
          ConsistentRead: true,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': PK },
          ExpressionAttributeValues: marshall({ ':pk': recordId }),
          ExclusiveStartKey: startKey,
          Limit: this.options.pageSize ?? 200,
        }),
      );
      for (const raw of page.Items ?? []) {
        const item = unmarshall(raw);
        const {
          recordId: id,
          seq,
          la,
          viewer,
          what,
          channel,
          viewedAt,
          prevHash,
          hash,
        } = item as AccessEntry;
        yield {
          entry: { recordId: id, seq, la, viewer, what, channel, viewedAt, prevHash, hash },
          extra: {
            recordLa: item[AccessLogTableKeys.recordLa] as unknown,
            unexpected: Object.keys(item).filter((k) => !ENTRY_ATTRIBUTES.has(k)),
          },
        };
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
}

/** The access log's chain check: the same rules as the events' (gapless, linked, each hash matching its content). */
class AccessChainChecker {
  private prevHash = GENESIS_HASH;
  private expected = 1;
  private views = 0;
  private head?: { seq: number; hash: string };
  private firstBroken?: { seq: number; problem: string };

  private hashAtAnchor?: string;

  constructor(
    private readonly recordId: string,
    private readonly anchored?: { seq: number; hash: string; anchoredAt: string },
  ) {}

  check(entry: AccessEntry, extra: { recordLa: unknown; unexpected: string[] }): void {
    this.views++;
    this.head = { seq: entry.seq, hash: entry.hash };
    if (entry.seq === this.anchored?.seq) this.hashAtAnchor = entry.hash;
    if (this.firstBroken) return;
    let problem: string | undefined;
    if (entry.seq !== this.expected) problem = 'seq-gap';
    else if (entry.prevHash !== this.prevHash) problem = 'prev-hash-mismatch';
    else if (safeHash(entry) !== entry.hash) problem = 'hash-mismatch';
    else if ((entry.seq === 1 ? entry.la : undefined) !== extra.recordLa) problem = 'index-mismatch';
    else if (extra.unexpected.length > 0) problem = 'unexpected-attribute';
    if (problem) this.firstBroken = { seq: problem === 'seq-gap' ? this.expected : entry.seq, problem };
    this.prevHash = entry.hash;
    this.expected = entry.seq + 1;
  }

  result(): AccessLogVerification {
    const firstBroken = this.firstBroken ?? this.anchorProblem();
    return { recordId: this.recordId, intact: !firstBroken, views: this.views, head: this.head, firstBroken };
  }

  private anchorProblem(): { seq: number; problem: string } | undefined {
    if (!this.anchored) return undefined;
    const last = this.head?.seq ?? 0;
    if (last < this.anchored.seq) return { seq: last + 1, problem: 'missing-tail' };
    if (this.hashAtAnchor !== this.anchored.hash)
      return { seq: this.anchored.seq, problem: 'anchor-mismatch' };
    return undefined;
  }
}

function safeHash(entry: AccessEntry): string | undefined {
  try {
    return hashAccessEntry(entry);
  } catch {
    return undefined;
  }
}

export interface AccessLogReport {
  records: number;
  views: number;
  broken: AccessLogVerification[];
}

/** Verifies the access log of every record viewed, and of every record the anchor knows but the index no longer lists. */
export async function verifyAllAccessLogs(
  log: AccessLog,
  options: { anchor?: Anchor } = {},
): Promise<AccessLogReport> {
  const report: AccessLogReport = { records: 0, views: 0, broken: [] };
  const unseen = new Set(Object.keys(options.anchor?.accessHeads ?? {}));
  const verifyOne = async (recordId: string) => {
    unseen.delete(recordId);
    const result = await log.verify(recordId, options);
    report.records++;
    report.views += result.views;
    if (!result.intact) report.broken.push(result);
  };
  for await (const recordId of log.records()) await verifyOne(recordId);
  for (const recordId of [...unseen].sort()) await verifyOne(recordId);
  return report;
}
