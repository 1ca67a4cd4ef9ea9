import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isVisitorKind, type Notification, type Sender } from '../../application/notifications/notifications';
import { render, type Template, visitorTemplate } from '../../application/notifications/templates';

/** A notification as the outbox keeps it: a visitor's with the message rendered. */
export type OutboxNotification = Notification & { message?: Template };

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
    await writeFile(file, `${JSON.stringify(withMessage(notification), null, 2)}\n`, { flag: 'wx' }).catch(
      (error) => {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      },
    );
  }

  /** Whether this notification is in the outbox already (its file name ends with its id). */
  async alreadySent(notification: Notification): Promise<boolean> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.some((name) => name.endsWith(`_${fileSafe(notification.id)}.json`));
  }

  /** Every notification sent so far, oldest first. */
  async list(): Promise<OutboxNotification[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const json = names.filter((name) => name.endsWith('.json')).sort();
    return Promise.all(json.map(async (name) => JSON.parse(await readFile(join(this.dir, name), 'utf8'))));
  }
}

/**
 * A visitor's message with its words as Notify would send them (templates.ts), so a person reading the outbox sees
 * the message itself. The team mailboxes' templates are kept in Notify only: theirs show the personalisation alone.
 */
const withMessage = (notification: Notification): OutboxNotification => {
  const template = isVisitorKind(notification.kind)
    ? visitorTemplate(notification.kind, notification.language, notification.channel ?? 'email')
    : undefined;
  return template
    ? { ...notification, message: render(template, notification.personalisation) }
    : notification;
};

const fileSafe = (id: string) => id.replace(/[^0-9A-Za-z_-]/g, '_');
