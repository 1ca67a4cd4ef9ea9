import { describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { createWebHandler } from '../../../adapters/web/app';
import { people, testApp } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';

/* A record's Personal data page and its forms, without a browser, for a made-up child. */
const app = testApp();
const auth = { localSessionSecret: TEST_SECRET };
const api = createApiHandler(app, auth);
const web = createWebHandler(app, auth);
type Person = (typeof people)[keyof typeof people];

const page = (path: string, as: Person = people.manager) => web(apiEvent('GET', path, { as }));
const postForm = (path: string, form: Record<string, string>, as: Person = people.manager) =>
  web(apiEvent('POST', path, { as, body: new URLSearchParams(form).toString() }));

async function child(): Promise<string> {
  const r = await api(
    apiEvent('POST', '/api/children', {
      as: people.coordinator,
      body: {
        firstNames: 'Idris',
        lastName: 'Penhallow',
        dateOfBirth: '2015-10-03',
        sex: 'male',
        ethnicity: 'AIND',
        unaccompaniedAsylumSeeking: false,
        placementInLaArea: true,
        socialWorkerRef: 'social-worker-1',
        iroRef: 'iro-1',
      },
    }),
  );
  return JSON.parse(r.body!).childId;
}

describe('the Personal data pages', () => {
  it('show the retention date on the record and its page, and place, list and lift a legal hold', async () => {
    const childId = await child();
    expect((await page(`/children/${childId}`, people.coordinator)).body).toContain(
      'Kept until 3 October 2090',
    );
    const overview = (await page(`/children/${childId}/personal-data`)).body!;
    expect(overview).toContain('3 October 2090, under Care Planning, Placement and Case Review');
    expect(overview).toContain('Place a legal hold');
    expect(overview).toContain('Make a subject access copy');
    // Those who may not manage it see neither form.
    const coordinators = (await page(`/children/${childId}/personal-data`, people.coordinator)).body!;
    expect(coordinators).not.toContain('Place a legal hold');
    expect((await page(`/children/${childId}/personal-data/holds`, people.coordinator)).statusCode).toBe(403);

    expect((await page(`/children/${childId}/personal-data/holds`)).statusCode).toBe(200);
    const empty = await postForm(`/children/${childId}/personal-data/holds`, { reason: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter why the record must be kept');
    const placed = await postForm(`/children/${childId}/personal-data/holds`, { reason: 'Claim 2026/77' });
    expect(placed.statusCode).toBe(303);
    const held = (await page(`/children/${childId}/personal-data`)).body!;
    expect(held).toContain('Claim 2026/77');
    expect(held).not.toContain('Erase this person');

    expect((await page(`/children/${childId}/personal-data/holds/hold-1/lift`)).statusCode).toBe(200);
    const lifted = await postForm(`/children/${childId}/personal-data/holds/hold-1/lift`, {
      reason: 'Settled',
    });
    expect(lifted.statusCode).toBe(303);
    expect((await page(`/children/${childId}/personal-data`)).body).toContain('Erase this person');
  });

  it('erase only once confirmed, then show the record as erased', async () => {
    const childId = await child();
    expect((await page(`/children/${childId}/personal-data/erase`)).statusCode).toBe(200);
    const form = { basis: 'erasure-request', reason: 'Request ERQ-31' };
    const unconfirmed = await postForm(`/children/${childId}/personal-data/erase`, {
      ...form,
      confirm: 'no',
    });
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.body).toContain('Nothing was erased');
    const erased = await postForm(`/children/${childId}/personal-data/erase`, { ...form, confirm: 'yes' });
    expect(erased.statusCode).toBe(303);
    expect((await page(`/children/${childId}/personal-data`)).body).toContain(
      'every personal detail now reads as erased',
    );
    const record = (await page(`/children/${childId}`, people.coordinator)).body!;
    expect(record).toMatch(/Age[\s\S]*?Erased/);
    expect(record).not.toContain('3 October 2015');
  });
});
