import { describe, expect, inject, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { StaticStaffDirectory } from '../../../adapters/directory/static-directory';
import type { Principal } from '../../../application/access';
import type { StaffMember } from '../../../application/ports/staff-directory';
import { workingDaysLeft } from '../../../application/timeline';
import { addDays, calendarFor, londonDateOf } from '../../../domain/calendar';
import { childStreamId } from '../../../events/stream-id';
import { buildApp } from '../../../functions/composition';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { freshLa, testProjector } from '../../support/read-models';
import { localClient, testKeys } from '../../support/store';

/**
 * Search, lists and allocations over the API, in a local authority of this test's own (so counts are exact), with
 * staff of its own in the directory.
 */
const la = freshLa();
const other = freshLa();
const member = (id: string, name: string, role: StaffMember['role'], extra: Partial<StaffMember> = {}) =>
  ({ id, name, role, la, ...extra }) satisfies StaffMember;
const coordinator = member('co-1', 'Priya Okafor', 'coordinator', { team: 'Independent Visitor Service' });
const socialWorker = member('sw-1', 'Tom Brightwell', 'social-worker', { team: 'North' });
const otherSocialWorker = member('sw-2', 'Dana Whitlock', 'social-worker', { team: 'South' });
const manager = member('mgr-1', 'Owen Castell', 'manager', { team: 'North' });
const iro = member('iro-1', 'Grace Adeyemi', 'iro');
const elsewhere: StaffMember = { id: 'sw-9', name: 'Rhys Morgan', role: 'social-worker', la: other };
const otherCoordinator: StaffMember = { id: 'co-9', name: 'Gwen Bevan', role: 'coordinator', la: other };

const app = buildApp({
  client: localClient(),
  tables: inject('tables'),
  now: () => new Date(),
  keys: testKeys(),
  staff: new StaticStaffDirectory([
    coordinator,
    socialWorker,
    otherSocialWorker,
    manager,
    iro,
    elsewhere,
    otherCoordinator,
  ]),
});
const api = createApiHandler(app, { localSessionSecret: TEST_SECRET });
const project = testProjector(() => new Date());
const json = (r: { body?: string }) => JSON.parse(r.body || '{}');
const as = (m: StaffMember): Principal => ({ id: m.id, name: m.name, role: m.role, la: m.la });
const get = (path: string, who: StaffMember, query = '') =>
  api(apiEvent('GET', path, { as: as(who), query }));
const post = (path: string, who: StaffMember, body: object) =>
  api(apiEvent('POST', path, { as: as(who), body }));

const child = (overrides: object = {}) => ({
  firstNames: 'Sam',
  lastName: 'Taylor',
  dateOfBirth: '2013-04-09',
  sex: 'female',
  ethnicity: 'WBRI',
  unaccompaniedAsylumSeeking: false,
  placementInLaArea: true,
  placementArea: 'Millbrook',
  socialWorkerRef: socialWorker.id,
  iroRef: iro.id,
  ...overrides,
});
async function enter(body: object): Promise<string> {
  const response = await post('/api/children', coordinator, body);
  expect(response.statusCode, response.body).toBe(201);
  const { childId } = json(response);
  await project(childStreamId(childId));
  return childId;
}

describe('finding a child', () => {
  it('finds by part of a name in any case and without accents, by preferred name, date of birth or case-system id, within the LA', async () => {
    const zoe = await enter(child({ firstNames: 'Zoë', lastName: 'Okonkwo', caseSystemId: 'MOS-4019283' }));
    const jay = await enter(
      child({ firstNames: 'Jamie', lastName: 'Brightwell', preferredName: 'Jay', dateOfBirth: '2011-11-30' }),
    );
    const names = async (q: string, who: StaffMember = coordinator) => {
      const response = await get('/api/children/search', who, `q=${encodeURIComponent(q)}`);
      expect(response.statusCode, response.body).toBe(200);
      return json(response).rows.map((r: { childId: string; name: string }) => r.childId);
    };
    expect(await names('zoe')).toEqual([zoe]);
    expect(await names('OKON')).toEqual([zoe]);
    expect(await names('jay')).toEqual([jay]);
    expect(await names('jamie bri')).toEqual([jay]);
    expect(await names('jamie oko')).toEqual([]);
    expect(await names('30/11/2011')).toEqual([jay]);
    expect(await names('30 November 2011')).toEqual([jay]);
    expect(await names('mos-4019')).toEqual([zoe]);
    expect(await names('4019283')).toEqual([]); // a case-system id is matched from its start
    expect(await names('zoe', otherCoordinator)).toEqual([]);
    const row = json(await get('/api/children/search', coordinator, 'q=zoe')).rows[0];
    expect(row).toMatchObject({
      name: 'Okonkwo, Zoë',
      caseSystemId: 'MOS-4019283',
      socialWorker: 'Tom Brightwell',
      iro: 'Grace Adeyemi',
    });
  });

  it('refuses a search too short to mean anything, naming the query', async () => {
    const response = await get('/api/children/search', coordinator, 'q=a');
    expect(response.statusCode).toBe(400);
    expect(json(response)['invalid-params']).toEqual([
      {
        name: 'query.q',
        reason: 'Enter at least 2 letters of the name, a date of birth or a case-system id',
      },
    ]);
  });
});

describe('lists of children', () => {
  it('pages a caseload, filters it by area, age band, duty and due date, and shows a child five working days past a deadline', async () => {
    // 27 children for one social worker, 3 for another; every fifth placed out of area.
    for (let n = 0; n < 30; n++)
      await enter(
        child({
          firstNames: `Child${String.fromCharCode(65 + (n % 26))}`,
          lastName: `Caseload${n}`,
          socialWorkerRef: n < 27 ? socialWorker.id : otherSocialWorker.id,
          placementInLaArea: n % 5 !== 0,
          dateOfBirth: n % 3 === 0 ? '2020-01-01' : '2010-01-01',
        }),
      );
    // Entered care so long ago that the first review, 20 working days on, was 5 working days ago.
    const calendar = calendarFor('england');
    const today = londonDateOf(new Date());
    let entered = addDays(today, -60);
    while (calendar.addWorkingDays(calendar.addWorkingDays(addDays(entered, 1), 20), 5) <= today)
      entered = addDays(entered, 1);
    const pastDue = workingDaysLeft(calendar, today, calendar.addWorkingDays(entered, 20));
    expect(pastDue).toBeLessThanOrEqual(-5);
    const late = await enter(
      child({
        firstNames: 'Late',
        lastName: 'Offer',
        socialWorkerRef: socialWorker.id,
        occurredOn: entered,
        reason: 'Recorded from the paper file',
      }),
    );

    const list = async (who: StaffMember, query: string) => {
      const response = await get('/api/children', who, query);
      expect(response.statusCode, response.body).toBe(200);
      return json(response);
    };
    const first = await list(socialWorker, '');
    // Their 27, the child past the deadline, and the two of the search tests.
    expect(first).toMatchObject({ scope: 'mine', total: 30, pages: 2, page: 1 });
    expect(first.rows).toHaveLength(25);
    // Most urgent first: the child past their deadline leads.
    expect(first.rows[0]).toMatchObject({ childId: late, duty: { workingDaysLeft: pastDue } });
    const second = await list(socialWorker, 'page=2');
    expect(second.rows).toHaveLength(5);
    expect(new Set([...first.rows, ...second.rows].map((r: { childId: string }) => r.childId)).size).toBe(30);

    expect((await list(socialWorker, 'area=out')).total).toBe(6);
    expect((await list(socialWorker, 'age=5-9')).total).toBe(9);
    const overdue = await list(socialWorker, 'duty=not-offered&due=overdue');
    expect(overdue.rows.map((r: { childId: string }) => r.childId)).toEqual([late]);
    expect(overdue.rows[0].duty.label).toBe('Offer an Independent Visitor by the first review');
    expect(
      (await list(socialWorker, 'sort=name')).rows.slice(0, 2).map((r: { name: string }) => r.name),
    ).toEqual(['Brightwell, Jay', 'Caseload0, ChildA']);

    // The manager sees their team (the North social worker's children); the coordinator the whole LA, by index.
    expect((await list(manager, '')).scope).toBe('team');
    expect((await list(manager, '')).total).toBe(30);
    const whole = await list(coordinator, 'duty=not-offered');
    expect(whole).toMatchObject({ scope: 'la', total: 33, atLeast: false });
    const outOfArea = await list(coordinator, 'duty=not-offered&area=out');
    expect(outOfArea.total).toBe(6);
    expect(
      (await list(coordinator, 'due=overdue')).rows.map((r: { childId: string }) => r.childId),
    ).toContain(late);
    // The IRO's caseload is every child here.
    expect((await list(iro, '')).total).toBe(33);
  });

  it('names each bad part of a list request', async () => {
    const response = await get('/api/children', coordinator, 'scope=everyone&page=0&age=old&extra=1');
    expect(response.statusCode).toBe(400);
    expect(
      json(response)
        ['invalid-params'].map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['query', 'query.age', 'query.page', 'query.scope'].sort());
  });
});

describe('allocating a social worker or an IRO', () => {
  it('records each change of allocation, naming the person, and refuses anyone not in the directory', async () => {
    const childId = await enter(child({ firstNames: 'Alloc', lastName: 'Ation' }));
    const allocate = (body: object) =>
      post(`/api/children/${childId}/social-worker-allocation`, coordinator, body);
    for (const [staffId, reason] of [
      [
        'nobody.here',
        'There is no social worker with that name in your local authority. Select one from the list.',
      ],
      [
        elsewhere.id,
        'There is no social worker with that name in your local authority. Select one from the list.',
      ],
      [iro.id, 'Grace Adeyemi is not a social worker. Select a social worker from the list.'],
    ]) {
      const refused = await allocate({ staffId });
      expect(refused.statusCode, staffId).toBe(400);
      expect(json(refused)['invalid-params']).toEqual([{ name: 'body.staffId', reason }]);
    }
    expect(json(await get(`/api/children/${childId}`, coordinator)).version).toBe(1);

    expect((await allocate({ staffId: otherSocialWorker.id })).statusCode).toBe(200);
    const view = json(await get(`/api/children/${childId}`, coordinator));
    expect(view.names.socialWorker).toBe('Dana Whitlock');
    const timeline = json(await get(`/api/children/${childId}/timeline`, coordinator));
    expect(timeline.at(-1)).toMatchObject({
      type: 'StaffAllocated',
      sentence: 'Priya Okafor allocated Dana Whitlock as Alloc’s social worker.',
    });
    // The same person again changes nothing.
    expect(json(await allocate({ staffId: otherSocialWorker.id })).version).toBeUndefined();
  });

  it('refuses entering care with staff who are not in the directory, naming each field, and writes nothing', async () => {
    const response = await post(
      '/api/children',
      coordinator,
      child({ socialWorkerRef: 'x', iroRef: socialWorker.id }),
    );
    expect(response.statusCode).toBe(400);
    expect(json(response)['invalid-params'].map((p: { name: string }) => p.name)).toEqual([
      'body.socialWorkerRef',
      'body.iroRef',
    ]);
  });
});

describe('bad input, in plain English', () => {
  it('says how to put each field right', async () => {
    const response = await post('/api/children', coordinator, {
      ...child(),
      firstNames: ' ',
      dateOfBirth: '2013-02-30',
      sex: 'x',
    });
    expect(response.statusCode).toBe(400);
    const reasons = Object.fromEntries(
      json(response)['invalid-params'].map((p: { name: string; reason: string }) => [p.name, p.reason]),
    );
    expect(reasons).toEqual({
      'body.firstNames': 'Enter the child’s first names',
      'body.dateOfBirth': 'Date of birth must be a real date, for example 27 3 2026',
      'body.sex': 'Select sex from the list',
    });
    for (const reason of Object.values(reasons))
      expect(reason).not.toMatch(/[a-z][A-Z]|must be a user id|dashes/);
  });

  it('accepts a need written as words and a DBS certificate number with spaces', async () => {
    const childId = await enter(child({ firstNames: 'Words' }));
    for (const [slug, body] of [
      ['offer', {}],
      ['decision', { decision: 'accepted', sufficientUnderstanding: true }],
      [
        'referral',
        { needs: ['BSL signer'], interests: ['Football', 'drawing'], languages: ['British Sign Language'] },
      ],
    ] as const)
      expect((await post(`/api/children/${childId}/${slug}`, coordinator, body)).statusCode).toBe(200);
    const referred = json(await get(`/api/children/${childId}/timeline`, coordinator)).at(-1);
    expect(referred.data).toMatchObject({
      needs: ['bsl-signer'],
      interests: ['football', 'drawing'],
      languages: ['british-sign-language'],
    });
    expect(referred.sentence).toContain('needs: BSL signer');

    const registered = await post('/api/volunteers', coordinator, {
      name: 'Alex Morgan',
      email: 'alex@example.com',
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const { volunteerId } = json(registered);
    const dbs = await post(`/api/volunteers/${volunteerId}/dbs-check`, coordinator, {
      level: 'enhanced',
      certificateNumber: '0012 3456 7890',
      issuedOn: addDays(londonDateOf(new Date()), -3),
      updateServiceSubscribed: false,
    });
    expect(dbs.statusCode, dbs.body).toBe(200);
  });

  it('links a broken rule to its field: an entry that cannot be marked as a mistake', async () => {
    const childId = await enter(child({ firstNames: 'Mistake' }));
    expect((await post(`/api/children/${childId}/told`, coordinator, {})).statusCode).toBe(200);
    const refused = await post(`/api/children/${childId}/mistake`, coordinator, {
      correctsVersion: 1,
      explanation: 'Wrong child',
    });
    expect(refused.statusCode).toBe(422);
    expect(json(refused)['invalid-params']).toEqual([
      { name: 'body.correctsVersion', reason: json(refused).detail },
    ]);
    const marked = await post(`/api/children/${childId}/mistake`, coordinator, {
      correctsVersion: 2,
      explanation: 'Told the wrong child',
    });
    expect(marked.statusCode).toBe(200);
    const view = json(await get(`/api/children/${childId}`, coordinator));
    expect(view.state.period.toldOn).toBeUndefined();
    const last = json(await get(`/api/children/${childId}/timeline`, coordinator)).at(-1);
    expect(last.sentence).toMatch(
      /^Priya Okafor marked being told about Independent Visitors of \d+ \w+ \d{4} as recorded by mistake: “Told the wrong child”\.$/,
    );
  });
});
