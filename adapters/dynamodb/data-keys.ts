import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

export const DataKeysTableKeys = { partitionKey: 'subject' } as const;

/** One person's key as stored: wrapped by its keeper, or the tombstone left when it was destroyed. */
export type StoredDataKey =
  | { subject: string; keyId: string; keeper: string; wrappedKey: Uint8Array; createdAt: string }
  | { subject: string; keyId?: string; destroyedAt: string; erasureEventId: string };

export const isDestroyed = (key: StoredDataKey): key is Extract<StoredDataKey, { destroyedAt: string }> =>
  'destroyedAt' in key;

/**
 * The keys table: one item per person, keyed by their stream id. A key is created once (a conditional put, so two
 * writers racing to create one both end up with the winner's) and destroyed by overwriting it with a tombstone that
 * keeps no key material, only when and by which erasure. No new key can ever be made for a tombstoned person.
 */
export class DynamoDataKeys {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  async get(subject: string): Promise<StoredDataKey | undefined> {
    const found = await this.client.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall({ [DataKeysTableKeys.partitionKey]: subject }),
        ConsistentRead: true,
      }),
    );
    return found.Item && (unmarshall(found.Item) as StoredDataKey);
  }

  /** Stores a new key unless the person already has one (or a tombstone); returns whichever is stored. */
  async create(key: Extract<StoredDataKey, { wrappedKey: Uint8Array }>): Promise<StoredDataKey> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: marshall(key),
          ConditionExpression: 'attribute_not_exists(#s)',
          ExpressionAttributeNames: { '#s': DataKeysTableKeys.partitionKey },
        }),
      );
      return key;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.get(key.subject);
      if (!existing) throw error;
      return existing;
    }
  }

  /**
   * Stores many new keys, up to 100 in one transaction: a bulk load makes a key per person, and DynamoDB Local on
   * disk commits each single put on its own. A transaction refused because someone already has a key is redone one
   * key at a time. Says whose of these keys are now stored.
   */
  async createAll(
    keys: ReadonlyArray<Extract<StoredDataKey, { wrappedKey: Uint8Array }>>,
  ): Promise<Set<string>> {
    const stored = new Set<string>();
    for (let i = 0; i < keys.length; i += 100) {
      const chunk = keys.slice(i, i + 100);
      try {
        await this.client.send(
          new TransactWriteItemsCommand({
            TransactItems: chunk.map((key) => ({
              Put: {
                TableName: this.table,
                Item: marshall(key),
                ConditionExpression: 'attribute_not_exists(#s)',
                ExpressionAttributeNames: { '#s': DataKeysTableKeys.partitionKey },
              },
            })),
          }),
        );
        for (const key of chunk) stored.add(key.subject);
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        for (const key of chunk) {
          const kept = await this.create(key);
          if (!isDestroyed(kept) && kept.keyId === key.keyId) stored.add(key.subject);
        }
      }
    }
    return stored;
  }

  async destroy(subject: string, erasure: { eventId: string; at: Date; keyId?: string }): Promise<void> {
    const tombstone: StoredDataKey = {
      subject,
      ...(erasure.keyId ? { keyId: erasure.keyId } : {}),
      destroyedAt: erasure.at.toISOString(),
      erasureEventId: erasure.eventId,
    };
    try {
      // The first destruction stands: a repeat (a retried step) changes nothing.
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: marshall(tombstone),
          ConditionExpression: 'attribute_not_exists(#d)',
          ExpressionAttributeNames: { '#d': 'destroyedAt' },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
