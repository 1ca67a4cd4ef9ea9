import {
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type PutItemCommandInput,
  paginateQuery,
  type QueryCommandInput,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  COUNTED_ATTRIBUTES,
  COUNTED_LISTS,
  COUNTED_SINCE_SCHEMA,
  type CountChange,
  type CountedList,
  type CountedRow,
  countChanges,
  type DateCounts,
} from '../../application/lists/counts';
import {
  CHILD_INDEXES,
  LISTED_ATTRIBUTES,
  type ListedRow,
  SEARCH_INDEXES,
  VOLUNTEER_INDEXES,
} from '../../application/lists/keys';
import type {
  ChildListPage,
  ChildListQuery,
  ReadModels,
  SearchHit,
  StreamRow,
} from '../../application/ports/read-models';
import type { ChildRow, VolunteerRow } from '../../application/projections/child-row';
import {
  COMPLIANCE_CHILD_FIELDS,
  RETURN_CHILD_FIELDS,
  RETURN_VOLUNTEER_FIELDS,
  type ReportChildRow,
  type ReturnChildRow,
  type ReturnVolunteerRow,
} from '../../application/reports/figures';
import { queryItems } from './paging';

/** The keys of the read-model tables: the one place the CDK tables and this adapter read them from. */
export const ReadModelKeys = {
  partitionKey: 'streamId',
  /** Every row carries its LA and a list key, so one LA's rows come back from one index query. */
  byLaIndex: 'byLa',
  laKey: 'la',
  listKey: 'listKey',
  /** A narrow index of the child rows by LA holding only the national return's fields, packed (`returnFacts`). */
  returnByLaIndex: 'returnByLa',
  returnFacts: 'returnFacts',
  complianceFacts: 'complianceFacts',
} as const;

/*
 * Each child row also carries the fields the reports read packed as JSON (reports/figures.ts): DynamoDB and the SDK
 * take far longer over nested maps and lists than over one string, and the national return reads every child of
 * the country. Readers of whole rows never see the packed copies. A row written before they existed (until the
 * next rebuild) has none: its fields are read from the row itself.
 */
const pick = (row: object, fields: readonly string[]) =>
  Object.fromEntries(fields.map((f) => [f, (row as Record<string, unknown>)[f]]));
const withPackedFacts = (row: ChildRow) => ({
  ...row,
  [ReadModelKeys.returnFacts]: JSON.stringify(pick(row, RETURN_CHILD_FIELDS)),
  [ReadModelKeys.complianceFacts]: JSON.stringify(pick(row, COMPLIANCE_CHILD_FIELDS)),
});
/** A whole child row as stored, less its packed copies. */
const unpacked = <T>(item: Record<string, unknown>): T => {
  delete item[ReadModelKeys.returnFacts];
  delete item[ReadModelKeys.complianceFacts];
  return item as T;
};

export interface ReadModelTables {
  childSummary: string;
  volunteerSummary: string;
}

type Row = { streamId: string; version: number; rowSchema: number };

/**
 * Writes a row only if it is newer than the stored one, so duplicate and out-of-order deliveries write nothing.
 * `refresh` (the rebuild) also overwrites a row of the same version, or one written by an older row schema, so a
 * fixed projection replaces what the old one wrote; it still never overwrites a newer version.
 */
