import { type Notification, type Sender, templateKey } from '../../application/notifications/notifications';

/** What the sender uses of the official client (notifications-node-client). */
export interface NotifyClientLike {
  sendEmail(templateId: string, emailAddress: string, options?: Record<string, unknown>): Promise<unknown>;
  sendSms(templateId: string, phoneNumber: string, options?: Record<string, unknown>): Promise<unknown>;
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
    /** By templateKey: 'reminder', 'reminder:cy', 'visit-due:sms:cy'. */
    private readonly templates: Partial<Record<string, string>>,
  ) {}

  async send(notification: Notification): Promise<void> {
    const channel = notification.channel ?? 'email';
    const key = templateKey(notification.kind, notification.language ?? 'en', channel);
    const templateId = this.templates[key];
    if (!templateId) throw new Error(`no Notify template configured for ${key}`);
    if (!notification.to)
      throw new Error(`no mailbox configured for ${notification.role} in ${notification.la}`);
    const options = { personalisation: notification.personalisation, reference: notification.reference };
    if (channel === 'sms') await this.client.sendSms(templateId, notification.to, options);
    else await this.client.sendEmail(templateId, notification.to, options);
  }

  /** Notify lists the messages it accepted with a reference: any at all means this one went. */
  async alreadySent(notification: Notification): Promise<boolean> {
    const found = await this.client.getNotifications(
      notification.channel ?? 'email',
      undefined,
      notification.reference,
    );
    return found.data.notifications.length > 0;
  }
}
