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

function setup(failures = 0, now = new Date('2026-06-29T23:00:01.000Z')) {
  const claims = new Set<string>();
  const ledger: NotificationLedger = {
    claim: async (id) => {
      if (claims.has(id)) return false;
      claims.add(id);
      return true;
    },
    release: async (id) => {
      claims.delete(id);
    },
    markSent: async () => {},
  };
  const sent: Notification[] = [];
  let failing = failures;
  const notify = createNotifier({
    readEvent: async () => ({ ...missed, stored: { schemaVersion: 1, data: missed.data } }),
    sender: {
      send: async (n) => {
        if (failing-- > 0) throw new Error('Notify 500');
        sent.push(n);
      },
    },
    ledger,
    mailboxes: { E08000035: { manager: 'iv-managers@example.gov.uk', iro: 'iro-team@example.gov.uk' } },
    recordBaseUrl: 'https://iv.example.gov.uk',
    clock: { now: () => now },
    log: silentLog,
  });
  return { notify, sent };
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
    expect(sent[0]!.reference).toBe(missed.metadata.eventId);
  });

  it('a failed send is released and retried by the bus; a duplicate delivery sends nothing more', async () => {
    const { notify, sent } = setup(1);
    await expect(notify(busEvent())).rejects.toThrow('Notify 500');
    await notify(busEvent());
    await notify(busEvent());
    expect(sent.map((n) => n.role)).toEqual(['manager', 'iro']);
  });

  it('GOV.UK Notify gets the template of the kind, the mailbox, personalisation and the event as reference', async () => {
    const calls: unknown[][] = [];
    const sender = new NotifySender(
      { sendEmail: async (...args: unknown[]) => calls.push(args) },
      { 'deadline-missed': 'tmpl-missed' },
    );
    const { sent, notify } = setup();
    await notify(busEvent());
    await sender.send(sent[0]!);
    expect(calls).toEqual([
      [
        'tmpl-missed',
        'iv-managers@example.gov.uk',
        { personalisation: sent[0]!.personalisation, reference: missed.metadata.eventId },
      ],
    ]);
    await expect(sender.send({ ...sent[0]!, kind: 'reminder' })).rejects.toThrow(/no Notify template/);
  });

  it('emails nobody about a fact recorded more than a week ago: an import or a late replay is history, not news', async () => {
    const recorded = new Date(missed.metadata.recordedAt).getTime();
    const late = setup(0, new Date(recorded + 8 * 86_400_000));
    expect(await late.notify(busEvent())).toEqual({ sent: 0, duplicates: 0 });
    expect(late.sent).toEqual([]);
    const redrivenAfterAWeekend = setup(0, new Date(recorded + 3 * 86_400_000));
    expect((await redrivenAfterAWeekend.notify(busEvent())).sent).toBeGreaterThan(0);
  });
});
