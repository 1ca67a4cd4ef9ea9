import type { Notification, NotificationKind, Sender } from '../../application/notifications/notifications';

/** What the sender uses of the official client (notifications-node-client). */
export interface NotifyClientLike {
  sendEmail(templateId: string, emailAddress: string, options?: Record<string, unknown>): Promise<unknown>;
  getNotifications(
    templateType?: string,
    status?: string,
    reference?: string,
  ): Promise<{ data: { notifications: unknown[] } }>;
}

/** GOV.UK Notify through its official client. */
export class NotifySender implements Sender {
  constructor(
    private readonly client: NotifyClientLike,
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

  /** Notify lists the emails it accepted with a reference: any at all means this one went. */
  async alreadySent(notification: Notification): Promise<boolean> {
    const found = await this.client.getNotifications('email', undefined, notification.reference);
    return found.data.notifications.length > 0;
  }
}
