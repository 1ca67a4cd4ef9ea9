import { describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { addDays, addYears, londonDateOf } from '../../../domain/calendar';
import { people, testApp } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { vettingSteps } from '../../support/vetting';

/** Finding 4 and the free-text part of finding 9 of issue 19: absurd dates and hidden characters never get in. */
const app = testApp();
const api = createApiHandler(app, { localSessionSecret: TEST_SECRET });
const json = (r: { body?: string }) => JSON.parse(r.body || '{}');
const today = londonDateOf(new Date());
const post = (path: string, body: object = {}) =>
  api(apiEvent('POST', path, { as: people.coordinator, body }));
const get = (path: string) => api(apiEvent('GET', path, { as: people.coordinator }));
const ok = async (response: Promise<{ statusCode?: number; body?: string }>) => {
  const r = await response;
  expect(r.statusCode, r.body).toBeLessThan(300);
  return json(r);
};
const versionOf = async (path: string) => json(await get(path)).version as number;

const dbs = (issuedOn = addDays(today, -30), updateServiceSubscribed = false) => ({
  level: 'enhanced-with-childrens-barred-list',
  certificateNumber: '001234567890',
  issuedOn,
  updateServiceSubscribed,
});

async function approvedVolunteer(): Promise<string> {
  const { volunteerId } = await ok(post('/api/volunteers', { name: 'Alex Morgan' }));
  for (const [slug, body] of vettingSteps({ today, dbs: dbs() }))
    await ok(post(`/api/volunteers/${volunteerId}/${slug}`, body));
  return volunteerId;
}

async function matchedChild(): Promise<string> {
  const { childId } = await ok(
    post('/api/children', {
      firstNames: 'Sam',
      lastName: 'Taylor',
      dateOfBirth: '2014-05-02',
      sex: 'female',
      ethnicity: 'WBRI',
      unaccompaniedAsylumSeeking: false,
      placementInLaArea: true,
      socialWorkerRef: 'social-worker-1',
      iroRef: 'iro-1',
    }),
  );
  await ok(post(`/api/children/${childId}/offer`));
  await ok(
    post(`/api/children/${childId}/decision`, { decision: 'accepted', sufficientUnderstanding: true }),
  );
  await ok(post(`/api/children/${childId}/referral`, { interests: ['football'] }));
  await ok(post(`/api/children/${childId}/match`, { volunteerId: await approvedVolunteer() }));
  return childId;
}

describe('dates', () => {
  it('refuses dates in the years 0001 and 1900 on every kind of volunteer record, naming the field', async () => {
    const { volunteerId } = await ok(post('/api/volunteers', { name: 'Alex Morgan' }));
    const path = `/api/volunteers/${volunteerId}`;
    const before = await versionOf(path);
    const late = { reason: 'Found on file' };
    for (const [slug, body, field] of [
      ['', { occurredOn: '0001-01-01', ...late }, 'occurredOn'],
      [
        '/reference',
        { referenceId: 'r', satisfactory: true, occurredOn: '1900-01-01', ...late },
        'occurredOn',
      ],
      ['/dbs-check', dbs('0001-01-01'), 'issuedOn'],
      ['/dbs-check', dbs('1900-06-30', true), 'issuedOn'],
      ['/training', { course: 'iv-induction', occurredOn: '1900-01-01', ...late }, 'occurredOn'],
      ['/pause', { pauseReason: 'work', occurredOn: '0001-01-01', ...late }, 'occurredOn'],
      ['/suspension', { suspensionReason: 'conduct', occurredOn: '1900-01-01', ...late }, 'occurredOn'],
    ] as const) {
      const response = await post(
        slug ? `${path}${slug}` : '/api/volunteers',
        slug ? body : { name: 'Alex Morgan', ...body },
      );
      expect(response.statusCode, `${slug} ${response.body}`).toBe(400);
      expect(json(response)['invalid-params']).toContainEqual({
        name: `body.${field}`,
        // The GOV.UK message names the field: "Date it happened must be a date from 2000 to 2050".
        reason: expect.stringMatching(/ must be a date from 2000 to 2050$/),
      });
    }
    expect(await versionOf(path)).toBe(before);
  });

  it('refuses a DBS check that had already lapsed, so it can never set off a reminder, a miss and an escalation at once', async () => {
    const { volunteerId } = await ok(post('/api/volunteers', { name: 'Alex Morgan' }));
    const response = await post(`/api/volunteers/${volunteerId}/dbs-check`, dbs(addYears(today, -4)));
    expect(response.statusCode).toBe(422);
    expect(json(response).detail).toMatch(/stopped standing on .* record a newer check/);
    const view = json(await get(`/api/volunteers/${volunteerId}`));
    expect(view.state.dbs).toBeUndefined();
  });

  it('refuses a date before the volunteer applied', async () => {
    const { volunteerId } = await ok(
      post('/api/volunteers', { name: 'Alex Morgan', occurredOn: addDays(today, -10), reason: 'Paper form' }),
    );
    const response = await post(`/api/volunteers/${volunteerId}/training`, {
      course: 'iv-induction',
      occurredOn: addDays(today, -20),
      reason: 'Paper form',
    });
    expect(response.statusCode).toBe(422);
    expect(json(response).detail).toBe('That date is before the volunteer applied.');
  });

  it('refuses a written notice in the year 9999, in the future or before the appointment, and the match stands', async () => {
    const childId = await matchedChild();
    const path = `/api/children/${childId}`;
    const resign = (writtenNoticeOn: string) => post(`${path}/iv-resignation`, { writtenNoticeOn });

    const absurd = await resign('9999-12-31');
    expect(absurd.statusCode).toBe(400);
    expect(json(absurd)['invalid-params'][0].name).toBe('body.writtenNoticeOn');

    const future = await resign(addDays(today, 1));
    expect(future.statusCode).toBe(422);
    expect(json(future).detail).toMatch(/The date of the written notice is in the future/);

    const early = await post(`${path}/termination`, {
      writtenNoticeOn: addDays(today, -3),
      terminationReason: 'not-working',
    });
    expect(early.statusCode, early.body).toBe(422);
    expect(json(early).detail).toMatch(
      /^The written notice is dated before the appointment began on \d+ \w+ \d{4}\.$/,
    );

    expect(json(await get(path)).state.relationship).toBeDefined();
    expect((await resign(today)).statusCode).toBe(200);
    expect(json(await get(path)).state.relationship).toBeUndefined();
  });
});

describe('free text', () => {
  it('refuses NUL, other controls, bidi overrides and lone surrogates, naming the field, and writes nothing', async () => {
    const { volunteerId } = await ok(post('/api/volunteers', { name: 'Alex Morgan' }));
    const path = `/api/volunteers/${volunteerId}`;
    const before = await versionOf(path);
    for (const reason of [
      'late\u0000',
      'late\u0007entry',
      'paid \u202Eeulb',
      'isolate \u2066x\u2069',
      'half \ud800',
    ]) {
      const response = await post(`${path}/training`, {
        course: 'iv-induction',
        occurredOn: addDays(today, -1),
        reason,
      });
      expect(response.statusCode, JSON.stringify(reason)).toBe(400);
      expect(json(response)['invalid-params']).toEqual([
        { name: 'body.reason', reason: expect.stringMatching(/^must be plain text/) },
      ]);
    }
    expect(await versionOf(path)).toBe(before);
  });

  it('keeps line breaks in text of several lines and stores every text in one Unicode form (NFC)', async () => {
    const { volunteerId } = await ok(
      post('/api/volunteers', { name: 'Alex Morgan', occurredOn: addDays(today, -2), reason: 'Paper form' }),
    );
    const path = `/api/volunteers/${volunteerId}`;
    await ok(
      post(`${path}/training`, {
        course: 'iv-induction',
        occurredOn: addDays(today, -1),
        reason: 'Cafe\u0301 meeting:\nform found later',
      }),
    );
    const timeline = json(await get(`${path}/timeline`));
    expect(timeline.at(-1).reason).toBe('Caf\u00e9 meeting:\nform found later');
  });
});

describe('nothing to work from', () => {
  it('answers a what-if for a local authority with no children looked after with a 422 sentence, not a 500', async () => {
    const manager = { ...people.manager, la: 'E09999777' };
    const response = await api(apiEvent('GET', '/api/reports/what-if', { as: manager }));
    expect(response.statusCode).toBe(422);
    expect(json(response).detail).toBe(
      'There are no children looked after in your records today, so there is nothing to project from.',
    );
  });
});
