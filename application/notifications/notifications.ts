import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Role } from '../../events/envelope';

/** The deadline facts that someone must hear about. The notifier's rule and the starter's rule both use this list. */
export const NOTIFIED_EVENT_TYPES = [
  'ObligationReminderSent',
  'ObligationDeadlineMissed',
  'ObligationEscalated',
] as const;
export type NotifiedEventType = (typeof NOTIFIED_EVENT_TYPES)[number];

/** One Notify template per kind; the template ids are configuration (NOTIFY_TEMPLATES). */
export type NotificationKind = 'reminder' | 'deadline-missed' | 'escalation';

export const notificationKindOf: Record<NotifiedEventType, NotificationKind> = {
  ObligationReminderSent: 'reminder',
  ObligationDeadlineMissed: 'deadline-missed',
  ObligationEscalated: 'escalation',
};

/** Who hears: the team doing the work is reminded; a miss and every escalation go to the manager and the IRO. */
export const recipientRolesOf: Record<NotificationKind, Role[]> = {
  reminder: ['coordinator'],
  'deadline-missed': ['manager', 'iro'],
  escalation: ['manager', 'iro'],
};

export const NotificationsTableKeys = { partitionKey: 'notificationId', expiresAt: 'expiresAt' } as const;

/** One email to one role's mailbox about one recorded fact. It names no child: it links to the record. */
export interface Notification {
  /** `<eventId>:<role>`: the same fact never reaches the same mailbox twice. */
  id: string;
  kind: NotificationKind;
  la: string;
  role: Role;
  /** The LA team mailbox for the role; undefined when none is configured (the outbox still shows it). */
  to?: string;
  /** Personalisation fields of the Notify template. */
  personalisation: Record<string, string>;
  /** The event id, as Notify's reference, so a sent email can be traced to the fact that caused it. */
  reference: string;
  createdAt: string;
}

/** The send port: GOV.UK Notify in AWS, the outbox folder locally. */
export interface Sender {
  send(notification: Notification): Promise<void>;
}

/** GOV.UK Notify through its official client. */
export class NotifySender implements Sender {
  constructor(
    private readonly client: {
      sendEmail(
        templateId: string,
        emailAddress: string,
        options?: Record<string, unknown>,
      ): Promise<unknown>;
    },
    private readonly templates: Partial<Record<NotificationKind, string>>,
  ) {}

  async send(notification: Notification): Promise<void> {
    const templateId = this.templates[notification.kind];
    if (!templateId) throw new Error(`no Notify template configured for ${notification.kind}`);
    if (!notification.to)
      throw new Error(`no mailbox configured for ${notification.role} in ${notification.la}`);
    await this.client.sendEmail(templateId, notification.to, {
      personalisation: notification.personalisation,
      reference: notification.reference,
    });
  }
}

/**
 * The local stand-in for Notify: one JSON file per notification in a folder, which a person can read and the admin
 * UI's task list can show. Writing is exclusive, so the same notification is never written twice.
 */
export class Outbox implements Sender {
  constructor(readonly dir: string) {}

  async send(notification: Notification): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = join(
      this.dir,
      `${notification.createdAt.replace(/[:.]/g, '-')}_${fileSafe(notification.id)}.json`,
    );
    await writeFile(file, `${JSON.stringify(notification, null, 2)}\n`, { flag: 'wx' }).catch((error) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    });
  }

  /** Every notification sent so far, oldest first. */
  async list(): Promise<Notification[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const json = names.filter((name) => name.endsWith('.json')).sort();
    return Promise.all(json.map(async (name) => JSON.parse(await readFile(join(this.dir, name), 'utf8'))));
  }
}

const fileSafe = (id: string) => id.replace(/[^0-9A-Za-z_-]/g, '_');

/**
 * At most once per notification id: a conditional claim before sending, released if the send fails so a retry can
 * send it. (A crash between a successful send and the process ending leaves the claim, so that email is not repeated.)
 */
export interface NotificationLedger {
  claim(id: string, now: Date): Promise<boolean>;
  release(id: string): Promise<void>;
  markSent(id: string, now: Date): Promise<void>;
}

export class DynamoNotificationLedger implements NotificationLedger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
    /** Claims are kept long enough to outlive every retry and the bus's redelivery window. */
    private readonly keepDays = 30,
  ) {}

  async claim(id: string, now: Date): Promise<boolean> {
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
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async release(id: string): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({
        TableName: this.table,
        Key: marshall({ [NotificationsTableKeys.partitionKey]: id }),
      }),
    );
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

/** TEAM_MAILBOXES: `{ "<LA code>": { "<role>": "team@la.gov.uk" } }`: role mailboxes, never a person's address. */
export const parseMailboxes = (json: string | undefined): Record<string, Partial<Record<Role, string>>> =>
  json ? JSON.parse(json) : {};
