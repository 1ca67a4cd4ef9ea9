import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import type { OutboxNotification } from '../../../adapters/notify/outbox';
import type { Principal } from '../../../application/access';
import { londonDateOf } from '../../../domain/calendar';
import { buildApp } from '../../../functions/composition';
import type { LocalRuntime } from '../../../infra/local/runtime';
import { testReceipts } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { LA, testRuntime } from '../../support/local-runtime';
import { JPEG, receipt, withMultipart } from '../../support/multipart';
import { vettingSteps } from '../../support/vetting';

/*
 * The decision on an expense claim, told to the Independent Visitor through the local system end to end: the
 * visitor claims with a receipt -> the coordinator approves or rejects -> the decision on the volunteer's stream ->
 * the bus -> the notifier, which reads the decision (and the rejection's reason, sealed as personal data) with the
 * volunteers' keys only -> the outbox. Zara wants emails in English; Rhodri text messages in Welsh, which never
 * carry the reason (free text that could name a child): they send him to sign in.
 */
const STARTS = new Date('2026-06-01T09:00:00.000Z');
const coordinator: Principal = { id: 'coordinator-1', name: 'Test Coordinator', role: 'coordinator', la: LA };

let rt: LocalRuntime;
let api: ReturnType<typeof createApiHandler>;
beforeAll(async () => {
  rt = await testRuntime({ clockStartsAt: STARTS });
  const app = buildApp({
    client: rt.dynamo,
    tables: rt.tables,
    now: () => rt.clock.now(),
    keys: rt.keys,
    receipts: testReceipts(),
  });
  api = createApiHandler(app, { localSessionSecret: TEST_SECRET });
});
afterAll(() => rt?.stop());

async function ok(response: ReturnType<typeof api>) {
  const r = await response;
  expect(r.statusCode, r.body).toBeLessThan(300);
  return JSON.parse(r.body || '{}');
}
const post = (path: string, body: object = {}) => ok(api(apiEvent('POST', path, { as: coordinator, body })));

/** An approved volunteer with their contact preferences, and a claim of theirs waiting for a decision. */
async function claimOf(profile: { name: string } & Record<string, string>) {
  const { volunteerId } = await post('/api/volunteers', profile);
  for (const [slug, body] of vettingSteps({ today: londonDateOf(STARTS), capacity: 2 }))
    await post(`/api/volunteers/${volunteerId}/${slug}`, body);
  const visitor: Principal = {
    id: `visitor-${volunteerId}`,
    name: profile.name,
    role: 'independent-visitor',
    la: LA,
    volunteerId,
  };
  const fields = {
    amount: '6.40',
    category: 'travel',
    spentOn: londonDateOf(STARTS),
    description: 'Bus to the park',
  };
  const { claimId } = await ok(
    api(withMultipart(apiEvent('POST', '/api/my/expenses', { as: visitor }), fields, [receipt(JPEG)])),
  );
  return { volunteerId: volunteerId as string, claimId: claimId as string };
}

const toVisitors = async () =>
  (await rt.outbox.list()).filter((n): n is OutboxNotification => n.role === 'independent-visitor');

describe('the decision on an expense claim, told to the Independent Visitor through the local outbox', () => {
  beforeAll(async () => {
    const zara = await claimOf({
      name: 'Zara Mensah',
      email: 'zara.mensah@example.com',
      contactChannel: 'email',
      correspondenceLanguage: 'en',
    });
    const rhodri = await claimOf({
      name: 'Rhodri Pugh',
      phone: '07700 900456',
      contactChannel: 'sms',
      correspondenceLanguage: 'cy',
    });
    await rt.settle();
    expect(await toVisitors()).toEqual([]); // a claim is not news for its own claimant
    await post(`/api/volunteers/${zara.volunteerId}/expenses/${zara.claimId}/rejection`, {
      rejectionReason: 'Please send the ticket, not the bank statement',
    });
    await post(`/api/volunteers/${rhodri.volunteerId}/expenses/${rhodri.claimId}/rejection`, {
      rejectionReason: 'The ticket is for another day',
    });
    await rt.settle();
  });

  it('emails Zara in English why her claim was not approved, linking to her claims', async () => {
    const [email] = await toVisitors();
    expect(email).toMatchObject({
      kind: 'expense-rejected',
      channel: 'email',
      language: 'en',
      to: 'zara.mensah@example.com',
      personalisation: {
        reason: 'Please send the ticket, not the bank statement',
        link: 'http://localhost:3000/my-visits/expenses',
      },
      message: {
        subject: 'Your expense claim was not approved',
        body: expect.stringContaining('Why: Please send the ticket, not the bank statement'),
      },
    });
  });

  it('texts Rhodri in Welsh that his claim was not approved, without the reason', async () => {
    const [text] = (await toVisitors()).filter((n) => n.to === '07700 900456');
    expect(text).toMatchObject({ kind: 'expense-rejected', channel: 'sms', language: 'cy' });
    expect(JSON.stringify([text!.personalisation, text!.message])).not.toContain('another day');
  });

  it('tells Zara once when a later claim is approved', async () => {
    const later = await claimOf({
      name: 'Zara Mensah',
      email: 'zara.mensah@example.com',
      contactChannel: 'email',
    });
    await post(`/api/volunteers/${later.volunteerId}/expenses/${later.claimId}/approval`);
    await rt.settle();
    await rt.settle();
    const approved = (await toVisitors()).filter((n) => n.kind === 'expense-approved');
    expect(approved).toHaveLength(1);
    expect(approved[0]!.message).toMatchObject({ subject: 'Your expense claim was approved' });
    expect(rt.deadLetters()).toEqual([]);
  });
});
