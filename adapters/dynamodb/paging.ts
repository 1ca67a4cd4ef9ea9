import {
  type DynamoDBClient,
  paginateQuery,
  paginateScan,
  type QueryCommandInput,
  type ScanCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { EventsTableKeys } from './layout';

/** Every item a query returns, page by page through the SDK's paginator, unmarshalled: memory holds one page. */
export async function* queryItems(
  client: DynamoDBClient,
  input: QueryCommandInput,
): AsyncIterable<ReturnType<typeof unmarshall>> {
  for await (const page of paginateQuery({ client, pageSize: input.Limit }, input))
    for (const item of page.Items ?? []) yield unmarshall(item);
}

/** Every item a scan returns, page by page, unmarshalled. */
export async function* scanItems(
  client: DynamoDBClient,
  input: ScanCommandInput,
): AsyncIterable<ReturnType<typeof unmarshall>> {
  for await (const page of paginateScan({ client, pageSize: input.Limit }, input))
    for (const item of page.Items ?? []) yield unmarshall(item);
}

/** One stream's events in version order, strongly consistent: what the store and the audit both read. */
export const streamQuery = (
  table: string,
  streamId: string,
  range: { fromVersion?: number; toVersion?: number; pageSize?: number } = {},
): QueryCommandInput => ({
  TableName: table,
  ConsistentRead: true,
  KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
  ExpressionAttributeNames: { '#pk': EventsTableKeys.partitionKey, '#sk': EventsTableKeys.sortKey },
  ExpressionAttributeValues: marshall({
    ':pk': streamId,
    ':from': range.fromVersion ?? 1,
    ':to': range.toVersion ?? Number.MAX_SAFE_INTEGER,
  }),
  Limit: range.pageSize,
});

/** The sparse index of streams (one small item per stream), all of it or one LA's. */
export const streamsIndexQuery = (table: string, la: string): QueryCommandInput => ({
  TableName: table,
  IndexName: EventsTableKeys.streamsByLaIndex,
  KeyConditionExpression: '#la = :la',
  ExpressionAttributeNames: { '#la': EventsTableKeys.streamLa },
  ExpressionAttributeValues: marshall({ ':la': la }),
});
