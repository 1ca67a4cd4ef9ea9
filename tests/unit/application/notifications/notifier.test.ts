import { describe, expect, it } from 'vitest';
import { NotifySender } from '../../../../adapters/notify/notify-sender';
import type { Notification, NotificationLedger } from '../../../../application/notifications/notifications';
import { createNotifier } from '../../../../application/notifications/notifier';
import { type BusEvent, DOMAIN_EVENT_SOURCE, toPublished } from '../../../../application/ports/bus';
import { silentLog } from '../../../../application/ports/log';
import { storedEvent } from '../../../support/stream-records';

const stored = storedEvent({
  type: 'ObligationDeadlineMissed',
  version: 3,
  data: {
    obligationId: 'child#c1:offer-iv-by-first-review:2026-06-01',
    kind: 'offer-iv-by-first-review',
    dueAt: '2026-06-29T23:00:00.000Z',
  },
});
// Recorded by the workflow just after the deadline passed.
const missed = {
  ...stored,
  metadata: {
    ...stored.metadata,
    occurredAt: '2026-06-29T23:00:00.500Z',
    recordedAt: '2026-06-29T23:00:00.500Z',
  },
};
const busEvent = (): BusEvent => ({
  version: '0',
  id: 'b1',
  'detail-type': missed.type,
  source: DOMAIN_EVENT_SOURCE,
  account: '0',
  time: missed.metadata.recordedAt,
  region: 'eu-west-2',
  resources: [],
  detail: toPublished(missed),
});

/**
 * The notifier over a ledger with the DynamoDB ledger's semantics and a fake Notify that keeps what it accepted by
 * reference. `crash` makes one attempt die at a chosen point, as a Lambda killed by a timeout would.
 */
function setup(options: { crash?: 'before-notify' | 'after-notify'; now?: Date } = {}) {
  const ledger = new Map<string, 'pending' | 'sent'>();
  const accepted: Notification[] = [];
  let crash = options.crash;
  const die = (at: typeof crash) => {
    if (crash !== at) return;
    crash = undefined;
    throw new Error('Task timed out after 30.00 seconds');
  };
  const notify = createNotifier({
    readEvent: async () => ({ ...missed, stored: { schemaVersion: 1, data: missed.data } }),
    sender: {
      send: async (n) => {
        die('before-notify');
        accepted.push(n);
        die('after-notify');
      },
      alreadySent: async (n) => accepted.some((a) => a.reference === n.reference),
    },
    ledger: {
      claim: async (id) => {
        const held = ledger.get(id);
        if (held) return held;
        ledger.set(id, 'pending');
        return 'claimed';
      },
      markSent: async (id) => {
        ledger.set(id, 'sent');
      },
    } satisfies NotificationLedger,
    mailboxes: { E08000035: { manager: 'iv-managers@example.gov.uk', iro: 'iro-team@example.gov.uk' } },
    recordBaseUrl: 'https://iv.example.gov.uk',
    clock: { now: () => options.now ?? new Date('2026-06-29T23:00:01.000Z') },
    log: silentLog,
  });
  return { notify, sent: accepted };
}

describe('notifier', () => {
  it('a missed deadline goes to the manager and the IRO mailboxes, linking to the record, naming no child', async () => {
    const { notify, sent } = setup();
    await notify(busEvent());
    expect(sent.map((n) => [n.role, n.to])).toEqual([
      ['manager', 'iv-managers@example.gov.uk'],
      ['iro', 'iro-team@example.gov.uk'],
    ]);
    expect(sent[0]!.personalisation).toEqual({
      duty: 'Consider and offer an Independent Visitor by the first looked-after review',
      due_date: '29 June 2026',
      escalation: '',
      record_link: `https://iv.example.gov.uk/children/${missed.streamId.slice('child#'.length)}`,
    });
    expect(sent.map((n) => n.reference)).toEqual([
      `${missed.metadata.eventId}:manager`,
      `${missed.metadata.eventId}:iro`,
    ]);
  });

  it('a duplicate delivery sends nothing more', async () => {
    const { notify, sent } = setup();
    await notify(busEvent());
    expect(await notify(busEvent())).toEqual({ sent: 0, duplicates: 2 });
    expect(sent.map((n) => n.role)).toEqual(['manager', 'iro']);
  });

  it('an attempt that dies after claiming, before Notify accepted the email: the retry sends it (finding 9)', async () => {
    const { notify, sent } = setup({ crash: 'before-notify' });
    await expect(notify(busEvent())).rejects.toThrow('Task timed out');
    expect(sent).toEqual([]);
    expect(await notify(busEvent())).toEqual({ sent: 2, duplicates: 0 });
    expect(sent.map((n) => n.role)).toEqual(['manager', 'iro']);
  });

  it('an attempt that dies after Notify accepted, before the ledger heard: the retry asks Notify and sends nothing twice', async () => {
    const { notify, sent } = setup({ crash: 'after-notify' });
    await expect(notify(busEvent())).rejects.toThrow('Task timed out');
    expect(await notify(busEvent())).toEqual({ sent: 1, duplicates: 1 });
    expect(await notify(busEvent())).toEqual({ sent: 0, duplicates: 2 });
    expect(sent.map((n) => n.role)).toEqual(['manager', 'iro']);
  });

  it('GOV.UK Notify gets the template of the kind, the mailbox, personalisation and the reference, and is asked by it', async () => {
    const calls: unknown[][] = [];
    const asked: unknown[][] = [];
    const sender = new NotifySender(
      {
        sendEmail: async (...args: unknown[]) => calls.push(args),
        sendSms: async () => {
          throw new Error('a team mailbox is never texted');
        },
        getNotifications: async (...args: unknown[]) => {
          asked.push(args);
          return { data: { notifications: calls.length > 0 ? [{ id: 'n1' }] : [] } };
        },
      },
      { 'deadline-missed': 'tmpl-missed' },
    );
    const { sent, notify } = setup();
    await notify(busEvent());
    await sender.send(sent[0]!);
    expect(calls).toEqual([
      [
        'tmpl-missed',
        'iv-managers@example.gov.uk',
        { personalisation: sent[0]!.personalisation, reference: `${missed.metadata.eventId}:manager` },
      ],
    ]);
    expect(await sender.alreadySent(sent[0]!)).toBe(true);
    expect(asked).toEqual([['email', undefined, `${missed.metadata.eventId}:manager`]]);
    await expect(sender.send({ ...sent[0]!, kind: 'reminder' })).rejects.toThrow(/no Notify template/);
  });

  it('emails nobody about a fact recorded more than a week ago: an import or a late replay is history, not news', async () => {
    const recorded = new Date(missed.metadata.recordedAt).getTime();
    const late = setup({ now: new Date(recorded + 8 * 86_400_000) });
    expect(await late.notify(busEvent())).toEqual({ sent: 0, duplicates: 0 });
    expect(late.sent).toEqual([]);
    const redrivenAfterAWeekend = setup({ now: new Date(recorded + 3 * 86_400_000) });
    expect((await redrivenAfterAWeekend.notify(busEvent())).sent).toBeGreaterThan(0);
  });
});
