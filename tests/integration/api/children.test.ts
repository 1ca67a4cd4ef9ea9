import { describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { people, testApp } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';

const app = testApp();
const api = createApiHandler(app, { localSessionSecret: TEST_SECRET });
const json = (r: { body?: string }) => JSON.parse(r.body || '{}');
type Person = (typeof people)[keyof typeof people];

const newChild = {
  firstNames: 'Sam',
  lastName: 'Taylor',
  dateOfBirth: '2014-05-02',
  sex: 'female',
  ethnicity: 'WBRI',
  unaccompaniedAsylumSeeking: false,
  placementInLaArea: false,
  socialWorkerRef: 'social-worker-1',
  iroRef: 'iro-1',
};

async function enter(
  as: Person = people.coordinator,
  body: object = newChild,
  headers?: Record<string, string>,
) {
  return api(apiEvent('POST', '/api/children', { as, body, headers }));
}
const post = (childId: string, slug: string, as: Person, body: object = {}) =>
  api(apiEvent('POST', `/api/children/${childId}/${slug}`, { as, body }));
const get = (path: string, as: Person) => api(apiEvent('GET', path, { as }));

describe('the children API', () => {
  it('takes a child from entering care to a referral, and shows the journey', async () => {
    const entered = await enter();
    expect(entered.statusCode).toBe(201);
    const { childId } = json(entered);
    expect(entered.headers?.location).toBe(`/api/children/${childId}`);

    const before = json(await get(`/api/children/${childId}`, people.coordinator));
    expect(before.state.status).toBe('looked-after');
    expect(before.obligations.map((o: { kind: string }) => o.kind)).toContain('offer-iv-by-first-review');
    expect(before.nextActions).toEqual(expect.arrayContaining(['told', 'offer']));

    for (const [slug, body] of [
      ['told', {}],
      ['offer', {}],
      ['decision', { decision: 'accepted', sufficientUnderstanding: true }],
      ['referral', { interests: ['football'] }],
    ] as const) {
      const response = await post(childId, slug, people.coordinator, body);
      expect(response.statusCode, `${slug}: ${response.body}`).toBe(200);
    }
    const after = json(await get(`/api/children/${childId}`, people.coordinator));
    expect(after.version).toBe(5);
    expect(after.state.referral).toBeDefined();
    expect(after.obligations.map((o: { kind: string }) => o.kind)).not.toContain('offer-iv-by-first-review');

    const review = await post(childId, 'review', people.iro, {
      ivConsidered: true,
      outcome: 'referral-in-progress',
    });
    expect(review.statusCode).toBe(200);
    const timeline = json(await get(`/api/children/${childId}/timeline`, people.auditor));
    expect(timeline.map((e: { type: string }) => e.type)).toEqual([
      'ChildEnteredCare',
      'ChildToldOfEntitlement',
      'IndependentVisitorOffered',
      'ChildDecisionRecorded',
      'ReferredToIvService',
      'LookedAfterReviewHeld',
    ]);
    expect(timeline[5].actor).toEqual({ id: 'iro-1', role: 'iro', la: 'E09999001' });
  });

  it('names every bad field and writes nothing', async () => {
    const response = await enter(people.coordinator, {
      ...newChild,
      firstNames: 'Sam',
      lastName: 'Taylor',
      dateOfBirth: '2014-13-45',
      sex: 'x',
      iroRef: 'Jane Smith',
      extra: 1,
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(
      json(response)
        ['invalid-params'].map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['body', 'body.dateOfBirth', 'body.iroRef', 'body.sex'].sort());
  });

  it('refuses what the domain forbids with a sentence, and a late date without a reason', async () => {
    const { childId } = json(await enter());
    const decision = await post(childId, 'decision', people.coordinator, {
      decision: 'accepted',
      sufficientUnderstanding: true,
    });
    expect(decision.statusCode).toBe(409);
    expect(json(decision).detail).toMatch(/offer/i);
    const late = await post(childId, 'told', people.coordinator, { occurredOn: '2020-01-01' });
    expect(late.statusCode).toBe(422);
    expect(json(late).detail).toBe('A date in the past needs a reason for recording it late.');
    const future = await post(childId, 'told', people.coordinator, { occurredOn: '2049-01-01' });
    expect(future.statusCode).toBe(422);
    const absurd = await post(childId, 'told', people.coordinator, { occurredOn: '2099-01-01' });
    expect(absurd.statusCode).toBe(400);
    expect(json(await get(`/api/children/${childId}`, people.coordinator)).version).toBe(1);
  });

  it('lets a retried request with the same Idempotency-Key return the same child without writing again', async () => {
    const headers = { 'idempotency-key': `enter-${Date.now()}-a` };
    const first = json(await enter(people.coordinator, newChild, headers));
    const again = await enter(people.coordinator, newChild, headers);
    expect(again.statusCode).toBe(201);
    expect(json(again)).toEqual({ ...first, duplicate: true });
    const reused = await enter(people.coordinator, { ...newChild, sex: 'male' }, headers);
    expect(reused.statusCode).toBe(422);
  });

  it('keeps every child inside its local authority and every role to its permissions', async () => {
    const { childId } = json(await enter());
    expect((await get(`/api/children/${childId}`, people.otherCoordinator)).statusCode).toBe(404);
    expect((await post(childId, 'told', people.otherCoordinator)).statusCode).toBe(404);
    expect((await post(childId, 'told', people.auditor)).statusCode).toBe(403);
    expect(
      (await post(childId, 'review', people.coordinator, { ivConsidered: true, outcome: 'iv-to-be-offered' }))
        .statusCode,
    ).toBe(403);
    expect((await get(`/api/children/${childId}`, people.nationalAnalyst)).statusCode).toBe(403);
    expect((await enter(people.auditor)).statusCode).toBe(403);
    expect(json(await get(`/api/children/${childId}`, people.coordinator)).version).toBe(1);
  });

  it('publishes an OpenAPI document with every route', async () => {
    const response = await api(apiEvent('GET', '/api/openapi.json'));
    const doc = json(response);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/children', '/api/children/{childId}/visit']),
    );
  });
});
