import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { addDays, londonDateOf } from '../../../domain/calendar';
import { NORTHVALE, people, testApp } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';

const app = testApp();
const api = createApiHandler(app, { localSessionSecret: TEST_SECRET });
const json = (r: { body?: string }) => JSON.parse(r.body || '{}');
type Person = (typeof people)[keyof typeof people];

const today = londonDateOf(new Date());
const post = (path: string, as: Person, body: object = {}, headers?: Record<string, string>) =>
  api(apiEvent('POST', path, { as, body, headers }));
const get = (path: string, as: Person = people.coordinator) => api(apiEvent('GET', path, { as }));
const ok = async (response: Promise<{ statusCode?: number; body?: string }>) => {
  const r = await response;
  expect(r.statusCode, r.body).toBeLessThan(300);
  return json(r);
};

const dbs = (overrides: object = {}) => ({
  level: 'enhanced-with-childrens-barred-list',
  certificateNumber: '001234567890',
  issuedOn: addDays(today, -30),
  updateServiceSubscribed: false,
  ...overrides,
});

async function applied(as: Person = people.coordinator): Promise<string> {
  return (await ok(post('/api/volunteers', as, { name: 'Alex Morgan' }))).volunteerId;
}
const record = (volunteerId: string, slug: string, body: object = {}, as: Person = people.coordinator) =>
  post(`/api/volunteers/${volunteerId}/${slug}`, as, body);

/** A volunteer through vetting and approval by the API, the way a coordinator would record it. */
async function approved(options: { capacity?: number; dbs?: object } = {}): Promise<string> {
  const id = await applied();
  for (const [slug, body] of [
    ['reference', { referenceId: 'ref-1', satisfactory: true }],
    ['reference', { referenceId: 'ref-2', satisfactory: true }],
    ['dbs-check', dbs(options.dbs)],
    ['training', { course: 'iv-induction' }],
    [
      'independence',
      {
        wordingVersion: '2026-01',
        electedMemberOfLa: false,
        employeeOfLa: false,
        relativeOrHouseholdMemberOfEither: false,
      },
    ],
    ['approval', options.capacity ? { capacity: options.capacity } : {}],
  ] as const)
    await ok(record(id, slug, body));
  return id;
}

const newChild = {
  firstNames: 'Sam',
  lastName: 'Taylor',
  dateOfBirth: '2014-05-02',
  sex: 'male',
  ethnicity: 'WBRI',
  unaccompaniedAsylumSeeking: false,
  placementInLaArea: true,
  socialWorkerRef: 'social-worker-1',
  iroRef: 'iro-1',
};
/** A child in care taken as far as `until` in the journey. */
async function child(until: 'entered' | 'referred' | 'objected' = 'referred'): Promise<string> {
  const { childId } = await ok(post('/api/children', people.coordinator, newChild));
  if (until === 'entered') return childId;
  await ok(post(`/api/children/${childId}/offer`, people.coordinator));
  if (until === 'objected') {
    await ok(
      post(`/api/children/${childId}/decision`, people.coordinator, {
        decision: 'objected',
        sufficientUnderstanding: true,
      }),
    );
    return childId;
  }
  await ok(
    post(`/api/children/${childId}/decision`, people.coordinator, {
      decision: 'accepted',
      sufficientUnderstanding: true,
    }),
  );
  await ok(
    post(`/api/children/${childId}/referral`, people.coordinator, {
      interests: ['football', 'drawing'],
      needs: ['bsl-signer'],
    }),
  );
  return childId;
}

const match = (childId: string, volunteerId: string, as: Person = people.coordinator, headers?: object) =>
  post(`/api/children/${childId}/match`, as, { volunteerId }, headers as Record<string, string>);
const versions = async (childId: string, volunteerId: string) => ({
  child: json(await get(`/api/children/${childId}`)).version,
  volunteer: json(await get(`/api/volunteers/${volunteerId}`)).version,
});

/** The match is refused with a 409 naming the rule in words, and neither record moves. */
async function expectRefused(childId: string, volunteerId: string, detail: RegExp) {
  const before = await versions(childId, volunteerId);
  const response = await match(childId, volunteerId);
  expect(response.statusCode, response.body).toBe(409);
  expect(json(response).detail).toMatch(detail);
  expect(await versions(childId, volunteerId)).toEqual(before);
}

