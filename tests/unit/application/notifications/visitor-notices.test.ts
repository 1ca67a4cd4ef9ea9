import { describe, expect, it } from 'vitest';
import { NotifySender } from '../../../../adapters/notify/notify-sender';
import type { Notification } from '../../../../application/notifications/notifications';
import { createNotifier } from '../../../../application/notifications/notifier';
import {
  fieldsOf,
  VISITOR_TEMPLATE_KEYS,
  visitorTemplate,
} from '../../../../application/notifications/templates';
import type { VisitorContact } from '../../../../application/notifications/visitor-contacts';
import { VISITOR_NOTICES } from '../../../../application/notifications/visitor-notices';
import { type BusEvent, DOMAIN_EVENT_SOURCE, toPublished } from '../../../../application/ports/bus';
import { silentLog } from '../../../../application/ports/log';
import type { RecordedEvent, StoredEvent } from '../../../../events/envelope';
import { storedEvent } from '../../../support/stream-records';

const NOW = '2026-06-22T08:00:01.000Z';
const CHILD = 'child#01JCHILD0000000000000000';
const VOLUNTEER = 'volunteer#01JVOLUNTEER0000000000000';

const fact = (overrides: Partial<StoredEvent>): RecordedEvent => {
  const e = storedEvent({ version: 9, ...overrides });
  return { ...e, metadata: { ...e.metadata, recordedAt: NOW, occurredAt: NOW } } as RecordedEvent;
};
/** The visit-overdue reminder: recorded 5 working days before the visit would be overdue. */
const visitReminder = fact({
  streamId: CHILD,
  type: 'ObligationReminderSent',
  data: {
    obligationId: `${CHILD}:visit-overdue:match-1:2026-05-01`,
    kind: 'visit-overdue',
    dueAt: '2026-06-29T23:00:00.000Z',
  },
});
const busEventOf = (recorded: RecordedEvent): BusEvent => ({
  version: '0',
  id: 'b1',
  'detail-type': recorded.type,
  source: DOMAIN_EVENT_SOURCE,
  account: '0',
  time: NOW,
  region: 'eu-west-2',
  resources: [],
  detail: toPublished(recorded),
});

function setup(
  recorded: RecordedEvent,
  contact: VisitorContact | undefined | (() => Promise<VisitorContact | undefined>),
  visitor: string | null = '01JVOLUNTEER0000000000000',
) {
  const sent: Notification[] = [];
  const asked: string[] = [];
  const ledger = new Map<string, 'pending' | 'sent'>();
  const notify = createNotifier({
    readEvent: async () => recorded,
    sender: { send: async (n) => void sent.push(n), alreadySent: async () => false },
    ledger: {
      claim: async (id) => {
        const held = ledger.get(id);
        if (held) return held;
        ledger.set(id, 'pending');
        return 'claimed';
      },
      markSent: async (id) => void ledger.set(id, 'sent'),
    },
    mailboxes: {},
    recordBaseUrl: 'https://iv.example.gov.uk',
    visitors: {
      currentVisitorOf: async (streamId) => {
        asked.push(streamId);
        return visitor ?? undefined;
      },
      contactOf: async (volunteerId) => {
        asked.push(volunteerId);
        return typeof contact === 'function' ? contact() : contact;
      },
    },
    clock: { now: () => new Date(NOW) },
    log: silentLog,
  });
  const toVisitor = () => sent.filter((n) => n.role === 'independent-visitor');
  return { notify: () => notify(busEventOf(recorded)), sent, toVisitor, asked };
}

