import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { createWebHandler } from '../../../adapters/web/app';
import { addDays, londonDateOf } from '../../../domain/calendar';
import { people, testApp } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { vettingSteps } from '../../support/vetting';

/*
 * A child's own copy of their record, when their Independent Visitor also visits other children and the child has
 * changed Independent Visitors. Every name is made up, given in what the children said (the child's own words) and
 * in what staff wrote (reasons), where names can appear today.
 */
const app = testApp();
const auth = { localSessionSecret: TEST_SECRET };
const api = createApiHandler(app, auth);
const web = createWebHandler(app, auth);
const today = londonDateOf(new Date());
type Person = (typeof people)[keyof typeof people];

const post = async (path: string, body: object = {}, as: Person = people.coordinator) => {
  const r = await api(apiEvent('POST', path, { as, body }));
  expect(r.statusCode, r.body).toBeLessThan(300);
  return JSON.parse(r.body || '{}');
};

async function volunteer(name = 'Morwenna Castellane'): Promise<string> {
  const { volunteerId } = await post('/api/volunteers', { name });
  for (const [slug, body] of vettingSteps({ today, dbs: { certificateNumber: '004455667788' }, capacity: 2 }))
    await post(`/api/volunteers/${volunteerId}/${slug}`, body);
  return volunteerId;
}

/** A child in care who said who they are and was referred: ready to be matched. */
async function child(name: string): Promise<string> {
  const [firstNames, lastName] = name.split(' ') as [string, string];
  const { childId } = await post('/api/children', {
    firstNames,
    lastName,
    dateOfBirth: '2013-02-11',
    sex: 'female',
    ethnicity: 'WIRI',
    unaccompaniedAsylumSeeking: false,
    placementInLaArea: true,
    socialWorkerRef: 'social-worker-1',
    iroRef: 'iro-1',
    occurredOn: addDays(today, -40),
    reason: `Entered from ${name}'s case file`,
  });
  await post(`/api/children/${childId}/offer`);
  await post(`/api/children/${childId}/decision`, {
    decision: 'accepted',
    sufficientUnderstanding: true,
    childsWords: `I'm ${name} and I'd like someone to go swimming with`,
  });
  await post(`/api/children/${childId}/referral`, { needs: [], interests: ['swimming'], preferences: [] });
  return childId;
}

const match = (childId: string, volunteerId: string) =>
  post(`/api/children/${childId}/match`, { volunteerId });

describe('a subject access copy', () => {
  it('holds the child’s own record, in plain English, and no other child’s name, after a change of visitor', async () => {
    const [first, second] = [await volunteer(), await volunteer()];
    const ours = await child('Saoirse Quennell');
    const others = {
      'Tobias Wrenfield': await child('Tobias Wrenfield'),
      'Halima Osei': await child('Halima Osei'),
    };
    await match(ours, first);
    await match(others['Tobias Wrenfield'], first);
    await post(`/api/children/${ours}/iv-resignation`, { writtenNoticeOn: today });
    await post(`/api/children/${ours}/referral`, { needs: [], interests: ['swimming'], preferences: [] });
    await match(ours, second);
    await match(others['Halima Osei'], second);

    const response = await api(
      apiEvent('POST', `/api/children/${ours}/personal-data/subject-access`, {
        as: people.manager,
        body: { reference: 'SAR-2026-014' },
      }),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers?.['content-type']).toContain('text/html');
    const html = response.body!;

    expect(html).toContain('Saoirse Quennell');
    expect(html).toContain('11 February 2013');
    expect(html).toContain('White Irish');
    expect(html).toContain('matched Saoirse Quennell with a volunteer as their Independent Visitor');
    expect(html).toContain('the Independent Visitor’s resignation');
    expect(html).toContain('Request reference</th><td>SAR-2026-014');
    expect(html).toMatch(/Kept until 11 February 2088/);
    for (const name of Object.keys(others)) expect(html).not.toContain(name);
    // Nor the ids that point at other people: the volunteers and the other children.
    for (const id of [first, second, ...Object.values(others)]) expect(html).not.toContain(id);
    expect(html).not.toContain('004455667788');
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T/);

    const views = await app.accessLog.listViews(`child#${ours}`);
    expect(views.views.map((v) => [v.viewer.id, v.what])).toEqual(
      expect.arrayContaining([
        [people.manager.id, 'subject access request SAR-2026-014'],
        [people.manager.id, expect.stringMatching(/^subject access copy SAR-2026-014: \d+ entries$/)],
      ]),
    );
  });

  it('is made by the roles allowed, from the record’s page as a download, and by the audit command line', async () => {
    const ours = await child('Wilhelmina Ashdown');
    const denied = await api(
      apiEvent('POST', `/api/children/${ours}/personal-data/subject-access`, {
        as: people.coordinator,
        body: { reference: 'SAR-1' },
      }),
    );
    expect(denied.statusCode).toBe(403);
    const bad = await api(
      apiEvent('POST', `/api/children/${ours}/personal-data/subject-access`, {
        as: people.auditor,
        body: { reference: '<b>' },
      }),
    );
    expect(bad.statusCode).toBe(400);

    const page = await web(
      apiEvent('POST', `/children/${ours}/personal-data/subject-access`, {
        as: people.auditor,
        body: new URLSearchParams({ reference: 'SAR 2026/15' }).toString(),
      }),
    );
    expect(page.statusCode).toBe(200);
    expect(page.headers?.['content-disposition']).toBe(
      'attachment; filename="subject-access-SAR-2026-15.html"',
    );
    expect(page.body).toContain('Wilhelmina Ashdown');

    const out = await mkdtemp(join(tmpdir(), 'sar-'));
    const tables = inject('tables');
    await promisify(execFile)(
      'node_modules/.bin/tsx',
      [
        'scripts/audit.ts',
        'subject-access',
        `child#${ours}`,
        out,
        '--reference',
        'SAR-2026-016',
        '--as',
        'auditor-cli',
        '--la',
        people.auditor.la,
      ],
      {
        env: {
          ...process.env,
          DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
          EVENTS_TABLE: tables.events,
          COMMANDS_TABLE: tables.commands,
          ACCESS_LOG_TABLE: tables.accessLog,
          PERSONAL_DATA_KEYS_TABLE: tables.personalDataKeys,
          PERSONAL_DATA_KEY_FILE: inject('kekFile'),
        },
      },
    );
    const [file] = await readdir(out);
    expect(file).toBe(`child-${ours}-subject-access-SAR-2026-016.html`);
    expect(await readFile(join(out, file!), 'utf8')).toContain('Wilhelmina Ashdown');
  });
});
