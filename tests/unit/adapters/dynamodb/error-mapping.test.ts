import {
  DynamoDBClient,
  GetItemCommand,
  ProvisionedThroughputExceededException,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoEventStore } from '../../../../adapters/dynamodb/event-store';
import {
  ConcurrencyError,
  EventStoreError,
  IdempotencyKeyReusedError,
  isRetryable,
  StoreThrottledError,
  TransactionConflictError,
} from '../../../../application/ports/event-store-errors';
import { testCatalog } from '../../../support/test-catalog';

const dynamo = mockClient(DynamoDBClient);
const store = new DynamoEventStore({
  client: new DynamoDBClient({ region: 'eu-west-2' }),
  tables: { events: 'events', commands: 'commands' },
  catalog: testCatalog,
});
const command = { commandId: 'cmd-1', actor: { id: 'u1', role: 'coordinator', la: 'E08000035' } } as const;
const head = { version: 4, hash: 'a'.repeat(64) };
const appendOne = () =>
  store.append('child#abc', 'E08000035', head, [{ type: 'CounterIncremented', data: { by: 1 } }], command);

/** The transaction's items are [command record, head check, new event]; a reason per item, in that order. */
const cancelled = (...codes: Array<string | undefined>) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => (Code ? { Code } : { Code: 'None' })),
  });

beforeEach(() => dynamo.reset());

describe('how the store explains a refused transaction', () => {
  it('reports a conflict on the head check as a ConcurrencyError with the current version', async () => {
    dynamo.on(TransactWriteItemsCommand).rejects(cancelled(undefined, 'ConditionalCheckFailed', undefined));
    dynamo.on(GetItemCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [marshall({ version: 6 })] });
    const error = await appendOne().catch((e) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ streamId: 'child#abc', expectedVersion: 4, currentVersion: 6 });
    expect(isRetryable(error)).toBe(true);
  });

  it('returns the first result when the command record already exists', async () => {
    dynamo
      .on(TransactWriteItemsCommand)
      .rejects(cancelled('ConditionalCheckFailed', 'ConditionalCheckFailed', undefined));
    const first = {
      commandId: 'cmd-1',
      recordedAt: 'x',
      actorId: 'u1',
      streams: [{ streamId: 'child#abc', fromVersion: 5, toVersion: 5, hash: 'b' }],
      eventIds: ['E1'],
    };
    dynamo.on(GetItemCommand).resolves({ Item: marshall(first) });
    await expect(appendOne()).resolves.toEqual({
      commandId: 'cmd-1',
      streams: first.streams,
      eventIds: ['E1'],
      duplicate: true,
    });
  });

  it('refuses a command id reused for a different request', async () => {
    dynamo.on(TransactWriteItemsCommand).rejects(cancelled('ConditionalCheckFailed', undefined, undefined));
    dynamo
      .on(GetItemCommand)
      .resolves({ Item: marshall({ commandId: 'cmd-1', requestHash: 'other', streams: [], eventIds: [] }) });
    await expect(appendOne()).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('maps a transaction conflict to a retryable error', async () => {
    dynamo.on(TransactWriteItemsCommand).rejects(cancelled(undefined, 'TransactionConflict', undefined));
    const error = await appendOne().catch((e) => e);
    expect(error).toBeInstanceOf(TransactionConflictError);
    expect(isRetryable(error)).toBe(true);
  });

  it.each(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded'])(
    'maps a %s cancellation to a retryable throttling error',
    async (code) => {
      dynamo.on(TransactWriteItemsCommand).rejects(cancelled(undefined, undefined, code));
      const error = await appendOne().catch((e) => e);
      expect(error).toBeInstanceOf(StoreThrottledError);
      expect(isRetryable(error)).toBe(true);
    },
  );

  it('maps throttling the SDK gave up on to a retryable throttling error', async () => {
    dynamo
      .on(TransactWriteItemsCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    await expect(appendOne()).rejects.toBeInstanceOf(StoreThrottledError);
  });

  it.each(['ValidationError', 'ItemCollectionSizeLimitExceeded'])(
    'treats a %s cancellation as a non-retryable store error',
    async (code) => {
      dynamo.on(TransactWriteItemsCommand).rejects(cancelled(undefined, code, undefined));
      const error = await appendOne().catch((e) => e);
      expect(error).toBeInstanceOf(EventStoreError);
      expect(error.message).toContain(code);
      expect(isRetryable(error)).toBe(false);
    },
  );

  it('treats any other failure as a non-retryable store error', async () => {
    dynamo.on(TransactWriteItemsCommand).rejects(new Error('socket hang up'));
    const error = await appendOne().catch((e) => e);
    expect(error).toBeInstanceOf(EventStoreError);
    expect(isRetryable(error)).toBe(false);
  });

  it('sends the command record first, then the head check, then the new event, each with its condition', async () => {
    dynamo.on(TransactWriteItemsCommand).resolves({});
    await appendOne();
    const items = dynamo.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems!;
    expect(items.map((i) => Object.keys(i)[0])).toEqual(['Put', 'ConditionCheck', 'Put']);
    expect(items[0]!.Put!.TableName).toBe('commands');
    expect(items[0]!.Put!.ConditionExpression).toBe('attribute_not_exists(#c)');
    expect(items[1]!.ConditionCheck!.ConditionExpression).toBe('#h = :h');
    expect(items[2]!.Put!.ConditionExpression).toBe('attribute_not_exists(#pk)');
  });
});
