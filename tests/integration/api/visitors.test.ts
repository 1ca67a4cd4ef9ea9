import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { createWebHandler } from '../../../adapters/web/app';
import type { Principal } from '../../../application/access';
import type { App } from '../../../application/app';
import { addDays, londonDateOf } from '../../../domain/calendar';
import { isolatedApp, people, visitor } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { visitorWorld } from '../../support/visitors';

/*
 * The Independent Visitor's own service, through the API and the pages: they see only their own active matches,
 * only what a visitor needs, and record visits only with those children; anything else reads as a child nobody has.
 */
// Tables of its own: the volunteers made here stay out of the shared LA's register, which other tests page through.
let app: App;
let api: ReturnType<typeof createApiHandler>;
let web: ReturnType<typeof createWebHandler>;
const auth = { localSessionSecret: TEST_SECRET };
const world = visitorWorld((event) => api(event));
const json = (r: { body?: string }) => JSON.parse(r.body || '{}');
const today = londonDateOf(new Date());
const NOT_THEIRS = 'There is no child with that reference among the children you visit.';

const visit = {
  outcome: 'held',
  mode: 'in-person',
  durationMinutes: 75,
  activities: 'We baked a cake and talked about school',
  howItWent: 'well',
  childsWords: 'Can we do the chocolate one next time?',
};

let zara: Principal;
let other: Principal;
let jay: string;
let ended: string;
let othersChild: string;
beforeAll(async () => {
  ({ app } = await isolatedApp(`v${ulid().toLowerCase()}-`));
  api = createApiHandler(app, auth);
  web = createWebHandler(app, auth);
  const a = await world.volunteer('Zara Mensah');
  const b = await world.volunteer('Ben Carter');
  zara = a.visitor;
  other = b.visitor;
  jay = await world.matchedChild(a.volunteerId);
  ended = await world.matchedChild(a.volunteerId, { firstNames: 'Mia', preferredName: 'Mia' });
  await world.post(`/api/children/${ended}/iv-resignation`, { writtenNoticeOn: today });
  othersChild = await world.matchedChild(b.volunteerId, { firstNames: 'Leo', preferredName: 'Leo' });
});

const childVersion = async (childId: string) =>
  json(await api(apiEvent('GET', `/api/children/${childId}`, { as: people.coordinator }))).version;
const recordVisit = (childId: string, as: Principal, body: object = visit) =>
  api(apiEvent('POST', `/api/my/matches/${childId}/visit`, { as, body }));

describe('an Independent Visitor’s matches', () => {
  it('lists only their own active matches, with the name the child is called by, age, area, next visit and coordinator', async () => {
    const response = await api(apiEvent('GET', '/api/my/matches', { as: zara }));
    expect(response.statusCode).toBe(200);
    const { matches } = json(response);
    expect(matches).toEqual([
      {
        childId: jay,
        name: 'Jay',
        age: expect.any(Number),
        area: 'Millbrook',
        matchedOn: today,
        nextVisitDueOn: addDays(today, 42),
        coordinator: 'Test Coordinator',
        visitsPaused: false,
        concernsRaised: [],
      },
    ]);
    // Never the child's full name, date of birth or anything of a child who is not theirs.
    expect(response.body).not.toMatch(/Okonkwo|Jamie|2014-05-02|Mia|Leo/);
  });

  it('shows nothing to a visitor not linked to a volunteer record, or to another volunteer’s record', async () => {
    const unlinked = { ...visitor, volunteerId: undefined };
    expect(json(await api(apiEvent('GET', '/api/my/matches', { as: unlinked }))).matches).toEqual([]);
    expect(json(await api(apiEvent('GET', '/api/my/matches', { as: other }))).matches).toEqual([
      expect.objectContaining({ childId: othersChild, name: 'Leo' }),
    ]);
  });

  it('answers for another volunteer’s child, an ended match and a child nobody has alike: not found', async () => {
    for (const childId of [othersChild, ended, ulid()]) {
      const response = await api(apiEvent('GET', `/api/my/matches/${childId}`, { as: zara }));
      expect(response.statusCode).toBe(404);
      expect(json(response).detail).toBe(NOT_THEIRS);
    }
  });

  it('keeps every staff route closed to them', async () => {
    for (const [method, path] of [
      ['GET', `/api/children/${jay}`],
      ['GET', `/api/children/${jay}/timeline`],
      ['POST', `/api/children/${jay}/visit`],
      ['GET', '/api/volunteers'],
      ['GET', '/api/children'],
    ] as const) {
      const response = await api(
        apiEvent(method, path, { as: zara, body: method === 'POST' ? visit : undefined }),
      );
      expect(response.statusCode, `${method} ${path}`).toBe(403);
    }
  });
});

