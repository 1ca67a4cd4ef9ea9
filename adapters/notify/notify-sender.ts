import type { Notification, NotificationKind, Sender } from '../../application/notifications/notifications';

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