describe('the volunteer register API', () => {
  it('takes a volunteer from application through every action, and shows the record and its history', async () => {
    const created = await post('/api/volunteers', people.coordinator, { name: 'Alex Morgan' });
    expect(created.statusCode).toBe(201);
    const { volunteerId } = json(created);
    expect(created.headers?.location).toBe(`/api/volunteers/${volunteerId}`);
    const fresh = json(await get(`/api/volunteers/${volunteerId}`));
    expect(fresh.summary).toMatchObject({ status: 'applied', dbs: 'none', activeMatches: 0 });
    expect(fresh.nextActions).toEqual(expect.arrayContaining(['reference', 'dbs-check', 'approval']));

    const steps: Array<[string, object]> = [
      ['reference', { referenceId: 'ref-1', satisfactory: true }],
      ['reference', { referenceId: 'ref-2', satisfactory: true }],
      ['dbs-check', dbs({ updateServiceSubscribed: true })],
      ['training', { course: 'iv-induction' }],
      [
        'independence',
        {
          wordingVersion: '2026-01',
          electedMemberOfLa: false,
          employeeOfLa: false,
          relativeOrHouseholdMemberOfEither: false,
        },
      ],
      ['approval', { capacity: 2 }],
      ['capacity', { capacity: 3 }],
      ['update-service-check', { result: 'no-change' }],
      ['dbs-renewal', dbs({ certificateNumber: '009876543210', issuedOn: addDays(today, -2) })],
      ['supervision', {}],
      ['pause', { pauseReason: 'health' }],
      ['resumption', {}],
      ['suspension', { suspensionReason: 'conduct' }],
      ['suspension-lift', {}],
      ['withdrawal', { withdrawalReason: 'own-choice' }],
    ];
    for (const [slug, body] of steps) {
      const response = await record(volunteerId, slug, body);
      expect(response.statusCode, `${slug}: ${response.body}`).toBe(200);
      if (slug === 'capacity') {
        const view = json(await get(`/api/volunteers/${volunteerId}`));
        expect(view.summary).toMatchObject({ status: 'approved', capacity: 3, dbs: 'valid' });
        expect(view.state.independenceDeclared).toBe(true);
      }
    }
    const timeline = json(await get(`/api/volunteers/${volunteerId}/timeline`, people.auditor));
    expect(timeline.map((e: { type: string }) => e.type)).toEqual([
      'VolunteerApplied',
      'VolunteerReferenceReceived',
      'VolunteerReferenceReceived',
      'DbsCheckRecorded',
      'VolunteerTrainingCompleted',
      'IndependenceDeclared',
      'VolunteerApproved',
      'VolunteerCapacityChanged',
      'DbsUpdateServiceChecked',
      'DbsCheckRenewed',
      'SupervisionSessionHeld',
      'VolunteerPaused',
      'VolunteerResumed',
      'VolunteerSuspended',
      'VolunteerSuspensionLifted',
      'VolunteerWithdrew',
    ]);
    expect(timeline[5].data.wordingVersion).toBe('2026-01');
    expect(timeline[9].data).toEqual({
      level: 'enhanced-with-childrens-barred-list',
      certificateNumber: '009876543210',
      issuedOn: addDays(today, -2),
      updateServiceSubscribed: false,
    });
    const withdrawn = json(await get(`/api/volunteers/${volunteerId}`));
    expect(withdrawn.summary.status).toBe('withdrawn');
    expect(withdrawn.nextActions).toEqual([]);
  });

  it('lists the LA’s register with status, capacity in use and DBS validity (renew soon, no longer standing), and nothing of another LA', async () => {
    const ready = await approved({ capacity: 2 });
    const waiting = await applied();
    // About 35 months old under a 36-month re-check: inside the reminder period before it stops standing.
    const ageing = await approved({ dbs: { issuedOn: addDays(today, -1050) } });
    const flagged = await approved({ dbs: { updateServiceSubscribed: true } });
    await ok(record(flagged, 'update-service-check', { result: 'new-information' }));
    const elsewhere = await applied(people.otherCoordinator);
    const register = json(await get('/api/volunteers'));
    const row = (id: string) => register.find((r: { volunteerId: string }) => r.volunteerId === id);
    expect(row(ready)).toEqual({
      volunteerId: ready,
      name: 'Alex Morgan',
      status: 'approved',
      capacity: 2,
      activeMatches: 0,
      dbsValidUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      dbs: 'valid',
    });
    expect(row(waiting)).toMatchObject({ status: 'applied', dbs: 'none' });
    expect(row(ageing)).toMatchObject({ status: 'approved', dbs: 'renew-soon' });
    expect(row(flagged)).toMatchObject({ status: 'approved', dbs: 'expired' });
    expect(row(flagged).dbsValidUntil).toBeUndefined();
    expect(row(elsewhere)).toBeUndefined();
    const theirs = json(await get('/api/volunteers', people.otherCoordinator));
    expect(theirs.map((r: { volunteerId: string }) => r.volunteerId)).toContain(elsewhere);
    expect(theirs.map((r: { volunteerId: string }) => r.volunteerId)).not.toContain(ready);
  });

  it('names every bad field and writes nothing', async () => {
    const id = await applied();
    const response = await record(id, 'dbs-check', {
      level: 'basic',
      certificateNumber: '12345',
      updateServiceSubscribed: 'yes',
      certificate: 'scan.pdf',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(
      json(response)
        ['invalid-params'].map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(
      [
        'body',
        'body.level',
        'body.certificateNumber',
        'body.issuedOn',
        'body.updateServiceSubscribed',
      ].sort(),
    );
    const capacity = await record(id, 'approval', { capacity: 11 });
    expect(json(capacity)['invalid-params']).toEqual([{ name: 'body.capacity', reason: expect.any(String) }]);
    const badMatch = await post(`/api/children/${ulid()}/match`, people.coordinator, { volunteerId: 'a b' });
    expect(badMatch.statusCode).toBe(400);
    expect(json(badMatch)['invalid-params'].map((p: { name: string }) => p.name)).toEqual([
      'body.volunteerId',
    ]);
    expect(json(await get(`/api/volunteers/${id}`)).version).toBe(1);
  });

  it('refuses what the domain forbids with a sentence', async () => {
    const id = await applied();
    const early = await record(id, 'approval');
    expect(early.statusCode).toBe(409);
    expect(json(early).detail).toMatch(/2 satisfactory references/);
    const future = await record(id, 'dbs-check', dbs({ issuedOn: addDays(today, 3) }));
    expect(future.statusCode).toBe(422);
    expect(json(future).detail).toBe('The DBS certificate cannot be issued in the future.');
    expect(json(await get(`/api/volunteers/${id}`)).version).toBe(1);
  });

  it('keeps every volunteer inside its local authority and every role to its permissions', async () => {
    const id = await applied();
    expect((await get(`/api/volunteers/${id}`, people.otherCoordinator)).statusCode).toBe(404);
    expect((await get(`/api/volunteers/${id}/timeline`, people.otherCoordinator)).statusCode).toBe(404);
    expect(
      (await record(id, 'training', { course: 'iv-induction' }, people.otherCoordinator)).statusCode,
    ).toBe(404);
    // A volunteer that does not exist looks the same as one of another LA.
    expect((await get(`/api/volunteers/${ulid()}`)).statusCode).toBe(404);
    expect((await record(ulid(), 'training', { course: 'iv-induction' })).statusCode).toBe(404);

    expect((await post('/api/volunteers', people.auditor)).statusCode).toBe(403);
    expect((await post('/api/volunteers', people.socialWorker)).statusCode).toBe(403);
    expect((await record(id, 'training', { course: 'iv-induction' }, people.auditor)).statusCode).toBe(403);
    expect((await get('/api/volunteers', people.socialWorker)).statusCode).toBe(403);
    expect((await get('/api/volunteers', people.nationalAnalyst)).statusCode).toBe(403);
    expect((await get(`/api/volunteers/${id}`, people.iro)).statusCode).toBe(403);
    expect((await get(`/api/volunteers/${id}`, people.auditor)).statusCode).toBe(200);
    expect((await get(`/api/volunteers/${id}`, people.manager)).statusCode).toBe(200);
    expect(json(await get(`/api/volunteers/${id}`)).version).toBe(1);
  });

  it('lets a retried registration with the same Idempotency-Key return the same volunteer', async () => {
    const headers = { 'idempotency-key': `apply-${ulid()}` };
    const first = json(await post('/api/volunteers', people.coordinator, { name: 'Alex Morgan' }, headers));
    const again = await post('/api/volunteers', people.coordinator, { name: 'Alex Morgan' }, headers);
    expect(again.statusCode).toBe(201);
    expect(json(again)).toEqual({ ...first, duplicate: true });
  });

  it('publishes every volunteer and matching route in the OpenAPI document', async () => {
    const doc = json(await api(apiEvent('GET', '/api/openapi.json')));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/volunteers',
        '/api/volunteers/{volunteerId}',
        '/api/volunteers/{volunteerId}/dbs-check',
        '/api/children/{childId}/suggested-volunteers',
        '/api/children/{childId}/match',
      ]),
    );
  });
});