describe('what an Independent Visitor is told', () => {
  it('a visit falling due: an email to the visitor of the child’s current match, linking to their visit form', async () => {
    const { notify, toVisitor, asked, sent } = setup(visitReminder, {
      channel: 'email',
      to: 'zara@example.com',
    });
    await notify();
    expect(asked).toEqual([CHILD, '01JVOLUNTEER0000000000000']);
    expect(toVisitor()).toEqual([
      expect.objectContaining({
        id: `${visitReminder.metadata.eventId}:independent-visitor`,
        kind: 'visit-due',
        channel: 'email',
        language: 'en',
        to: 'zara@example.com',
        personalisation: {
          due_date: '29 June 2026',
          link: 'https://iv.example.gov.uk/my-visits/01JCHILD0000000000000000/visit',
        },
      }),
    ]);
    // The coordinator's reminder still goes, as before.
    expect(sent.map((n) => n.role)).toEqual(['coordinator', 'independent-visitor']);
  });

  it('by text message in Welsh when the visitor asked for it; the date in Welsh', async () => {
    const { notify, toVisitor } = setup(visitReminder, {
      channel: 'sms',
      to: '07700 900123',
      language: 'cy',
    });
    await notify();
    expect(toVisitor()).toEqual([
      expect.objectContaining({ kind: 'visit-due', channel: 'sms', language: 'cy', to: '07700 900123' }),
    ]);
    expect(toVisitor()[0]!.personalisation.due_date).toBe('29 Mehefin 2026');
  });

  it('in the language of the LA’s country when the visitor has not said', async () => {
    const welsh = fact({ ...visitReminder, la: 'W06000015' });
    const { notify, toVisitor } = setup(welsh, { channel: 'email', to: 'zara@example.com' });
    await notify();
    expect(toVisitor()[0]!.language).toBe('cy');
  });

  it('tells no visitor of another duty, of a child with no current match, or when they cannot be reached', async () => {
    const review = fact({
      ...visitReminder,
      data: { ...(visitReminder.data as object), kind: 'match-review-due' },
    });
    const other = setup(review, { channel: 'email', to: 'zara@example.com' });
    await other.notify();
    expect(other.toVisitor()).toEqual([]);
    const unmatched = setup(visitReminder, { channel: 'email', to: 'zara@example.com' }, null);
    await unmatched.notify();
    expect(unmatched.toVisitor()).toEqual([]);
    const unreachable = setup(visitReminder, undefined);
    await unreachable.notify();
    expect(unreachable.toVisitor()).toEqual([]);
  });

  it('a visitor who cannot be looked up now holds back neither the team’s email nor, on the retry, their own', async () => {
    let keysUnavailable = true;
    const { notify, sent } = setup(visitReminder, async () => {
      if (keysUnavailable) throw new Error('the key service is not answering');
      return { channel: 'email', to: 'zara@example.com' };
    });
    await expect(notify()).rejects.toThrow('not answering');
    expect(sent.map((n) => n.role)).toEqual(['coordinator']);
    keysUnavailable = false;
    expect(await notify()).toEqual({ sent: 1, duplicates: 1 });
    expect(sent.map((n) => n.role)).toEqual(['coordinator', 'independent-visitor']);
  });

  it('sends the visitor’s message once, however often the fact is delivered', async () => {
    const { notify, toVisitor } = setup(visitReminder, { channel: 'email', to: 'zara@example.com' });
    await notify();
    expect(await notify()).toEqual({ sent: 0, duplicates: 2 });
    expect(toVisitor()).toHaveLength(1);
  });

  /*
   * The expense claims' decisions: ExpenseClaimApproved { claimId } and ExpenseClaimRejected { claimId, reason }
   * on the volunteer's stream. Built from the facts as they will be recorded, so only the events are missing.
   */
  const approved = fact({
    streamId: VOLUNTEER,
    type: 'ExpenseClaimApproved',
    data: { claimId: 'claim0001' },
  });
  const rejected = fact({
    streamId: VOLUNTEER,
    type: 'ExpenseClaimRejected',
    data: { claimId: 'claim0002', reason: 'The receipt is for a different day.' },
  });

  it('an expense claim approved: the volunteer whose stream it is, by email, linking to their claims', async () => {
    const { notify, toVisitor, asked } = setup(approved, { channel: 'email', to: 'zara@example.com' });
    await notify();
    expect(asked).toEqual(['01JVOLUNTEER0000000000000']);
    expect(toVisitor()).toEqual([
      expect.objectContaining({
        kind: 'expense-approved',
        channel: 'email',
        personalisation: { link: 'https://iv.example.gov.uk/my-visits/expenses' },
      }),
    ]);
  });

  it('an expense claim rejected: the reason by email, never by text message (free text could name the child)', async () => {
    const byEmail = setup(rejected, { channel: 'email', to: 'zara@example.com' });
    await byEmail.notify();
    expect(byEmail.toVisitor()[0]!.personalisation).toEqual({
      reason: 'The receipt is for a different day.',
      link: 'https://iv.example.gov.uk/my-visits/expenses',
    });
    const byText = setup(rejected, { channel: 'sms', to: '07700 900123', language: 'cy' });
    await byText.notify();
    expect(byText.toVisitor()[0]).toMatchObject({ kind: 'expense-rejected', channel: 'sms', language: 'cy' });
    expect(byText.toVisitor()[0]!.personalisation).toEqual({
      link: 'https://iv.example.gov.uk/my-visits/expenses',
    });
  });

  it('has, for every kind, an email and a text message in English and Welsh, each filled by its notice', () => {
    const kinds = [...new Set(Object.values(VISITOR_NOTICES).map((n) => n.kind))];
    expect(VISITOR_TEMPLATE_KEYS.sort()).toEqual(
      kinds.flatMap((k) => [k, `${k}:cy`, `${k}:sms`, `${k}:sms:cy`]).sort(),
    );
    for (const [type, notice] of Object.entries(VISITOR_NOTICES)) {
      const sample =
        type === 'ObligationReminderSent'
          ? visitReminder
          : type === 'ExpenseClaimApproved'
            ? approved
            : rejected;
      const given = Object.keys(notice.fields(sample, 'en', (path) => path));
      for (const channel of ['email', 'sms'] as const)
        for (const language of ['en', 'cy'] as const)
          expect(given, `${notice.kind} ${channel} ${language}`).toEqual(
            expect.arrayContaining(fieldsOf(visitorTemplate(notice.kind, language, channel))),
          );
    }
  });

  it('GOV.UK Notify gets a text message by the Welsh text template, asked after by its reference as a text', async () => {
    const { notify, toVisitor } = setup(visitReminder, {
      channel: 'sms',
      to: '07700 900123',
      language: 'cy',
    });
    await notify();
    const calls: unknown[][] = [];
    const sender = new NotifySender(
      {
        sendEmail: async () => {
          throw new Error('this visitor asked for text messages');
        },
        sendSms: async (...args: unknown[]) => calls.push(args),
        getNotifications: async (...args: unknown[]) => {
          calls.push(['asked', ...args]);
          return { data: { notifications: [] } };
        },
      },
      { 'visit-due:sms:cy': 'tmpl-visit-sms-cy' },
    );
    const message = toVisitor()[0]!;
    await sender.send(message);
    expect(await sender.alreadySent(message)).toBe(false);
    expect(calls).toEqual([
      [
        'tmpl-visit-sms-cy',
        '07700 900123',
        { personalisation: message.personalisation, reference: message.reference },
      ],
      ['asked', 'sms', undefined, message.reference],
    ]);
  });
});
