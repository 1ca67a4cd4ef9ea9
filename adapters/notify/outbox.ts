import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Notification, Sender } from '../../application/notifications/notifications';

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

  /** Whether this notification is in the outbox already (its file name ends with its id). */
  async alreadySent(notification: Notification): Promise<boolean> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.some((name) => name.endsWith(`_${fileSafe(notification.id)}.json`));
  }

  /** Every notification sent so far, oldest first. */
  async list(): Promise<Notification[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const json = names.filter((name) => name.endsWith('.json')).sort();
    return Promise.all(json.map(async (name) => JSON.parse(await readFile(join(this.dir, name), 'utf8'))));
  }
}

const fileSafe = (id: string) => id.replace(/[^0-9A-Za-z_-]/g, '_');