describe('matching a child with a volunteer', () => {
  it('writes the match to both records in one go and counts it against the volunteer’s capacity', async () => {
    const childId = await child();
    const volunteerId = await approved({ capacity: 2 });
    const response = await match(childId, volunteerId);
    expect(response.statusCode, response.body).toBe(200);
    expect(json(response)).toEqual({
      childId,
      volunteerId,
      childVersion: 5,
      volunteerVersion: 8,
      duplicate: false,
    });
    const childView = json(await get(`/api/children/${childId}`));
    expect(childView.state.relationship).toMatchObject({ volunteerId });
    const volunteer = json(await get(`/api/volunteers/${volunteerId}`));
    expect(volunteer.summary).toMatchObject({ activeMatches: 1, capacity: 2 });
    expect(volunteer.state.activeMatches).toEqual([{ matchId: 'match-1', childId }]);
  });

  it('suggests the approved, vetted volunteers with room, says why others cannot, and shows the referral', async () => {
    const childId = await child();
    const ready = await approved();
    const notApproved = await applied();
    const full = await approved();
    await ok(match(await child(), full));
    const paused = await approved();
    await ok(record(paused, 'pause', { pauseReason: 'work' }));
    const gone = await applied();
    await ok(record(gone, 'withdrawal', { withdrawalReason: 'own-choice' }));

    const response = await get(`/api/children/${childId}/suggested-volunteers`);
    expect(response.statusCode).toBe(200);
    const suggestions = json(response);
    expect(suggestions.referral).toMatchObject({ interests: ['football', 'drawing'], needs: ['bsl-signer'] });
    expect(suggestions.childNotMatchable).toBeUndefined();
    const suggested = suggestions.suggested.map((s: { volunteerId: string }) => s.volunteerId);
    expect(suggested).toContain(ready);
    expect(suggestions.suggested.find((s: { volunteerId: string }) => s.volunteerId === ready)).toMatchObject(
      {
        spareCapacity: 1,
        training: ['iv-induction'],
        dbs: 'valid',
      },
    );
    const why = (id: string) =>
      suggestions.excluded.find((e: { volunteerId: string }) => e.volunteerId === id)?.reason;
    expect(why(notApproved)).toBe('This volunteer has not been approved as an Independent Visitor.');
    expect(why(full)).toBe('This volunteer already visits as many children as agreed (1).');
    expect(why(paused)).toBe('This volunteer has paused and is not taking new matches.');
    expect([
      ...suggested,
      ...suggestions.excluded.map((e: { volunteerId: string }) => e.volunteerId),
    ]).not.toContain(gone);

    const unreferred = json(await get(`/api/children/${await child('entered')}/suggested-volunteers`));
    expect(unreferred).toMatchObject({ suggested: [], excluded: [] });
    expect(unreferred.childNotMatchable.reason).toMatch(/not been referred/);
  });

  it('refuses a child who is not referred, has objected or already has an Independent Visitor', async () => {
    const volunteerId = await approved({ capacity: 3 });
    await expectRefused(await child('entered'), volunteerId, /not been referred/);
    await expectRefused(await child('objected'), volunteerId, /objected/);
    const matched = await child();
    await ok(match(matched, await approved()));
    await expectRefused(matched, volunteerId, /already has an Independent Visitor/);
  });

  it('refuses a volunteer who is not approved, has no valid DBS check, has not declared independence or is full', async () => {
    await expectRefused(await child(), await applied(), /not been approved/);

    // The Update Service reported new information: the certificate no longer stands.
    const flagged = await approved({ dbs: { updateServiceSubscribed: true } });
    await ok(record(flagged, 'update-service-check', { result: 'new-information' }));
    await expectRefused(await child(), flagged, /no DBS check that is valid/);

    // Approval now requires the declaration, so only a record from before that rule (migrated) lacks it.
    const undeclared = ulid();
    const stream = `volunteer#${undeclared}`;
    const actor = { id: 'migration', role: 'admin' as const, la: NORTHVALE };
    await app.store.append(
      stream,
      NORTHVALE,
      0,
      [
        { type: 'VolunteerApplied', data: { volunteerId: undeclared, la: NORTHVALE } },
        { type: 'DbsCheckRecorded', data: dbs() },
        { type: 'VolunteerApproved', data: { capacity: 1 } },
      ],
      { commandId: ulid(), actor },
    );
    await expectRefused(await child(), undeclared, /not declared their independence/);

    const full = await approved({ capacity: 1 });
    await ok(match(await child(), full));
    await expectRefused(await child(), full, /already visits as many children as agreed \(1\)/);
  });

  it('keeps matching inside the LA and to the roles that may make matches', async () => {
    const childId = await child();
    const volunteerId = await approved();
    const theirChild = json(await post('/api/children', people.otherCoordinator, newChild)).childId;
    expect((await match(childId, volunteerId, people.otherCoordinator)).statusCode).toBe(404);
    expect((await match(theirChild, volunteerId, people.otherCoordinator)).statusCode).toBe(404);
    expect((await match(childId, ulid())).statusCode).toBe(404);
    expect((await match(ulid(), volunteerId)).statusCode).toBe(404);
    expect(
      (await get(`/api/children/${childId}/suggested-volunteers`, people.otherCoordinator)).statusCode,
    ).toBe(404);
    for (const person of [people.auditor, people.socialWorker, people.iro, people.nationalAnalyst]) {
      expect((await match(childId, volunteerId, person)).statusCode).toBe(403);
      expect((await get(`/api/children/${childId}/suggested-volunteers`, person)).statusCode).toBe(403);
    }
    expect(await versions(childId, volunteerId)).toEqual({ child: 4, volunteer: 7 });
  });

  it('writes a retried match with the same Idempotency-Key once, and refuses the key for another volunteer', async () => {
    const childId = await child();
    const volunteerId = await approved({ capacity: 2 });
    const headers = { 'idempotency-key': `match-${ulid()}` };
    const first = await match(childId, volunteerId, people.coordinator, headers);
    expect(first.statusCode, first.body).toBe(200);
    const again = await match(childId, volunteerId, people.coordinator, headers);
    expect(again.statusCode).toBe(200);
    expect(json(again)).toEqual({ ...json(first), duplicate: true });
    expect(await versions(childId, volunteerId)).toEqual({ child: 5, volunteer: 8 });
    const timeline = json(await get(`/api/children/${childId}/timeline`));
    expect(timeline.filter((e: { type: string }) => e.type === 'VisitorMatched')).toHaveLength(1);
    const other = await approved();
    expect((await match(childId, other, people.coordinator, headers)).statusCode).toBe(422);
  });

  it('frees the volunteer when the relationship ends, in the same transaction as the child’s ending', async () => {
    const volunteerId = await approved();
    const first = await child();
    await ok(match(first, volunteerId));
    expect((await match(await child(), volunteerId)).statusCode).toBe(409); // at capacity: one child at a time

    await ok(post(`/api/children/${first}/iv-resignation`, people.coordinator, { writtenNoticeOn: today }));
    const volunteer = await ok(get(`/api/volunteers/${volunteerId}`));
    expect(volunteer.state.activeMatches).toEqual([]);
    const types = (await ok(get(`/api/volunteers/${volunteerId}/timeline`))).map(
      (e: { type: string }) => e.type,
    );
    expect(types.slice(-2)).toEqual(['VolunteerMatchedWithChild', 'VolunteerMatchEnded']);
    await ok(match(await child(), volunteerId)); // free again
  });
});
