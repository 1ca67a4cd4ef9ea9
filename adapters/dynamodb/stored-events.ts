import { type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { HeadItem, StoredEventReader, StoredItem } from '../../application/ports/stored-events';
import type { StoredEvent } from '../../events/envelope';
import { EventsTableKeys } from './layout';
import { queryItems, scanItems, streamQuery, streamsIndexQuery } from './paging';

const { partitionKey: PK, sortKey: SK } = EventsTableKeys;

/** The attributes an event item may carry: the hashed event, plus the index key set on version 1. */
const EVENT_ATTRIBUTES = new Set<string>([
  'streamId',
  'version',
  'la',
  'type',
  'schemaVersion',
  'data',
  'metadata',
  'prevHash',
  'hash',
  EventsTableKeys.streamLa,
]);

/**
 * Read-only access to the events table for the audit. It holds no method that writes: an auditor cannot change
 * anything through it. Reads are strongly consistent and paged, so a stream of any length is read in bounded memory.
 */
export class DynamoStoredEventReader implements StoredEventReader {
  constructor(
    private readonly client: DynamoDBClient,
    readonly eventsTable: string,
    // Large pages: every history read verifies the whole chain, and fewer round trips keep it near a raw Query.
    private readonly pageSize = 1000,
  ) {}

  /**
   * The items of one stream in version order, from `fromVersion` (default 1) to `toVersion`, page by page; with a
   * `limit`, no more than that is read.
   */
  async *items(streamId: string, options: { fromVersion?: number; toVersion?: number; limit?: number } = {}) {
    const { limit = Number.POSITIVE_INFINITY, ...range } = options;
    const pageSize = Math.min(this.pageSize, limit);
    let left = limit;
    for await (const item of queryItems(
      this.client,
      streamQuery(this.eventsTable, streamId, { ...range, pageSize }),
    )) {
      yield toStoredItem(item);
      if (--left <= 0) return;
    }
  }

  /** The newest item's version and hash, or undefined for a stream with no events. */
  async head(streamId: string): Promise<HeadItem | undefined> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.eventsTable,
        ConsistentRead: true,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': PK, '#sk': SK, '#h': 'hash' },
        ExpressionAttributeValues: marshall({ ':pk': streamId }),
        ProjectionExpression: '#pk, #sk, #h',
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const item = page.Items?.[0];
    if (!item) return undefined;
    const { [PK]: id, [SK]: version, hash } = unmarshall(item);
    return { streamId: id as string, version: version as number, hash: String(hash) };
  }

  /**
   * Every stream, by scanning the sparse streamsByLa index (one small item per stream), page by page, so the whole
   * table is never held in memory. Optionally one local authority's streams only.
   */
  async *streams(options: { la?: string } = {}): AsyncIterable<{ streamId: string; la: string }> {
    const items = options.la
      ? queryItems(this.client, { ...streamsIndexQuery(this.eventsTable, options.la), Limit: 500 })
      : scanItems(this.client, {
          TableName: this.eventsTable,
          IndexName: EventsTableKeys.streamsByLaIndex,
          Limit: 500,
        });
    for await (const item of items)
      yield { streamId: item[PK] as string, la: String(item[EventsTableKeys.streamLa]) };
  }
}

function toStoredItem(item: Record<string, unknown>): StoredItem {
  const { streamId, version, la, type, schemaVersion, data, metadata, prevHash, hash } =
    item as unknown as StoredEvent;
  const event = { streamId, version, la, type, schemaVersion, data, metadata, prevHash, hash };
  return {
    event,
    streamLa: item[EventsTableKeys.streamLa],
    unexpectedAttributes: Object.keys(item).filter((k) => !EVENT_ATTRIBUTES.has(k)),
  };
}
