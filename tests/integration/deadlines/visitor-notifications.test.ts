import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { StaticStaffDirectory } from '../../../adapters/directory/static-directory';
import type { OutboxNotification } from '../../../adapters/notify/outbox';
import type { Principal } from '../../../application/access';
import { londonDateOf } from '../../../domain/calendar';
import { buildApp } from '../../../functions/composition';
import type { LocalRuntime } from '../../../infra/local/runtime';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { LA, testRuntime } from '../../support/local-runtime';
import { vettingSteps } from '../../support/vetting';

/*
 * A visit falling due, told to the Independent Visitor through the local system end to end: the child's visit-overdue
 * duty -> its deadline workflow -> the reminder on the child's stream -> the bus -> the notifier, which finds the
 * child's visitor from the stored match and their contact details from their record -> the outbox, where each
 * message is rendered as Notify would send it. Zara wants emails in English; Rhodri text messages in Welsh.
 * Matched on Monday 1 June 2026, a visit is overdue 42 days later, on 13 July; the reminder goes 5 working days
 * before, on Monday 6 July at 09:00 London time.
 */
const STARTS = new Date('2026-06-01T09:00:00.000Z');
const coordinator: Principal = { id: 'coordinator-1', name: 'Test Coordinator', role: 'coordinator', la: LA };

let rt: LocalRuntime;
let post: (path: string, body?: object) => Promise<Record<string, string>>;
beforeAll(async () => {
  rt = await testRuntime({ clockStartsAt: STARTS });
  const app = buildApp({
    client: rt.dynamo,
    tables: rt.tables,
    now: () => rt.clock.now(),
    keys: rt.keys,
    staff: new StaticStaffDirectory([
      { id: 'social-worker-1', name: 'Dorcas Pengelly', role: 'social-worker', la: LA },
      { id: 'iro-1', name: 'Ambrose Tilling', role: 'iro', la: LA },
    ]),
  });
  const api = createApiHandler(app, { localSessionSecret: TEST_SECRET });
  post = async (path, body = {}) => {
    const r = await api(apiEvent('POST', path, { as: coordinator, body }));
    expect(r.statusCode, r.body).toBeLessThan(300);
    return JSON.parse(r.body || '{}');
  };
});
afterAll(() => rt?.stop());

async function approvedVolunteer(profile: object) {
  const { volunteerId } = await post('/api/volunteers', profile);
  for (const [slug, body] of vettingSteps({ today: londonDateOf(STARTS), capacity: 2 }))
    await post(`/api/volunteers/${volunteerId}/${slug}`, body);
  return volunteerId!;
}

async function matchedChild(volunteerId: string, firstNames: string, preferredName: string) {
  const { childId } = await post('/api/children', {
    firstNames,
    lastName: 'Okonkwo',
    preferredName,
    placementArea: 'Millbrook',
    dateOfBirth: '2014-05-02',
    sex: 'male',
    ethnicity: 'WBRI',
    unaccompaniedAsylumSeeking: false,
    placementInLaArea: true,
    socialWorkerRef: 'social-worker-1',
    iroRef: 'iro-1',
  });
  await post(`/api/children/${childId}/offer`);
  await post(`/api/children/${childId}/decision`, { decision: 'accepted', sufficientUnderstanding: true });
  await post(`/api/children/${childId}/referral`, { interests: ['football'] });
  await post(`/api/children/${childId}/match`, { volunteerId });
  return childId!;
}

const toVisitors = async () =>
  (await rt.outbox.list()).filter((n): n is OutboxNotification => n.role === 'independent-visitor');

describe('a visit falling due, told to the Independent Visitor through the local outbox', () => {
  let jamie: string;
  let dafydd: string;
  beforeAll(async () => {
    const zara = await approvedVolunteer({
      name: 'Zara Mensah',
      email: 'zara.mensah@example.com',
      contactChannel: 'email',
      correspondenceLanguage: 'en',
    });
    const rhodri = await approvedVolunteer({
      name: 'Rhodri Pugh',
      phone: '07700 900456',
      contactChannel: 'sms',
      correspondenceLanguage: 'cy',
    });
    jamie = await matchedChild(zara, 'Jamie', 'Jay');
    dafydd = await matchedChild(rhodri, 'Dafydd', 'Dai');
    await rt.settle();
    expect(await toVisitors()).toEqual([]);
    await rt.advance('34d'); // Saturday 4 July: not yet
    expect(await toVisitors()).toEqual([]);
    await rt.advance('3d'); // Tuesday 7 July: the reminders went on Monday morning
  });

  it('emails Zara in English, by the English email template, linking to the visit form', async () => {
    const [email] = (await toVisitors()).filter((n) => n.to === 'zara.mensah@example.com');
    expect(email).toMatchObject({
      kind: 'visit-due',
      channel: 'email',
      language: 'en',
      personalisation: { due_date: '13 July 2026', link: `http://localhost:3000/my-visits/${jamie}/visit` },
      message: {
        subject: 'Your next visit is due by 13 July 2026',
        body: expect.stringContaining(`record it here: http://localhost:3000/my-visits/${jamie}/visit`),
      },
    });
  });

  it('texts Rhodri in Welsh, by the Welsh text template', async () => {
    const [text] = (await toVisitors()).filter((n) => n.to === '07700 900456');
    expect(text).toMatchObject({
      kind: 'visit-due',
      channel: 'sms',
      language: 'cy',
      personalisation: {
        due_date: '13 Gorffennaf 2026',
        link: `http://localhost:3000/my-visits/${dafydd}/visit`,
      },
      message: {
        body: `Ymwelwyr Annibynnol: mae eich ymweliad nesaf yn ddyledus erbyn 13 Gorffennaf 2026. Cofnodwch yr ymweliad ar ôl bod: http://localhost:3000/my-visits/${dafydd}/visit`,
      },
    });
    expect(text!.message!.subject).toBeUndefined();
  });

  it('never names the child in a text message (nor in an email), neither in its fields nor in its words', async () => {
    const messages = await toVisitors();
    expect(messages.map((n) => n.channel).sort()).toEqual(['email', 'sms']);
    for (const n of messages) {
      const rendered = JSON.stringify([n.personalisation, n.message]);
      expect(rendered).not.toMatch(/Jamie|Jay|Dafydd|Dai|Okonkwo|Millbrook|2014/);
    }
  });

  it('keeps the team’s reminders as they were, and tells each visitor once', async () => {
    await rt.advance('1d');
    expect((await toVisitors()).length).toBe(2);
    expect(rt.deadLetters()).toEqual([]);
  });
});
