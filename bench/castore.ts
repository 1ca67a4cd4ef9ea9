import {
  BatchWriteItemCommand,
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { EventStore, EventType } from '@castore/core';
import { DynamoDBSingleTableEventStorageAdapter } from '@castore/event-storage-adapter-dynamodb';
import { type ChildState, childDecider } from '../domain/child';
import { catalog } from '../events/contracts';
import type { StoredEvent } from '../events/envelope';

/**
 * What a team would otherwise pick: Castore's EventStore over its DynamoDB single-table adapter, with the same
 * child events (type, data and metadata) and the same reducer (the child decider's evolve). Castore writes one
 * conditional PutItem per event: no command record (idempotency), no hash chain, no schema check on write.
 */
export const CASTORE_TABLE = 'bench-castore-events';
const EVENT_STORE_ID = 'children';

export async function createCastoreTable(client: DynamoDBClient): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: CASTORE_TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'aggregateId', KeyType: 'HASH' },
          { AttributeName: 'version', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'aggregateId', AttributeType: 'S' },
          { AttributeName: 'version', AttributeType: 'N' },
          { AttributeName: 'eventStoreId', AttributeType: 'S' },
          { AttributeName: 'timestamp', AttributeType: 'S' },
        ],
        // The index Castore's listAggregateIds needs: written on version 1 only, like our sparse streamsByLa.
        GlobalSecondaryIndexes: [
          {
            IndexName: 'initialEvents',
            KeySchema: [
              { AttributeName: 'eventStoreId', KeyType: 'HASH' },
              { AttributeName: 'timestamp', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}

interface ChildAggregate {
  aggregateId: string;
  version: number;
  state: ChildState;
}

export type CastoreEvent = {
  aggregateId: string;
  version: number;
  type: string;
  payload: unknown;
  metadata: unknown;
  timestamp?: string;
};

export function castoreChildStore(client: DynamoDBClient) {
  return new EventStore({
    eventStoreId: EVENT_STORE_ID,
    eventTypes: catalog.definitions().map(({ type }) => new EventType({ type })),
    reducer: (aggregate: ChildAggregate | undefined, event: CastoreEvent): ChildAggregate => {
      const meta = event.metadata as { occurredAt: string; recordedAt: string; actor: never };
      return {
        aggregateId: event.aggregateId,
        version: event.version,
        state: childDecider.evolve(
          aggregate?.state ?? childDecider.initialState,
          { type: event.type, data: event.payload } as never,
          { version: event.version, ...meta },
        ),
      };
    },
    eventStorageAdapter: new DynamoDBSingleTableEventStorageAdapter({
      tableName: CASTORE_TABLE,
      dynamoDBClient: client,
    }),
  });
}

/** Our sealed event as Castore's event detail: the same type, data and metadata; Castore keeps no hashes. */
export const asCastoreEvent = (event: StoredEvent, aggregateId: string): CastoreEvent => ({
  aggregateId,
  version: event.version,
  type: event.type,
  payload: event.data,
  metadata: event.metadata,
});

/** Loads a history straight into Castore's table, as Castore's adapter would have written each event. */
export async function loadCastore(
  client: DynamoDBClient,
  events: readonly StoredEvent[],
  aggregateId: string,
): Promise<void> {
  for (let i = 0; i < events.length; i += 25) {
    let pending = events.slice(i, i + 25).map((e) => ({
      PutRequest: {
        Item: marshall(
          {
            aggregateId: `${EVENT_STORE_ID}#${aggregateId}`,
            version: e.version,
            type: e.type,
            timestamp: e.metadata.recordedAt,
            payload: e.data,
            metadata: e.metadata,
            ...(e.version === 1 ? { eventStoreId: EVENT_STORE_ID } : {}),
          },
          { removeUndefinedValues: true },
        ),
      },
    }));
    while (pending.length > 0) {
      const result = await client.send(
        new BatchWriteItemCommand({ RequestItems: { [CASTORE_TABLE]: pending } }),
      );
      pending = (result.UnprocessedItems?.[CASTORE_TABLE] ?? []) as typeof pending;
    }
  }
}
