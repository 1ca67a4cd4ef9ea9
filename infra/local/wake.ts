import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Calls `wrote` after each command of this client that writes to the table (a put, a transaction, a batch). */
export function onWritesTo(client: DynamoDBClient, table: string, wrote: () => void): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const output = await next(args);
      if (writesTo(table, context.commandName, args.input as object)) wrote();
      return output;
    },
    { step: 'initialize', name: `onWritesTo-${table}` },
  );
}

function writesTo(table: string, command: string | undefined, input: object): boolean {
  const i = input as {
    TableName?: string;
    TransactItems?: Array<Record<string, { TableName?: string } | undefined>>;
    RequestItems?: Record<string, unknown>;
  };
  if (command === 'PutItemCommand') return i.TableName === table;
  if (command === 'TransactWriteItemsCommand')
    return (i.TransactItems ?? []).some((item) => Object.values(item).some((op) => op?.TableName === table));
  if (command === 'BatchWriteItemCommand') return table in (i.RequestItems ?? {});
  return false;
}