export async function putRowIfNewer(
  client: DynamoDBClient,
  table: string,
  row: Row,
  options: { refresh?: boolean } = {},
): Promise<boolean> {
  try {
    await client.send(
      new PutItemCommand({
        TableName: table,
        Item: marshall(row, { removeUndefinedValues: true }),
        ...newerRow(row),
        ...(options.refresh
          ? { ConditionExpression: 'attribute_not_exists(#pk) OR #v <= :v OR #s < :s' }
          : {}),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The condition of a row put that writes only a newer row (or one written by an older row schema). */
const newerRow = (row: Row) => ({
  ConditionExpression: 'attribute_not_exists(#pk) OR #v < :v OR (#v = :v AND #s < :s)',
  ExpressionAttributeNames: { '#pk': ReadModelKeys.partitionKey, '#v': 'version', '#s': 'rowSchema' },
  ExpressionAttributeValues: marshall({ ':v': row.version, ':s': row.rowSchema }),
});

/**
 * The LA's list counts (application/lists/counts.ts) live in the child summary table beside the rows, as items of
 * their own with no index keys (so no list or index holds them): one item per LA, counted list and shard, a number
 * per due date. A row's changes go to the shard of its stream, so the rows of one LA, projected at once (a rebuild
 * runs several at a time), seldom change the same item together; the reader adds the shards up.
 */
export const COUNT_KEY_PREFIX = 'counts#';
const COUNT_SHARDS = 8;
const countKey = (la: string, list: string, shard: number) => `${COUNT_KEY_PREFIX}${la}#${list}#${shard}`;
const shardOf = (streamId: string) => {
  let hash = 0;
  for (const c of streamId) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return hash % COUNT_SHARDS;
};

/** Whether `row` may replace `stored`: a newer version, or (a rebuild's refresh) the same one projected again. */
const replaces = (row: Row, stored: CountedRow, refresh: boolean) =>
  refresh
    ? stored.version <= row.version || stored.rowSchema < row.rowSchema
    : stored.version < row.version || (stored.version === row.version && stored.rowSchema < row.rowSchema);

/** The condition of a put that replaces exactly the row that was read (or finds none), so its count changes hold. */
function unchangedSince(
  stored: CountedRow | undefined,
): Pick<
  PutItemCommandInput,
  'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
> {
  if (!stored)
    return {
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': ReadModelKeys.partitionKey },
    };
  return {
    ConditionExpression: `#v = :v AND #s = :s AND ${stored.projectedAt ? '#p = :p' : 'attribute_not_exists(#p)'}`,
    ExpressionAttributeNames: { '#v': 'version', '#s': 'rowSchema', '#p': 'projectedAt' },
    ExpressionAttributeValues: marshall({
      ':v': stored.version,
      ':s': stored.rowSchema,
      ...(stored.projectedAt ? { ':p': stored.projectedAt } : {}),
    }),
  };
}

/**
 * The condition of a put that changes no count: the row is newer (as `replaces` says), and the stored one was
 * counted and is on the same lists on the same dates (a missing row, or one on other dates, fails it).
 */
function sameCounts(row: ChildRow, refresh: boolean) {
  const names: Record<string, string> = { '#v': 'version', '#s': 'rowSchema' };
  const values: Record<string, unknown> = {
    ':v': row.version,
    ':s': row.rowSchema,
    ':counted': COUNTED_SINCE_SCHEMA,
  };
  const parts = [refresh ? '(#v <= :v OR #s < :s)' : '(#v < :v OR (#v = :v AND #s < :s))', '#s >= :counted'];
  (['currentLa', ...COUNTED_LISTS] as const).forEach((attribute, i) => {
    names[`#k${i}`] = attribute;
    const value = row[attribute];
    if (value === undefined) parts.push(`attribute_not_exists(#k${i})`);
    else {
      values[`:k${i}`] = value;
      parts.push(`#k${i} = :k${i}`);
    }
  });
  return {
    ConditionExpression: parts.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: marshall(values),
  };
}

/** One update per count item: ADD to each date's number (ADD makes a missing item or date from 0). */
function countUpdates(table: string, changes: ReadonlyArray<CountChange & { shard: number }>) {
  const byItem = new Map<string, Array<CountChange & { shard: number }>>();
  for (const c of changes) {
    const key = countKey(c.la, c.list, c.shard);
    byItem.set(key, [...(byItem.get(key) ?? []), c]);
  }
  return [...byItem]
    .map(([key, cs]) => {
      const totals = new Map<string, number>();
      for (const c of cs) totals.set(c.date, (totals.get(c.date) ?? 0) + c.by);
      const dates = [...totals].filter(([, n]) => n !== 0);
      return {
        TableName: table,
        Key: marshall({ [ReadModelKeys.partitionKey]: key }),
        UpdateExpression: `ADD ${dates.map((_, i) => `#d${i} :n${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(dates.map(([date], i) => [`#d${i}`, date])),
        ExpressionAttributeValues: marshall(Object.fromEntries(dates.map(([, n], i) => [`:n${i}`, n]))),
      };
    })
    .filter((u) => u.UpdateExpression !== 'ADD ');
}

/** Whether a write failed only because the row changed since it was read, or another write held an item. */
const raced = (error: unknown) =>
  error instanceof ConditionalCheckFailedException || error instanceof TransactionCanceledException;

/** A read of only these attributes of each item. */
const projectionOf = (attributes: readonly string[]) => ({
  ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a])),
});
const COUNTED_PROJECTION = projectionOf(COUNTED_ATTRIBUTES);
const LISTED_PROJECTION = projectionOf(LISTED_ATTRIBUTES);

async function getRow<T>(client: DynamoDBClient, table: string, streamId: string): Promise<T | undefined> {
  const found = await client.send(
    new GetItemCommand({
      TableName: table,
      Key: marshall({ [ReadModelKeys.partitionKey]: streamId }),
    }),
  );
  return found.Item && unpacked<T>(unmarshall(found.Item));
}

async function* queryByLa<T>(
  client: DynamoDBClient,
  table: string,
  la: string,
  listKeyPrefix?: string,
  fields?: readonly string[],
): AsyncIterable<T> {
  const rows = queryItems(client, {
    TableName: table,
    IndexName: ReadModelKeys.byLaIndex,
    KeyConditionExpression: listKeyPrefix ? '#la = :la AND begins_with(#lk, :p)' : '#la = :la',
    ExpressionAttributeNames: {
      '#la': ReadModelKeys.laKey,
      ...(listKeyPrefix ? { '#lk': ReadModelKeys.listKey } : {}),
      ...Object.fromEntries((fields ?? []).map((f, i) => [`#f${i}`, f])),
    },
    ExpressionAttributeValues: marshall({ ':la': la, ...(listKeyPrefix ? { ':p': listKeyPrefix } : {}) }),
    ...(fields ? { ProjectionExpression: fields.map((_, i) => `#f${i}`).join(', ') } : {}),
  });
  for await (const row of rows) yield unpacked<T>(row);
}

const collect = async <T>(rows: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

/** The read models on DynamoDB: one table per row kind, an index per LA. */
export class DynamoReadModels implements ReadModels {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tables: ReadModelTables,
  ) {}

  /**
   * Writes a child's row if it is newer than the stored one, and changes its LA's list counts by the difference in
   * one transaction. The put is conditional on the stored row being the one read, so the counts always add up to
   * the rows: if another write got there first, the row is read again and the difference worked out again.
   */
  async putChildRow(row: ChildRow, options: { refresh?: boolean } = {}): Promise<boolean> {
    // Most changes leave a child's list dates as they were: then one put, on condition that they are, is all.
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tables.childSummary,
          Item: marshall(withPackedFacts(row), { removeUndefinedValues: true }),
          ...sameCounts(row, options.refresh ?? false),
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    for (let attempt = 1; ; attempt++) {
      const stored = (await this.countedRows([row.streamId])).get(row.streamId);
      if (stored && !replaces(row, stored, options.refresh ?? false)) return false;
      const changes = countChanges(stored, row).map((c) => ({ ...c, shard: shardOf(row.streamId) }));
      const put = {
        TableName: this.tables.childSummary,
        Item: marshall(withPackedFacts(row), { removeUndefinedValues: true }),
      };
      try {
        if (changes.length === 0)
          await this.client.send(new PutItemCommand({ ...put, ...unchangedSince(stored) }));
        else
          await this.client.send(
            new TransactWriteItemsCommand({
              TransactItems: [
                { Put: { ...put, ...unchangedSince(stored) } },
                ...countUpdates(this.tables.childSummary, changes).map((Update) => ({ Update })),
              ],
            }),
          );
      } catch (error) {
        if (!raced(error) || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
        continue;
      }
      await this.dropZeroCounts(changes);
      return true;
    }
  }

  /** The stored rows' counted parts, strongly consistent (missing ones left out). */
  private async countedRows(streamIds: readonly string[]): Promise<Map<string, CountedRow>> {
    const table = this.tables.childSummary;
    const found = new Map<string, CountedRow>();
    for (let i = 0; i < streamIds.length; i += 100) {
      let keys = [...new Set(streamIds.slice(i, i + 100))].map((id) =>
        marshall({ [ReadModelKeys.partitionKey]: id }),
      );
      for (let attempt = 0; keys.length > 0; attempt++) {
        if (attempt >= 8) throw new Error('the read model kept leaving rows unread');
        const result = await this.client.send(
          new BatchGetItemCommand({
            RequestItems: { [table]: { Keys: keys, ConsistentRead: true, ...COUNTED_PROJECTION } },
          }),
        );
        for (const item of result.Responses?.[table] ?? []) {
          const row = unmarshall(item) as CountedRow;
          found.set(row.streamId, row);
        }
        keys = (result.UnprocessedKeys?.[table]?.Keys ?? []) as typeof keys;
      }
    }
    return found;
  }

  /** A date whose count fell to nothing is removed, so a count item holds only the dates some row is due on. */
  private async dropZeroCounts(changes: ReadonlyArray<CountChange & { shard: number }>): Promise<void> {
    for (const c of changes.filter((change) => change.by < 0)) {
      try {
        await this.client.send(
          new UpdateItemCommand({
            TableName: this.tables.childSummary,
            Key: marshall({ [ReadModelKeys.partitionKey]: countKey(c.la, c.list, c.shard) }),
            UpdateExpression: 'REMOVE #d',
            ConditionExpression: '#d = :zero',
            ExpressionAttributeNames: { '#d': c.date },
            ExpressionAttributeValues: marshall({ ':zero': 0 }),
          }),
        );
      } catch (error) {
        // Not zero (another row is due that day), or changing at this moment: it stays, as it should.
        if (!raced(error)) throw error;
      }
    }
  }

  /** How many of an LA's current children each list holds, by due date: the shards of each list added up. */
  async listCounts(la: string, lists: readonly CountedList[]): Promise<Record<CountedList, DateCounts>> {
    const table = this.tables.childSummary;
    const counts = Object.fromEntries(lists.map((list) => [list, {}])) as Record<
      CountedList,
      Record<string, number>
    >;
    let keys = lists.flatMap((list) =>
      Array.from({ length: COUNT_SHARDS }, (_, shard) =>
        marshall({ [ReadModelKeys.partitionKey]: countKey(la, list, shard) }),
      ),
    );
    for (let attempt = 0; keys.length > 0; attempt++) {
      if (attempt >= 8) throw new Error('the read model kept leaving counts unread');
      const result = await this.client.send(
        new BatchGetItemCommand({ RequestItems: { [table]: { Keys: keys } } }),
      );
      for (const item of result.Responses?.[table] ?? []) {
        const { streamId, ...dates } = unmarshall(item) as { streamId: string } & Record<string, number>;
        const of = counts[streamId.split('#')[2] as CountedList];
        for (const [date, n] of Object.entries(dates)) of[date] = (of[date] ?? 0) + n;
      }
      keys = (result.UnprocessedKeys?.[table]?.Keys ?? []) as typeof keys;
    }
    return counts;
  }

  putVolunteerRow(row: VolunteerRow, options?: { refresh?: boolean }): Promise<boolean> {
    return putRowIfNewer(this.client, this.tables.volunteerSummary, row, options);
  }

  /**
   * Up to 50 rows in one transaction (rows are a few KB; a transaction takes 4 MB) with the changes to their LAs'
   * list counts: DynamoDB Local on disk commits each single put on its own, which was a second per 40 rows of a
   * first start. Each child's put is conditional on the row read before it, as `putChildRow`'s; a transaction
   * refused (a row changed meanwhile) is written again one row at a time.
   */
  async putRows(rows: ReadonlyArray<StreamRow>): Promise<number> {
    const stored = await this.countedRows(rows.flatMap((r) => (r.kind === 'child' ? [r.row.streamId] : [])));
    let written = 0;
    let chunk: StreamRow[] = [];
    let puts: TransactWriteItem[] = [];
    let changes: Array<CountChange & { shard: number }> = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      try {
        await this.client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              ...puts,
              ...countUpdates(this.tables.childSummary, changes).map((Update) => ({ Update })),
            ],
          }),
        );
        written += chunk.length;
        await this.dropZeroCounts(changes);
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        for (const one of chunk)
          if (await (one.kind === 'child' ? this.putChildRow(one.row) : this.putVolunteerRow(one.row)))
            written++;
      }
      chunk = [];
      puts = [];
      changes = [];
    };
    for (const stream of rows) {
      const Item = marshall(stream.kind === 'child' ? withPackedFacts(stream.row) : stream.row, {
        removeUndefinedValues: true,
      });
      if (stream.kind === 'volunteer') {
        if (chunk.length >= 50) await flush();
        puts.push({ Put: { TableName: this.tables.volunteerSummary, Item, ...newerRow(stream.row) } });
      } else {
        const before = stored.get(stream.row.streamId);
        // Not newer than the stored row: it would not be written, as a lone put's condition would refuse it.
        if (before && !replaces(stream.row, before, false)) continue;
        const its = countChanges(before, stream.row).map((c) => ({
          ...c,
          shard: shardOf(stream.row.streamId),
        }));
        // A transaction holds at most 100 items: the rows and the count items they change.
        if (chunk.length >= 50 || puts.length + 1 + countUpdates('', [...changes, ...its]).length > 100)
          await flush();
        puts.push({ Put: { TableName: this.tables.childSummary, Item, ...unchangedSince(before) } });
        changes.push(...its);
      }
      chunk.push(stream);
    }
    await flush();
    return written;
  }

  /** One child's summary; the caller checks the row's LA against the reader's. */
  childRow(streamId: string): Promise<ChildRow | undefined> {
    return getRow(this.client, this.tables.childSummary, streamId);
  }

  volunteerRow(streamId: string): Promise<VolunteerRow | undefined> {
    return getRow(this.client, this.tables.volunteerSummary, streamId);
  }

  /** Every child row of one LA, streamed page by page. */
  childRowsOf(la: string): AsyncIterable<ChildRow> {
    return queryByLa(this.client, this.tables.childSummary, la);
  }

  childRowsOfLa(la: string): Promise<ChildRow[]> {
    return collect(this.childRowsOf(la));
  }

  /** The waiting list of one LA, longest wait first. */
  waitingList(la: string): Promise<ChildRow[]> {
    return collect(queryByLa<ChildRow>(this.client, this.tables.childSummary, la, 'waiting#'));
  }

  volunteerRowsOfLa(la: string): Promise<VolunteerRow[]> {
    return collect(queryByLa<VolunteerRow>(this.client, this.tables.volunteerSummary, la));
  }

  dbsExpiringBy(la: string, date: string): Promise<VolunteerRow[]> {
    return this.volunteersDueBy('byDbsExpiry', la, date);
  }

  trainingExpiringBy(la: string, date: string): Promise<VolunteerRow[]> {
    return this.volunteersDueBy('byTrainingExpiry', la, date);
  }

  /** An LA's volunteers on one of the indexes by date, up to and including the date. */
  private volunteersDueBy(index: 'byDbsExpiry' | 'byTrainingExpiry', la: string, date: string) {
    const keys = VOLUNTEER_INDEXES[index]!;
    return collect(
      queryItems(this.client, {
        TableName: this.tables.volunteerSummary,
        IndexName: index,
        // "<date>#<volunteer>" keys up to and including the date: the bound is the next day's bare date.
        KeyConditionExpression: '#pk = :la AND #sk <= :to',
        ExpressionAttributeNames: { '#pk': keys.partition, '#sk': keys.sort },
        ExpressionAttributeValues: marshall({ ':la': la, ':to': `${date}#~` }),
      }),
    ) as Promise<VolunteerRow[]>;
  }

  async childList(q: ChildListQuery): Promise<ChildListPage> {
    const input = listQuery(this.tables.childSummary, q);
    const [rows, count] = await Promise.all([
      q.limit > 0 ? this.listPage(input, q) : [],
      q.countUpTo > 0 ? countOf(this.client, input, q.countUpTo) : { total: 0, atLeast: false },
    ]);
    // The list indexes hold only what their filters need: the page's rows are read from the table.
    return { rows: await this.childRowsById(rows.map((r) => r.streamId)), ...count };
  }

  /** Skips `offset` matches and keeps the next `limit`, reading pages of the index only as far as that. */
  private async listPage(input: QueryCommandInput, q: ChildListQuery): Promise<ChildRow[]> {
    const rows: ChildRow[] = [];
    let skipped = 0;
    const pageSize = Math.min(1000, q.offset + q.limit);
    for await (const page of paginateQuery(
      { client: this.client, pageSize },
      { ...input, Limit: pageSize },
    )) {
      for (const item of page.Items ?? []) {
        if (skipped < q.offset) skipped++;
        else rows.push(unmarshall(item) as ChildRow);
        if (rows.length >= q.limit) return rows;
      }
    }
    return rows;
  }

  async caseload(la: string, role: 'social-worker' | 'iro', staffId: string): Promise<ChildRow[]> {
    const index = role === 'iro' ? 'byIro' : 'bySocialWorker';
    const keys = CHILD_INDEXES[index]!;
    const items = await collect(
      queryItems(this.client, {
        TableName: this.tables.childSummary,
        IndexName: index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': keys.partition },
        ExpressionAttributeValues: marshall({ ':pk': `${la}#${staffId}` }),
      }),
    );
    return items.map((item) => unpacked<ChildRow>(item));
  }

  async searchChildren(la: string, index: string, prefix: string, limit: number): Promise<SearchHit[]> {
    const keys = CHILD_INDEXES[index]!;
    const hits: SearchHit[] = [];
    const input: QueryCommandInput = {
      TableName: this.tables.childSummary,
      IndexName: index,
      KeyConditionExpression: '#pk = :la AND begins_with(#sk, :p)',
      ExpressionAttributeNames: { '#pk': keys.partition, '#sk': keys.sort },
      ExpressionAttributeValues: marshall({ ':la': la, ':p': prefix }),
      Limit: limit,
    };
    for await (const item of queryItems(this.client, input)) {
      hits.push(item as SearchHit);
      if (hits.length >= limit) break;
    }
    return hits;
  }

  childRowsById(streamIds: readonly string[]): Promise<ListedRow[]> {
    return this.rowsById<ListedRow>(streamIds, LISTED_PROJECTION);
  }

  /** Child rows by id, in the order given (missing ones left out): what a projection names, or whole. */
  private async rowsById<T extends { streamId: string }>(
    streamIds: readonly string[],
    projection?: typeof LISTED_PROJECTION,
  ): Promise<T[]> {
    const found = new Map<string, T>();
    for (let i = 0; i < streamIds.length; i += 100) {
      let keys = [...new Set(streamIds.slice(i, i + 100))].map((id) =>
        marshall({ [ReadModelKeys.partitionKey]: id }),
      );
      for (let attempt = 0; keys.length > 0 && attempt < 8; attempt++) {
        const result = await this.client.send(
          new BatchGetItemCommand({
            RequestItems: { [this.tables.childSummary]: { Keys: keys, ...projection } },
          }),
        );
        for (const item of result.Responses?.[this.tables.childSummary] ?? []) {
          const row = unpacked<T>(unmarshall(item));
          found.set(row.streamId, row);
        }
        keys = (result.UnprocessedKeys?.[this.tables.childSummary]?.Keys ?? []) as typeof keys;
      }
    }
    return streamIds.flatMap((id) => found.get(id) ?? []);
  }

  async *returnRowsByLa(
    las: Iterable<string>,
    concurrency = 1,
  ): AsyncIterable<{ la: string; children: ReturnChildRow[]; volunteers: ReturnVolunteerRow[] }> {
    const read = async (la: string) => {
      const [children, volunteers] = await Promise.all([
        this.packedRowsOfLa<ReturnChildRow>(la, ReadModelKeys.returnByLaIndex, [ReadModelKeys.returnFacts]),
        collect(
          queryByLa<ReturnVolunteerRow>(
            this.client,
            this.tables.volunteerSummary,
            la,
            undefined,
            RETURN_VOLUNTEER_FIELDS,
          ),
        ),
      ]);
      return { la, children, volunteers };
    };
    const ahead: Array<ReturnType<typeof read>> = [];
    for (const la of las) {
      const reading = read(la);
      // Each is awaited in turn below; until then its failure must not count as unhandled.
      reading.catch(() => {});
      ahead.push(reading);
      if (ahead.length >= concurrency) yield await ahead.shift()!;
    }
    while (ahead.length > 0) yield await ahead.shift()!;
  }

  reportRowsOfLa(la: string): Promise<ReportChildRow[]> {
    return this.packedRowsOfLa<ReportChildRow>(la, ReadModelKeys.byLaIndex, [
      ReadModelKeys.returnFacts,
      ReadModelKeys.complianceFacts,
    ]);
  }

  /** One LA's child rows from their packed facts; a row stored without them is read whole. */
  private async packedRowsOfLa<T>(la: string, index: string, packed: readonly string[]): Promise<T[]> {
    const rows: T[] = [];
    const unpackedIds: string[] = [];
    for await (const item of queryItems(this.client, {
      TableName: this.tables.childSummary,
      IndexName: index,
      KeyConditionExpression: '#la = :la',
      ProjectionExpression: ['#id', ...packed.map((_, i) => `#p${i}`)].join(', '),
      ExpressionAttributeNames: {
        '#la': ReadModelKeys.laKey,
        '#id': ReadModelKeys.partitionKey,
        ...Object.fromEntries(packed.map((name, i) => [`#p${i}`, name])),
      },
      ExpressionAttributeValues: marshall({ ':la': la }),
    })) {
      if (packed.every((name) => typeof item[name] === 'string'))
        rows.push(Object.assign({}, ...packed.map((name) => JSON.parse(item[name] as string))));
      else unpackedIds.push(item[ReadModelKeys.partitionKey] as string);
    }
    return [...rows, ...((await this.rowsById<ChildRow>(unpackedIds)) as T[])];
  }

  /** One LA at a time, whole rows: never the whole country's rows in memory at once. */
  async *rowsByLa(
    las: Iterable<string>,
  ): AsyncIterable<{ la: string; children: ChildRow[]; volunteers: VolunteerRow[] }> {
    for (const la of las) {
      const [children, volunteers] = await Promise.all([this.childRowsOfLa(la), this.volunteerRowsOfLa(la)]);
      yield { la, children, volunteers };
    }
  }
}

