import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { isolatedApp, people } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { visitorWorld } from '../../support/visitors';

/* The views of the child, the Independent Visitor and the carer at a match review, through the API. */
let api: ReturnType<typeof createApiHandler>;
const world = visitorWorld((event) => api(event));
const json = (r: { body?: string }) => JSON.parse(r.body || '{}');
let childId: string;
beforeAll(async () => {
  const { app } = await isolatedApp(`mr${ulid().toLowerCase()}-`);
  api = createApiHandler(app, { localSessionSecret: TEST_SECRET });
  const { volunteerId } = await world.volunteer('Zara Mensah');
  childId = await world.matchedChild(volunteerId);
});

const review = (body: object) =>
  api(apiEvent('POST', `/api/children/${childId}/match-review`, { as: people.coordinator, body }));
const timeline = async () =>
  json(await api(apiEvent('GET', `/api/children/${childId}/timeline`, { as: people.coordinator })));

describe('a match review through the API', () => {
  it('names each missing or wrong answer in a problem and writes nothing', async () => {
    const before = (await timeline()).length;
    const response = await review({
      outcome: 'continuing',
      childGoing: 'brilliant',
      carersWords: 'x'.repeat(2001),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    const fields = Object.fromEntries(
      json(response)['invalid-params'].map((p: { name: string; reason: string }) => [p.name, p.reason]),
    );
    expect(fields).toEqual({
      'body.childGoing': 'Select how the child says the match is going, or that they did not want to say',
      'body.visitorGoing': 'Select how the Independent Visitor says the match is going',
      'body.carerGoing': 'Select how the carer says the match is going',
      'body.carersWords': 'The carer’s own words must be 2000 characters or fewer',
    });
    expect((await timeline()).length).toBe(before);
  });

  it('records each view, and the history gives what each said with the child’s own words', async () => {
    const response = await review({
      outcome: 'continuing',
      childGoing: 'really-well',
      childsWords: 'Zara is fun and we go swimming.',
      visitorGoing: 'well',
      carerGoing: 'okay',
      carersWords: 'He looks forward to the visits.',
    });
    expect(response.statusCode, response.body).toBe(200);
    const entry = (await timeline()).at(-1);
    expect(entry.type).toBe('MatchReviewed');
    expect(entry.data).toMatchObject({
      childsView: { going: 'really-well', words: 'Zara is fun and we go swimming.' },
      visitorsView: { going: 'well' },
      carersView: { going: 'okay', words: 'He looks forward to the visits.' },
    });
    expect(entry.sentence).toContain(
      'Jay said it is going really well; the Independent Visitor said it is going well; the carer said it is going okay.',
    );
  });
});
