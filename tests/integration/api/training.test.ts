import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { createWebHandler } from '../../../adapters/web/app';
import { sessionPages } from '../../../adapters/web/routes/session';
import type { Principal } from '../../../application/access';
import type { App } from '../../../application/app';
import { silentLog } from '../../../application/ports/log';
import { createStreamProjector } from '../../../application/projections/project';
import { addDays, addYears, londonDateOf } from '../../../domain/calendar';
import { volunteerStreamId } from '../../../events/stream-id';
import { PERSONAS } from '../../../infra/local/personas';
import { isolatedApp, people, visitor as testVisitor } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { pageEvent } from '../../support/http-world';
import { visitorWorld } from '../../support/visitors';

let app: App;
let api: ReturnType<typeof createApiHandler>;
let web: ReturnType<typeof createWebHandler>;
let world: ReturnType<typeof visitorWorld>;
beforeAll(async () => {
  ({ app } = await isolatedApp(`t${ulid().toLowerCase()}-`));
  const auth = { localSessionSecret: TEST_SECRET };
  api = createApiHandler(app, auth);
  web = createWebHandler(app, auth, sessionPages(auth, PERSONAS));
  world = visitorWorld(api);
});

const today = () => londonDateOf(new Date());
const json = (r: { body?: string }) => JSON.parse(r.body || '{}');
const record = (as: Principal, body: object) => api(apiEvent('POST', '/api/my/training', { as, body }));
const myTraining = async (as: Principal) => json(await api(apiEvent('GET', '/api/my/training', { as })));
/** The volunteer's register row, as the projector writes it after each event. */
const project = (volunteerId: string) =>
  createStreamProjector({ store: app.store, readModels: app.readModels, now: app.now, log: silentLog })(
    volunteerStreamId(volunteerId),
  );

describe('an Independent Visitor records their own training', () => {
  it('keeps each course with when it was completed and when it must be renewed', async () => {
    const { visitor } = await world.volunteer('Cerys Rowlands');
    const completedOn = addYears(today(), -1);
    const expiresOn = addYears(today(), 2);
    const response = await record(visitor, { course: 'safeguarding-children', completedOn, expiresOn });
    expect(response.statusCode, response.body).toBe(201);
    const training = await myTraining(visitor);
    expect(training.courses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          course: 'safeguarding-children',
          courseText: 'Safeguarding children',
          completedOn,
          expiresOn,
          lapsed: false,
          mandatory: true,
        }),
      ]),
    );
    expect(training.lapsedMandatory).toEqual([]);
    expect(training.notYetRecorded).toEqual([]);
  });

  it('refuses training completed in the future or expiring before it was completed, naming the field', async () => {
    const { visitor } = await world.volunteer('Iolo Pritchard');
    const future = await record(visitor, { course: 'online-safety', completedOn: addDays(today(), 1) });
    expect(future.statusCode).toBe(422);
    expect(json(future).detail).toBe('The training cannot be completed in the future.');
    const backwards = await record(visitor, {
      course: 'online-safety',
      completedOn: today(),
      expiresOn: addDays(today(), -1),
    });
    expect(backwards.statusCode).toBe(422);
    expect(json(backwards).detail).toBe('The training must expire after the day it was completed.');
  });

  it('answers a sign-in linked to no volunteer record as a record nobody has', async () => {
    const unlinked: Principal = { ...testVisitor, volunteerId: undefined };
    const response = await api(apiEvent('GET', '/api/my/training', { as: unlinked }));
    expect(response.statusCode).toBe(404);
    expect(json(response).detail).toBe(
      'Your sign-in is not linked to a volunteer record. Ask your Independent Visitor coordinator to link it.',
    );
  });
});

describe('lapsed training, for the coordinator', () => {
  it('shows lapsed mandatory training on the volunteer page and on the task list', async () => {
    const { volunteerId, visitor } = await world.volunteer('Bethan Rees');
    const expiredOn = addDays(today(), -3);
    await record(visitor, {
      course: 'safeguarding-children',
      completedOn: addYears(today(), -3),
      expiresOn: expiredOn,
    });
    expect((await myTraining(visitor)).lapsedMandatory).toEqual([
      { course: 'safeguarding-children', courseText: 'Safeguarding children', expiredOn },
    ]);
    await project(volunteerId);

    const page =
      (await web(pageEvent('GET', `/volunteers/${volunteerId}`, { as: people.coordinator }))).body ?? '';
    expect(page).toContain('Safeguarding children has lapsed: it expired on');
    const tasks = (await web(pageEvent('GET', '/', { as: people.coordinator }))).body ?? '';
    const section = tasks.slice(tasks.indexOf('id="training"'));
    expect(section).toContain('Bethan Rees');
    expect(section).toContain('Lapsed 3 days ago');
  });

  it('lets the coordinator record training with an expiry on the volunteer’s record', async () => {
    const { volunteerId, visitor } = await world.volunteer('Huw Jenkins');
    const expiresOn = addDays(today(), 20);
    await world.post(`/api/volunteers/${volunteerId}/training`, {
      course: 'trauma-informed-practice',
      expiresOn,
    });
    await project(volunteerId);
    expect((await myTraining(visitor)).courses).toEqual(
      expect.arrayContaining([expect.objectContaining({ course: 'trauma-informed-practice', expiresOn })]),
    );
    const tasks = (await web(pageEvent('GET', '/', { as: people.coordinator }))).body ?? '';
    const section = tasks.slice(tasks.indexOf('id="training"'));
    expect(section).toContain('Huw Jenkins');
    expect(section).toContain('Trauma-informed practice');
    expect(section).toContain('20 days left');
  });
});
