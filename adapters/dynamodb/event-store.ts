import {
  type CancellationReason,
  type DynamoDBClient,
  GetItemCommand,
  paginateScan,
  QueryCommand,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { monotonicFactory } from 'ulid';
import type {
  AppendedStream,
  AppendResult,
  CommandInfo,
  EventStore,
  NewEvent,
  ReadOptions,
  StreamAppend,
  StreamHead,
} from '../../application/ports/event-store';
import {
  ConcurrencyError,
  EventStoreError,
  IdempotencyKeyReusedError,
  StoreThrottledError,
  TransactionConflictError,
} from '../../application/ports/event-store-errors';
import { PersonalDataUnreadable } from '../../application/ports/personal-data';
import type { EventCatalog } from '../../events/catalog';
import { GENESIS_HASH, type RecordedEvent, type StoredEvent } from '../../events/envelope';
import type { FieldSealing } from '../crypto/keyring';
import { holdsPersonalData, holdsSealed } from '../crypto/sealed-fields';
import { CommandsTableKeys, type EventStoreTables, EventsTableKeys, MAX_TRANSACTION_ITEMS } from './layout';
import { queryItems, streamQuery, streamsIndexQuery } from './paging';
import { sealEvents, toItem } from './seal';

const { partitionKey: PK, sortKey: SK } = EventsTableKeys;

export interface DynamoEventStoreOptions {
  client: DynamoDBClient;
  tables: EventStoreTables;
  catalog: EventCatalog;
  /** The time source: the real clock in AWS, the controllable one locally. */
  now?: () => Date;
  /** Seals and opens personal fields. Without it the store can neither write nor read personal data. */
  personalData?: FieldSealing;
}

interface CommandRecord {
  commandId: string;
  requestHash?: string;
  recordedAt: string;
  actorId: string;
  streams: AppendedStream[];
  eventIds: string[];
}

/** The event store on DynamoDB: one item per event, one transaction per command. */
export class DynamoEventStore implements EventStore {
  private readonly client: DynamoDBClient;
  private readonly tables: EventStoreTables;
  private readonly catalog: EventCatalog;
  private readonly now: () => Date;
  private readonly personalData?: FieldSealing;
  private readonly nextUlid = monotonicFactory();

  constructor(options: DynamoEventStoreOptions) {
    this.client = options.client;
    this.tables = options.tables;
    this.catalog = options.catalog;
    this.now = options.now ?? (() => new Date());
    this.personalData = options.personalData;
  }

  append(
    streamId: string,
    la: string,
    expected: number | StreamHead,
    events: readonly NewEvent[],
    command: CommandInfo,
  ) {
    return this.appendMany([{ streamId, la, expected, events }], command);
  }

  async appendMany(appends: readonly StreamAppend[], command: CommandInfo): Promise<AppendResult> {
    const recordedAt = this.now();
    const built = await Promise.all(appends.map((append) => this.buildStream(append, command, recordedAt)));
    const result: CommandRecord = {
      commandId: command.commandId,
      requestHash: command.requestHash,
      recordedAt: recordedAt.toISOString(),
      actorId: command.actor.id,
      streams: built.map((b) => b.appended),
      eventIds: built.flatMap((b) => b.events.map((e) => e.metadata.eventId)),
    };
    // The command record goes first, so cancellation reason 0 always means "this command was already applied".
    const items: TransactWriteItem[] = [
      {
        Put: {
          TableName: this.tables.commands,
          Item: marshall(result, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(#c)',
          ExpressionAttributeNames: { '#c': CommandsTableKeys.partitionKey },
        },
      },
    ];
    const owners: Array<{ streamId: string; expectedVersion: number }> = [
      { streamId: '', expectedVersion: 0 },
    ];
    for (const { append, head, events } of built) {
      if (head.version > 0) {
        // Guards against a gap (the head must exist) and against a chain built on a stale hash.
        items.push({
          ConditionCheck: {
            TableName: this.tables.events,
            Key: marshall({ [PK]: append.streamId, [SK]: head.version }),
            ConditionExpression: '#h = :h',
            ExpressionAttributeNames: { '#h': 'hash' },
            ExpressionAttributeValues: marshall({ ':h': head.hash }),
          },
        });
        owners.push({ streamId: append.streamId, expectedVersion: head.version });
      }
      for (const event of events) {
        items.push({
          Put: {
            TableName: this.tables.events,
            Item: marshall(toItem(event), { removeUndefinedValues: true }),
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': PK },
          },
        });
        owners.push({ streamId: append.streamId, expectedVersion: head.version });
      }
    }
    if (items.length > MAX_TRANSACTION_ITEMS) {
      throw new EventStoreError(
        `one command may write at most ${MAX_TRANSACTION_ITEMS} items; this one needs ${items.length}`,
      );
    }

    try {
      await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
    } catch (error) {
      return this.explainFailure(error, owners, command);
    }
    return toResult(result, false);
  }

  async read(streamId: string, options: ReadOptions = {}): Promise<RecordedEvent[]> {
    const stored: StoredEvent[] = [];
    for await (const item of queryItems(this.client, streamQuery(this.tables.events, streamId, options)))
      stored.push(fromItem(item));
    return (await this.open(streamId, stored)).map((event) => this.toRecorded(event));
  }

  async findCommand(commandId: string, requestHash?: string): Promise<AppendResult | undefined> {
    const record = await this.getCommandRecord(commandId);
    if (record && record.requestHash !== requestHash) throw new IdempotencyKeyReusedError(commandId);
    return record && toResult(record, true);
  }

  async *listStreams(la: string): AsyncIterable<string> {
    for await (const item of queryItems(this.client, streamsIndexQuery(this.tables.events, la)))
      yield item[PK] as string;
  }

  /** Opens the personal fields; a store with no keys refuses a stream that holds sealed values. */
  private async open(streamId: string, stored: StoredEvent[]): Promise<StoredEvent[]> {
    if (this.personalData) return this.personalData.open(stored);
    if (stored.some((e) => holdsSealed(this.catalog, e)))
      throw new PersonalDataUnreadable(streamId, 'not-permitted');
    return stored;
  }

  /**
   * Parses opened data against its contract (erased fields allowed), then upcasts it; a stored event that breaks its
   * contract fails loudly.
   */
  toRecorded(stored: StoredEvent): RecordedEvent {
    const current = this.catalog.upcast(stored.type, stored.schemaVersion, stored.data);
    return { ...stored, ...current, stored: { schemaVersion: stored.schemaVersion, data: stored.data } };
  }

  private async buildStream(append: StreamAppend, command: CommandInfo, recordedAt: Date) {
    if (append.events.length === 0) throw new EventStoreError(`no events to append to ${append.streamId}`);
    const head =
      typeof append.expected === 'number'
        ? await this.headAt(append.streamId, append.expected)
        : append.expected;
    // Version 0 has no item to check in the write, so a made-up hash there would start the stream's chain broken.
    if (head.version === 0 && head.hash !== GENESIS_HASH)
      throw new EventStoreError(`a new stream starts from the genesis hash, not ${head.hash}`);
    // New events are written at the current version only (sealEvents refuses any other).
    const personal = append.events.some((event) =>
      holdsPersonalData(
        this.catalog,
        { ...event, schemaVersion: this.catalog.currentVersion(event.type) },
        command.reason,
      ),
    );
    const events = sealEvents({
      catalog: this.catalog,
      streamId: append.streamId,
      la: append.la,
      head,
      events: append.events,
      command,
      recordedAt,
      nextEventId: this.nextUlid,
      // The person's key is fetched (or made) only for events that hold personal data.
      seal: personal ? await this.personalData?.sealerFor(append.streamId) : undefined,
    });
    const last = events.at(-1)!;
    const appended: AppendedStream = {
      streamId: append.streamId,
      fromVersion: head.version + 1,
      toVersion: last.version,
      hash: last.hash,
    };
    return { append, head, events, appended };
  }

  private async headAt(streamId: string, version: number): Promise<StreamHead> {
    if (version === 0) return { version: 0, hash: GENESIS_HASH };
    const found = await this.client.send(
      new GetItemCommand({
        TableName: this.tables.events,
        Key: marshall({ [PK]: streamId, [SK]: version }),
        ConsistentRead: true,
        ProjectionExpression: '#h',
        ExpressionAttributeNames: { '#h': 'hash' },
      }),
    );
    if (!found.Item) throw new ConcurrencyError(streamId, version, await this.currentVersion(streamId));
    return { version, hash: unmarshall(found.Item).hash as string };
  }

  private async currentVersion(streamId: string): Promise<number> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tables.events,
        ConsistentRead: true,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
        ExpressionAttributeValues: marshall({ ':pk': streamId }),
        ProjectionExpression: '#sk',
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const item = page.Items?.[0];
    return item ? (unmarshall(item)[SK] as number) : 0;
  }

  private async getCommandRecord(commandId: string): Promise<CommandRecord | undefined> {
    const found = await this.client.send(
      new GetItemCommand({
        TableName: this.tables.commands,
        Key: marshall({ [CommandsTableKeys.partitionKey]: commandId }),
        ConsistentRead: true,
      }),
    );
    return found.Item && (unmarshall(found.Item) as CommandRecord);
  }

  /** Turns a refused transaction into the error a caller can act on, or into the first result of a repeated command. */
  private async explainFailure(
    error: unknown,
    owners: ReadonlyArray<{ streamId: string; expectedVersion: number }>,
    command: CommandInfo,
  ): Promise<AppendResult> {
    if (!(error instanceof TransactionCanceledException)) {
      if (isThrottle(error)) throw new StoreThrottledError(error);
      throw new EventStoreError('the event store refused the write', error);
    }
    const reasons: CancellationReason[] = error.CancellationReasons ?? [];
    if (reasons[0]?.Code === 'ConditionalCheckFailed') {
      const first = await this.getCommandRecord(command.commandId);
      if (!first) throw new EventStoreError('command record vanished after a duplicate was detected', error);
      if (first.requestHash !== command.requestHash) throw new IdempotencyKeyReusedError(command.commandId);
      return toResult(first, true);
    }
    const conflicted = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
    if (conflicted > 0) {
      const { streamId, expectedVersion } = owners[conflicted]!;
      throw new ConcurrencyError(streamId, expectedVersion, await this.currentVersion(streamId));
    }
    const codes = reasons.map((r) => r.Code);
    if (codes.includes('TransactionConflict')) throw new TransactionConflictError();
    if (
      codes.some(
        (c) =>
          c === 'ThrottlingError' || c === 'ProvisionedThroughputExceeded' || c === 'RequestLimitExceeded',
      )
    ) {
      throw new StoreThrottledError(error);
    }
    throw new EventStoreError(`the event store refused the write (${codes.join(', ')})`, error);
  }
}

const THROTTLE_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingError',
]);
const isThrottle = (error: unknown): boolean => error instanceof Error && THROTTLE_NAMES.has(error.name);

function fromItem(item: Record<string, unknown>): StoredEvent {
  const { streamId, version, la, type, schemaVersion, data, metadata, prevHash, hash } =
    item as unknown as StoredEvent;
  return { streamId, version, la, type, schemaVersion, data, metadata, prevHash, hash };
}

const toResult = (record: CommandRecord, duplicate: boolean): AppendResult => ({
  commandId: record.commandId,
  streams: record.streams,
  eventIds: record.eventIds,
  duplicate,
});

/** The LAs that have streams, from the sparse streamsByLa index (one small item per stream, keys only). */
export async function lasWithStreams(client: DynamoDBClient, eventsTable: string): Promise<string[]> {
  const las = new Set<string>();
  for await (const page of paginateScan(
    { client },
    {
      TableName: eventsTable,
      IndexName: EventsTableKeys.streamsByLaIndex,
      ProjectionExpression: '#la',
      ExpressionAttributeNames: { '#la': EventsTableKeys.streamLa },
    },
  ))
    for (const item of page.Items ?? []) {
      const la = item[EventsTableKeys.streamLa]?.S;
      if (la) las.add(la);
    }
  return [...las].sort();
}