/** The query of a list: the index's partition for the LA, its sort-key range, and the filters no key carries. */
function listQuery(table: string, q: ChildListQuery): QueryCommandInput {
  const keys = CHILD_INDEXES[q.index];
  if (!keys) throw new Error(`no list index ${q.index}`);
  const names: Record<string, string> = { '#pk': keys.partition, '#sk': keys.sort };
  const values: Record<string, unknown> = { ':la': q.la, ':from': q.from ?? '0', ':to': q.before ?? '~' };
  const filters: string[] = [];
  if (q.inArea !== undefined) {
    names['#area'] = 'placementInLaArea';
    values[':area'] = q.inArea;
    filters.push('#area = :area');
  }
  if (q.bornFrom !== undefined || q.bornTo !== undefined) {
    names['#dob'] = 'dateOfBirth';
    values[':bornFrom'] = q.bornFrom ?? '0000-01-01';
    values[':bornTo'] = q.bornTo ?? '9999-12-31';
    filters.push('#dob BETWEEN :bornFrom AND :bornTo');
  }
  // The search indexes hold every child; the lists show those in care now.
  if (SEARCH_INDEXES.includes(q.index)) {
    names['#current'] = 'current';
    values[':current'] = true;
    filters.push('#current = :current');
  }
  return {
    TableName: table,
    IndexName: q.index,
    // Sort keys are "<date>#<child>", so a bare date as the upper bound excludes that date: "before" is exclusive.
    KeyConditionExpression: '#pk = :la AND #sk BETWEEN :from AND :to',
    ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: marshall(values),
    ScanIndexForward: !q.descending,
  };
}

/** How many items match, reading at most `upTo` index entries (a count query returns no items, only numbers). */
async function countOf(
  client: DynamoDBClient,
  input: QueryCommandInput,
  upTo: number,
): Promise<{ total: number; atLeast: boolean }> {
  let total = 0;
  let read = 0;
  for await (const page of paginateQuery(
    { client, pageSize: upTo },
    { ...input, Select: 'COUNT', Limit: upTo },
  )) {
    total += page.Count ?? 0;
    read += page.ScannedCount ?? 0;
    if (read >= upTo && page.LastEvaluatedKey) return { total, atLeast: true };
  }
  return { total, atLeast: false };
}
