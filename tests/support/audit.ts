import { DeleteItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { inject } from 'vitest';
import { DynamoAccessLog } from '../../adapters/dynamodb/access-log';
import { DynamoStoredEventReader } from '../../adapters/dynamodb/stored-events';
import { openingReader } from '../../application/audit/opening';

import type { NewEvent } from '../../application/ports/event-store';
import { localClient, newChildStream, newCommand, TEST_LA, testKeyring, testStore } from './store';

const client = localClient();

/**
 * A small page size, so every test also exercises reading a stream across pages; personal fields (the reasons)
 * opened with the run's keys, as the audit service opens them.
 */
export const auditReader = (pageSize = 3) =>
  openingReader(new DynamoStoredEventReader(client, inject('tables').events, pageSize), testKeyring());

/** A stream of `count` events (or `count` more after version `after`), each its own command, with a reason on each so every metadata field is set. */
export async function streamOf(
  count: number,
  options: { la?: string; streamId?: string; after?: number; event?: (i: number) => NewEvent } = {},
): Promise<string> {
  const store = testStore();
  const streamId = options.streamId ?? newChildStream();
  const after = options.after ?? 0;
  for (let i = after; i < after + count; i++) {
    await store.append(
      streamId,
      options.la ?? TEST_LA,
      i,
      [options.event?.(i) ?? { type: 'CounterIncremented', data: { by: i + 1 } }],
      newCommand({ reason: `step ${i + 1}`, correlationId: `corr-${i}` }),
    );
  }
  return streamId;
}

/** The raw item of one version, as DynamoDB holds it. */
export async function rawItem(streamId: string, version: number): Promise<Record<string, unknown>> {
  const page = await client.send(
    new QueryCommand({
      TableName: inject('tables').events,
      ConsistentRead: true,
      KeyConditionExpression: 'streamId = :s AND version = :v',
      ExpressionAttributeValues: marshall({ ':s': streamId, ':v': version }),
    }),
  );
  return unmarshall(page.Items![0]!);
}

/** Someone with table access overwrites an item directly, bypassing the event store. */
export async function putRaw(item: Record<string, unknown>): Promise<void> {
  await client.send(
    new PutItemCommand({
      TableName: inject('tables').events,
      Item: marshall(item, { removeUndefinedValues: true }),
    }),
  );
}

export async function deleteRaw(streamId: string, version: number): Promise<void> {
  await client.send(
    new DeleteItemCommand({ TableName: inject('tables').events, Key: marshall({ streamId, version }) }),
  );
}

/** The access log on the shared DynamoDB Local, with an optional controllable clock. */
export const testAccessLog = (now?: () => Date) =>
  new DynamoAccessLog({ client, table: inject('tables').accessLog, now, pageSize: 3 });

export async function putRawView(item: Record<string, unknown>): Promise<void> {
  await client.send(
    new PutItemCommand({
      TableName: inject('tables').accessLog,
      Item: marshall(item, { removeUndefinedValues: true }),
    }),
  );
}

export async function rawView(recordId: string, seq: number): Promise<Record<string, unknown>> {
  const page = await client.send(
    new QueryCommand({
      TableName: inject('tables').accessLog,
      ConsistentRead: true,
      KeyConditionExpression: 'recordId = :r AND seq = :s',
      ExpressionAttributeValues: marshall({ ':r': recordId, ':s': seq }),
    }),
  );
  return unmarshall(page.Items![0]!);
}

export async function deleteRawView(recordId: string, seq: number): Promise<void> {
  await client.send(
    new DeleteItemCommand({ TableName: inject('tables').accessLog, Key: marshall({ recordId, seq }) }),
  );
}
