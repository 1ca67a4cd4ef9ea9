import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { createWebHandler } from '../../../adapters/web/app';
import { addDays, londonDateOf } from '../../../domain/calendar';
import { isolatedApp, people } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { vettingSteps } from '../../support/vetting';

/*
 * The pages without a browser: what a person without JavaScript gets from each GET, and where each form post
 * leads. Records are set up through the API, then used through the pages.
 */
// Tables of its own: the register is paged by name, so other tests' volunteers must not push these off its first page.
const { app } = await isolatedApp(`webvolunteers${Date.now()}`);
const auth = { localSessionSecret: TEST_SECRET };
const api = createApiHandler(app, auth);
const web = createWebHandler(app, auth);
type Person = (typeof people)[keyof typeof people];

const page = (path: string, as: Person = people.coordinator) => web(apiEvent('GET', path, { as }));
const postForm = (path: string, form: Record<string, string>, as: Person = people.coordinator) =>
  web(apiEvent('POST', path, { as, body: new URLSearchParams(form).toString() }));
const apiPost = async (path: string, body: object = {}) => {
  const response = await api(apiEvent('POST', path, { as: people.coordinator, body }));
  expect(response.statusCode, response.body).toBeLessThan(300);
  return JSON.parse(response.body || '{}');
};

const today = londonDateOf(new Date());
async function approvedVolunteer(): Promise<string> {
  const { volunteerId } = await apiPost('/api/volunteers', { name: 'Alex Morgan' });
  for (const [slug, body] of vettingSteps({
    today,
    dbs: { level: 'enhanced', issuedOn: addDays(today, -10) },
  }))
    await apiPost(`/api/volunteers/${volunteerId}/${slug}`, body);
  return volunteerId;
}
async function referredChild(): Promise<string> {
  const { childId } = await apiPost('/api/children', {
    firstNames: 'Sam',
    lastName: 'Taylor',
    dateOfBirth: '2013-09-09',
    sex: 'female',
    ethnicity: 'MWBC',
    unaccompaniedAsylumSeeking: false,
    placementInLaArea: false,
    socialWorkerRef: 'social-worker-1',
    iroRef: 'iro-1',
  });
  await apiPost(`/api/children/${childId}/offer`);
  await apiPost(`/api/children/${childId}/decision`, { decision: 'accepted', sufficientUnderstanding: true });
  await apiPost(`/api/children/${childId}/referral`, { interests: ['climbing'], needs: ['bsl-signer'] });
  return childId;
}

describe('the volunteer pages', () => {
  it('registers a volunteer from the form and shows their record with the forms that come next', async () => {
    const registered = await postForm('/volunteers', { formKey: `form-${ulid()}`, name: 'Alex Morgan' });
    expect(registered.statusCode).toBe(303);
    const location = String(registered.headers?.location);
    expect(location).toMatch(/^\/volunteers\/[0-9A-Z]{26}$/);

    const record = await page(location);
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain(
      'Test Coordinator recorded Alex Morgan’s application to be an Independent Visitor.',
    );
    expect(record.body).toContain(`href="${location}/dbs-check"`);

    const wrong = await postForm(`${location}/dbs-check`, { certificateNumber: '12' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('There is a problem');
    expect(wrong.body).toContain(
      'Certificate number must be the 12 digits printed on the certificate, for example 0012 3456 7890',
    );

    const register = await page('/volunteers');
    expect(register.statusCode).toBe(200);
    expect(register.body).toContain(`href="${location}"`);
    expect(register.body).toContain('Applied');
  });

  it('keeps another LA’s volunteers and the register from people who may not see them', async () => {
    const { volunteerId } = await apiPost('/api/volunteers', { name: 'Alex Morgan' });
    expect((await page(`/volunteers/${volunteerId}`, people.otherCoordinator)).statusCode).toBe(404);
    expect((await page('/volunteers', people.socialWorker)).statusCode).toBe(403);
    expect((await postForm('/volunteers', {}, people.auditor)).statusCode).toBe(403);
  });

  it('matches a child with a suggested volunteer from the matching page, without JavaScript', async () => {
    const childId = await referredChild();
    const volunteerId = await approvedVolunteer();
    const unapproved = (await apiPost('/api/volunteers', { name: 'Alex Morgan' })).volunteerId;

    const matching = await page(`/children/${childId}/match`);
    expect(matching.statusCode).toBe(200);
    expect(matching.body).toContain('Climbing');
    expect(matching.body).toContain('BSL signer');
    expect(matching.body).toContain(`value="${volunteerId}"`);
    expect(matching.body).not.toContain(`value="${unapproved}"`);
    expect(matching.body).toContain('This volunteer has not been approved as an Independent Visitor.');

    const unchosen = await postForm(`/children/${childId}/match`, { formKey: `form-${ulid()}` });
    expect(unchosen.statusCode).toBe(400);
    expect(unchosen.body).toContain('Select a volunteer');

    const refused = await postForm(`/children/${childId}/match`, {
      volunteerId: unapproved,
      confirmed: 'yes',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('This volunteer has not been approved as an Independent Visitor.');

    // A match cannot be undone: the answers are checked first, and nothing is written until they are confirmed.
    const formKey = `form-${ulid()}`;
    const check = await postForm(`/children/${childId}/match`, { volunteerId, formKey });
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('Check the match before recording it');
    expect(check.body).toContain(`name="formKey" value="${formKey}"`);
    expect((await page(`/children/${childId}/match`)).body).not.toContain(
      'already has an Independent Visitor',
    );

    const made = await postForm(`/children/${childId}/match`, { volunteerId, formKey, confirmed: 'yes' });
    expect(made.statusCode).toBe(303);
    expect(made.headers?.location).toBe(`/children/${childId}`);
    expect(made.cookies?.join(';')).toContain('iv_flash=');

    const after = await page(`/children/${childId}/match`);
    expect(after.body).toContain('This child already has an Independent Visitor');
    const volunteerPage = await page(`/volunteers/${volunteerId}`);
    expect(volunteerPage.body).toContain(`href="/children/${childId}"`);
  });
});
