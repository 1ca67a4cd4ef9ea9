import { createHash } from 'node:crypto';
import { type DynamoDBClient, QueryCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import { GENESIS_HASH } from '../events/envelope';
import { DynamoEventStore } from '../functions/shared/event-store/dynamodb';
import type { EventStoreTables } from '../functions/shared/event-store/layout';
import { testCatalog } from '../tests/support/test-catalog';
import { type Summary, summarise, timed } from './stats';

const LA = 'E08000035';
const actor = { id: 'bench-user', role: 'coordinator', la: LA } as const;
const event = { type: 'CounterIncremented', data: { by: 1 } };

export interface EventStoreFigures {
  appendLatencyMs: Summary;
  rawTransactLatencyMs: Summary;
  readLatencyMs: Record<string, Summary>;
  rawQueryLatencyMs: Record<string, Summary>;
}

/**
 * Append: one event per command onto an existing stream (the common case), through the store and as the same
 * TransactWriteItems written by hand (the limit). Read: a whole stream through the store and as a raw Query.
 */
export async function benchEventStore(
  client: DynamoDBClient,
  tables: EventStoreTables,
  appends: number,
): Promise<EventStoreFigures> {
  const store = new DynamoEventStore({ client, tables, catalog: testCatalog });
  const streamId = `child#${ulid()}`;
  let head = (await store.append(streamId, LA, 0, [event], { commandId: ulid(), actor })).streams[0]!;

  // The raw baseline writes byte-for-byte the same shape of items with the same conditions, so the ratio measures
  // only what the store adds (validation, hashing, marshalling). The two alternate, sharing whatever load the machine has.
  const rawStream = `child#${ulid()}`;
  let rawHash = GENESIS_HASH;
  const appendMs: number[] = [];
  const rawMs: number[] = [];
  for (let i = 0; i < appends; i++) {
    appendMs.push(
      await timed(async () => {
        const result = await store.append(
          streamId,
          LA,
          { version: head.toVersion, hash: head.hash },
          [event],
          { commandId: ulid(), actor },
        );
        head = result.streams[0]!;
      }),
    );
    const version = i + 1;
    const commandId = ulid();
    const now = new Date().toISOString();
    const metadata = {
      eventId: ulid(),
      occurredAt: now,
      recordedAt: now,
      actor,
      correlationId: commandId,
      causationId: commandId,
      commandId,
    };
    const hash = createHash('sha256').update(`${rawHash}${version}`).digest('hex');
    const item = {
      streamId: rawStream,
      version,
      la: LA,
      ...event,
      schemaVersion: 1,
      metadata,
      prevHash: rawHash,
      hash,
    };
    const record = {
      commandId,
      recordedAt: now,
      actorId: actor.id,
      streams: [{ streamId: rawStream, fromVersion: version, toVersion: version, hash }],
      eventIds: [metadata.eventId],
    };
    const items = [
      {
        Put: {
          TableName: tables.commands,
          Item: marshall(record),
          ConditionExpression: 'attribute_not_exists(commandId)',
        },
      },
      ...(version > 1
        ? [
            {
              ConditionCheck: {
                TableName: tables.events,
                Key: marshall({ streamId: rawStream, version: version - 1 }),
                ConditionExpression: '#h = :h',
                ExpressionAttributeNames: { '#h': 'hash' },
                ExpressionAttributeValues: marshall({ ':h': rawHash }),
              },
            },
          ]
        : []),
      {
        Put: {
          TableName: tables.events,
          Item: marshall(item),
          ConditionExpression: 'attribute_not_exists(streamId)',
        },
      },
    ];
    rawMs.push(await timed(() => client.send(new TransactWriteItemsCommand({ TransactItems: items }))));
    rawHash = hash;
  }

  const readLatencyMs: Record<string, Summary> = {};
  const rawQueryLatencyMs: Record<string, Summary> = {};
  for (const length of [10, 100]) {
    const id = `child#${ulid()}`;
    for (let written = 0; written < length; written += 50) {
      const batch = Math.min(50, length - written);
      await store.append(
        id,
        LA,
        written,
        Array.from({ length: batch }, () => event),
        { commandId: ulid(), actor },
      );
    }
    const storeMs: number[] = [];
    const queryMs: number[] = [];
    for (let i = 0; i < 100; i++) {
      storeMs.push(await timed(() => store.read(id)));
      queryMs.push(
        await timed(() =>
          client.send(
            new QueryCommand({
              TableName: tables.events,
              ConsistentRead: true,
              KeyConditionExpression: 'streamId = :s',
              ExpressionAttributeValues: marshall({ ':s': id }),
            }),
          ),
        ),
      );
    }
    readLatencyMs[`${length} events`] = summarise(storeMs);
    rawQueryLatencyMs[`${length} events`] = summarise(queryMs);
  }

  return {
    appendLatencyMs: summarise(appendMs),
    rawTransactLatencyMs: summarise(rawMs),
    readLatencyMs,
    rawQueryLatencyMs,
  };
}
