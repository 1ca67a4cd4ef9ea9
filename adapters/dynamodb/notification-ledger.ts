import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { NotificationLedger } from '../../application/notifications/notifications';

export const NotificationsTableKeys = { partitionKey: 'notificationId', expiresAt: 'expiresAt' } as const;

export class DynamoNotificationLedger implements NotificationLedger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
    /** Claims are kept long enough to outlive every retry and the bus's redelivery window. */
    private readonly keepDays = 30,
  ) {}

  /** Claims the notification; a claim already there is 'sent' once marked, 'pending' until then. */
  async claim(id: string, now: Date): Promise<'claimed' | 'pending' | 'sent'> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: marshall({
            [NotificationsTableKeys.partitionKey]: id,
            claimedAt: now.toISOString(),
            [NotificationsTableKeys.expiresAt]: Math.floor(now.getTime() / 1000) + this.keepDays * 86_400,
          }),
          ConditionExpression: 'attribute_not_exists(#id)',
          ExpressionAttributeNames: { '#id': NotificationsTableKeys.partitionKey },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const held = await this.client.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall({ [NotificationsTableKeys.partitionKey]: id }),
        ConsistentRead: true,
      }),
    );
    return held.Item?.sentAt ? 'sent' : 'pending';
  }

  async markSent(id: string, now: Date): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall({ [NotificationsTableKeys.partitionKey]: id }),
        UpdateExpression: 'SET sentAt = :t',
        ExpressionAttributeValues: marshall({ ':t': now.toISOString() }),
      }),
    );
  }
}