describe('a visit recorded by the Independent Visitor', () => {
  it('lands on the child’s record at once, marked as recorded by them, with what they did and the child’s words', async () => {
    const response = await recordVisit(jay, zara);
    expect(response.statusCode, response.body).toBe(201);
    const timeline = json(
      await api(apiEvent('GET', `/api/children/${jay}/timeline`, { as: people.coordinator })),
    );
    const recorded = timeline.at(-1);
    expect(recorded).toMatchObject({
      type: 'VisitRecorded',
      actor: { id: visitor.id, role: 'independent-visitor' },
      data: { ...visit, matchId: 'match-1' },
    });
    expect(recorded.sentence).toBe(
      'Test Visitor, Jay’s Independent Visitor, recorded a visit in person of 75 minutes: “We baked a cake and talked about school”. It went well.',
    );
    const [match] = json(await api(apiEvent('GET', '/api/my/matches', { as: zara }))).matches;
    expect(match).toMatchObject({ lastVisitOn: today, nextVisitDueOn: addDays(today, 42) });
  });

  it('is refused for another volunteer’s child, an ended match and a child nobody has, and writes nothing', async () => {
    for (const childId of [othersChild, ended]) {
      const before = await childVersion(childId);
      const response = await recordVisit(childId, zara);
      expect(response.statusCode).toBe(404);
      expect(json(response).detail).toBe(NOT_THEIRS);
      expect(await childVersion(childId)).toBe(before);
    }
    expect((await recordVisit(ulid(), zara)).statusCode).toBe(404);
  });

  it('names each bad answer, and says in a sentence what the domain refuses', async () => {
    const bad = await recordVisit(jay, zara, { outcome: 'maybe', mode: 'in-person', durationMinutes: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers?.['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(json(bad))).toMatch(/outcome[\s\S]*durationMinutes|durationMinutes[\s\S]*outcome/);
    const refused = await recordVisit(jay, zara, {
      outcome: 'cancelled',
      mode: 'remote',
      durationMinutes: 30,
    });
    expect(refused.statusCode).toBe(422);
    expect(json(refused).detail).toBe('Only a visit that was held has a duration.');
  });
});

describe('the Independent Visitor’s pages', () => {
  const page = (path: string, as: Principal) => web(apiEvent('GET', path, { as }));
  const postForm = (path: string, form: Record<string, string>, as: Principal) =>
    web(apiEvent('POST', path, { as, body: new URLSearchParams(form).toString() }));

  it('sends them from the home page to the children they visit, each with a button to record a visit', async () => {
    const home = await page('/', zara);
    expect(home.statusCode).toBe(303);
    expect(home.headers?.location).toBe('/my-visits');
    const mine = await page('/my-visits', zara);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('Record a visit with Jay');
    expect(mine.body).toContain('Millbrook');
    expect(mine.body).not.toMatch(/Okonkwo|Leo|Mia/);
  });

  it('records a visit from the form, and shows the form again with what is wrong', async () => {
    const form = await page(`/my-visits/${jay}/visit`, zara);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Record a visit with Jay');
    const wrong = await postForm(
      `/my-visits/${jay}/visit`,
      { mode: 'remote', durationMinutes: 'long' },
      zara,
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Select whether the visit happened');
    const before = await childVersion(jay);
    const saved = await postForm(
      `/my-visits/${jay}/visit`,
      { outcome: 'held', mode: 'remote', durationMinutes: '30', howItWent: 'mixed' },
      zara,
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers?.location).toBe('/my-visits');
    expect(await childVersion(jay)).toBe(before + 1);
  });

  it('answers not found for a child who is not theirs, and forbids the staff pages', async () => {
    expect((await page(`/my-visits/${othersChild}/visit`, zara)).statusCode).toBe(404);
    expect(
      (await postForm(`/my-visits/${ended}/visit`, { outcome: 'held', mode: 'remote' }, zara)).statusCode,
    ).toBe(404);
    expect((await page(`/children/${jay}`, zara)).statusCode).toBe(403);
  });
});

describe('a safeguarding concern raised by the Independent Visitor', () => {
  const raise = (childId: string, as: Principal, summary = 'Jay said he is scared of going home') =>
    api(apiEvent('POST', `/api/my/matches/${childId}/concern`, { as, body: { summary } }));
  const coordinator = (method: string, path: string, body?: object) =>
    api(apiEvent(method, path, { as: people.coordinator, body }));

  it('lands on the child’s record with its duties due today, and the visitor sees only its status', async () => {
    const response = await raise(jay, zara);
    expect(response.statusCode, response.body).toBe(201);
    const record = json(await coordinator('GET', `/api/children/${jay}`));
    const kinds = record.obligations.map((o: { kind: string }) => o.kind);
    expect(kinds).toEqual(expect.arrayContaining(['acknowledge-concern', 'inform-social-worker-of-concern']));
    expect(kinds).not.toContain('refer-allegation-to-lado');
    const [mine] = json(await api(apiEvent('GET', '/api/my/matches', { as: zara }))).matches;
    expect(mine.concernsRaised).toEqual([{ number: 1, raisedOn: today, status: 'received' }]);
    expect(JSON.stringify(mine)).not.toContain('scared');

    expect((await coordinator('POST', `/api/children/${jay}/concern-acknowledgement`, {})).statusCode).toBe(
      200,
    );
    const [after] = json(await api(apiEvent('GET', '/api/my/matches', { as: zara }))).matches;
    expect(after.concernsRaised[0].status).toBe('acknowledged');
  });

  it('shows what the concern says to those who act on it, and not to an auditor', async () => {
    const sentenceFor = async (as: Principal) =>
      json(await api(apiEvent('GET', `/api/children/${jay}/timeline`, { as }))).find(
        (e: { type: string }) => e.type === 'SafeguardingConcernRaised',
      ).sentence;
    expect(await sentenceFor(people.socialWorker)).toBe(
      'Test Visitor raised a safeguarding concern about Jay (concern 1): “Jay said he is scared of going home”.',
    );
    expect(await sentenceFor(people.auditor)).toBe(
      'Test Visitor raised a safeguarding concern about Jay (concern 1).',
    );
  });

  it('is refused for a child who is not theirs, and for an empty concern, writing nothing', async () => {
    const before = await childVersion(othersChild);
    expect((await raise(othersChild, zara)).statusCode).toBe(404);
    expect(await childVersion(othersChild)).toBe(before);
    const empty = await raise(jay, zara, '');
    expect(empty.statusCode).toBe(400);
    expect(json(empty)['invalid-params']).toEqual([
      { name: 'body.summary', reason: 'Enter what the concern is' },
    ]);
  });

  it('given an allegation about the visitor, then their visits are refused, and allowed again once its outcome is recorded', async () => {
    const child = await world.matchedChild(zara.volunteerId!, { firstNames: 'Ava', preferredName: 'Ava' });
    const raised = await coordinator('POST', `/api/children/${child}/concern`, {
      about: 'visitor',
      summary: 'A neighbour reported the visitor shouting at the child',
    });
    expect(raised.statusCode, raised.body).toBe(200);
    const kinds = json(await coordinator('GET', `/api/children/${child}`)).obligations.map(
      (o: { kind: string }) => o.kind,
    );
    expect(kinds).toContain('refer-allegation-to-lado');

    const refused = await recordVisit(child, zara);
    expect(refused.statusCode).toBe(409);
    expect(json(refused).detail).toBe(
      'Visits with this child are paused while a safeguarding matter is considered. No visit can be recorded until its outcome is recorded.',
    );
    expect(json(await api(apiEvent('GET', `/api/my/matches/${child}`, { as: zara }))).visitsPaused).toBe(
      true,
    );

    const early = await coordinator('POST', `/api/children/${child}/concern-outcome`, {
      outcome: 'unfounded',
    });
    expect(early.statusCode).toBe(409);
    expect(json(early).detail).toBe('Refer the allegation to the LADO before recording its outcome.');
    expect((await coordinator('POST', `/api/children/${child}/concern-lado-referral`, {})).statusCode).toBe(
      200,
    );
    expect(
      (await coordinator('POST', `/api/children/${child}/concern-outcome`, { outcome: 'unfounded' }))
        .statusCode,
    ).toBe(200);
    expect((await recordVisit(child, zara)).statusCode).toBe(201);
  });

  it('gives the visitor a page to raise a concern, linked from each child', async () => {
    const postForm = (path: string, form: Record<string, string>) =>
      web(apiEvent('POST', path, { as: zara, body: new URLSearchParams(form).toString() }));
    const mine = await web(apiEvent('GET', '/my-visits', { as: zara }));
    expect(mine.body).toContain(`href="/my-visits/${jay}/concern"`);
    const form = await web(apiEvent('GET', `/my-visits/${jay}/concern`, { as: zara }));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('call 999');
    expect((await postForm(`/my-visits/${jay}/concern`, { summary: '' })).statusCode).toBe(400);
    const sent = await postForm(`/my-visits/${jay}/concern`, { summary: 'Seemed very tired again' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers?.location).toBe('/my-visits');
  });
});
