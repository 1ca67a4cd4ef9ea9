import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { AccessChainChecker, hashAccessEntry } from '../../application/audit/access-chain';
import type { Anchor } from '../../application/audit/anchor';
import { jitteredDelay, type RetryPolicy } from '../../application/command';
import type {
  AccessEntry,
  AccessLog,
  AccessLogVerification,
  View,
  ViewsPage,
} from '../../application/ports/access-log';
import { View as ViewSchema } from '../../application/ports/access-log';
import { GENESIS_HASH } from '../../events/envelope';
import { AccessLogTableKeys } from './access-log-layout';
import { queryItems, scanItems } from './paging';

const { partitionKey: PK } = AccessLogTableKeys;

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

/** Many people may open the same record at once; each retry re-reads the head, so this bounds a burst of ~30. */
const VIEW_RETRY: RetryPolicy = { maxAttempts: 40, baseDelayMs: 5, maxDelayMs: 200 };

/**
 * The access log: one hash chain per record viewed, in its own table. Each view is appended with a conditional
 * write on the next sequence number, so two concurrent views can never both take it and fork the chain: the loser
 * re-reads the head and tries again. The log is only appended to; nothing here updates or deletes an entry.
 */
export class DynamoAccessLog implements AccessLog {
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
    const valid = ViewSchema.parse(view);
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

  /** Every record that has been viewed (or one LA's), through the sparse recordsByLa index. */
  async *records(options: { la?: string } = {}): AsyncIterable<string> {
    const index = { TableName: this.options.table, IndexName: AccessLogTableKeys.recordsByLaIndex };
    const items = options.la
      ? queryItems(this.options.client, {
          ...index,
          KeyConditionExpression: '#la = :la',
          ExpressionAttributeNames: { '#la': AccessLogTableKeys.recordLa },
          ExpressionAttributeValues: marshall({ ':la': options.la }),
        })
      : scanItems(this.options.client, index);
    for await (const item of items) yield item[PK] as string;
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
    const items = queryItems(this.options.client, {
      TableName: this.options.table,
      ConsistentRead: true,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': PK },
      ExpressionAttributeValues: marshall({ ':pk': recordId }),
      Limit: this.options.pageSize ?? 200,
    });
    for await (const item of items) {
      const { recordId: id, seq, la, viewer, what, channel, viewedAt, prevHash, hash } = item as AccessEntry;
      yield {
        entry: { recordId: id, seq, la, viewer, what, channel, viewedAt, prevHash, hash },
        extra: {
          recordLa: item[AccessLogTableKeys.recordLa] as unknown,
          unexpected: Object.keys(item).filter((k) => !ENTRY_ATTRIBUTES.has(k)),
        },
      };
    }
  }
}
