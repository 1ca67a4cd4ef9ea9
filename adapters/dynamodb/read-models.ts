import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { ReadModels } from '../../application/ports/read-models';
import type { ChildRow, VolunteerRow } from '../../application/projections/child-row';
import { queryItems } from './paging';

/** The keys of the read-model tables: the one place the CDK tables and this adapter read them from. */
export const ReadModelKeys = {
  partitionKey: 'streamId',
  /** Every row carries its LA and a list key, so one LA's rows come back from one index query. */
  byLaIndex: 'byLa',
  laKey: 'la',
  listKey: 'listKey',
} as const;

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
        ConditionExpression: options.refresh
          ? 'attribute_not_exists(#pk) OR #v <= :v OR #s < :s'
          : 'attribute_not_exists(#pk) OR #v < :v OR (#v = :v AND #s < :s)',
        ExpressionAttributeNames: { '#pk': ReadModelKeys.partitionKey, '#v': 'version', '#s': 'rowSchema' },
        ExpressionAttributeValues: marshall({ ':v': row.version, ':s': row.rowSchema }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

async function getRow<T>(client: DynamoDBClient, table: string, streamId: string): Promise<T | undefined> {
  const found = await client.send(
    new GetItemCommand({
      TableName: table,
      Key: marshall({ [ReadModelKeys.partitionKey]: streamId }),
    }),
  );
  return found.Item && (unmarshall(found.Item) as T);
}

async function* queryByLa<T>(
  client: DynamoDBClient,
  table: string,
  la: string,
  listKeyPrefix?: string,
): AsyncIterable<T> {
  const rows = queryItems(client, {
    TableName: table,
    IndexName: ReadModelKeys.byLaIndex,
    KeyConditionExpression: listKeyPrefix ? '#la = :la AND begins_with(#lk, :p)' : '#la = :la',
    ExpressionAttributeNames: {
      '#la': ReadModelKeys.laKey,
      ...(listKeyPrefix ? { '#lk': ReadModelKeys.listKey } : {}),
    },
    ExpressionAttributeValues: marshall({ ':la': la, ...(listKeyPrefix ? { ':p': listKeyPrefix } : {}) }),
  });
  for await (const row of rows) yield row as T;
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

  putChildRow(row: ChildRow, options?: { refresh?: boolean }): Promise<boolean> {
    return putRowIfNewer(this.client, this.tables.childSummary, row, options);
  }

  putVolunteerRow(row: VolunteerRow, options?: { refresh?: boolean }): Promise<boolean> {
    return putRowIfNewer(this.client, this.tables.volunteerSummary, row, options);
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

  /** One LA at a time, for the national return: never the whole country's rows in memory at once. */
  async *rowsByLa(
    las: Iterable<string>,
  ): AsyncIterable<{ la: string; children: ChildRow[]; volunteers: VolunteerRow[] }> {
    for (const la of las) {
      const [children, volunteers] = await Promise.all([this.childRowsOfLa(la), this.volunteerRowsOfLa(la)]);
      yield { la, children, volunteers };
    }
  }
}
