import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { importedVolunteerId, VOLUNTEER_TEMPLATE } from '../../../application/import';
import { volunteerStreamId } from '../../../events/stream-id';
import { startLocalServer } from '../../../infra/local/server';
import { isolatedApp, NORTHVALE, people } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { alex, sam, uniqueRef, volunteersCsv } from '../../support/volunteers-csv';

// Tables of its own: the imported volunteers stay out of the shared LA's register.
const { app } = await isolatedApp(`volunteer-api${Date.now()}`);
const api = createApiHandler(app, { localSessionSecret: TEST_SECRET });
const json = (r: { body?: string }) => JSON.parse(r.body || '{}');
const post = (path: string, body: unknown, as = people.coordinator) =>
  api(apiEvent('POST', path, { as, body }));
const fileBody = (text: string, extra: object = {}) => ({
  file: Buffer.from(text).toString('base64'),
  ...extra,
});
const streamOf = (ref: string) => app.store.read(volunteerStreamId(importedVolunteerId(NORTHVALE, ref)));

describe('the volunteer import API', () => {
  it('previews with each refusal in words, imports what was previewed, and writes nothing the second time', async () => {
    const [a, b] = [uniqueRef(), uniqueRef()];
    const text = volunteersCsv([alex(a), { ...sam(b), PHONE: 'call me' }]);
    const preview = await post('/api/imports/volunteers/preview', fileBody(text));
    expect(preview.statusCode, preview.body).toBe(200);
    const body = json(preview);
    expect(body.totals).toMatchObject({ volunteers: 2, new: 1, refused: 1, facts: 6 });
    expect(body.refusals).toEqual([
      {
        file: 'Volunteers',
        row: 3,
        field: 'PHONE',
        volunteer: b,
        reason: { key: 'phoneInvalid', values: { field: 'PHONE', value: 'call me' } },
        message: 'PHONE “call me” is not a phone number. Enter it like 07700 900982 or +44 7700 900982.',
      },
    ]);
    expect(await streamOf(a)).toEqual([]);

    const stale = await post('/api/imports/volunteers', fileBody(text, { planDigest: 'f'.repeat(64) }));
    expect(stale.statusCode).toBe(409);
    expect(json(stale).title).toBe('The preview is out of date');
    expect(await streamOf(a)).toEqual([]);

    const done = await post('/api/imports/volunteers', fileBody(text, { planDigest: body.planDigest }));
    expect(done.statusCode, done.body).toBe(200);
    expect(json(done).written).toEqual({ volunteers: 1, events: 6 });
    expect((await streamOf(a)).map((e) => e.metadata.actor.id)).toEqual(Array(6).fill(people.coordinator.id));

    const again = json(await post('/api/imports/volunteers/preview', fileBody(text)));
    expect(again.totals).toMatchObject({ unchanged: 1, facts: 0 });
  });

  it('answers a file it cannot import with 400 naming the file, and a body that is not one by its field', async () => {
    const wrong = await post(
      '/api/imports/volunteers/preview',
      fileBody(volunteersCsv([sam(uniqueRef())], ['VOLUNTEER_REF', 'GIVEN_NAME'])),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.headers?.['content-type']).toBe('application/problem+json');
    expect(json(wrong)['invalid-params']).toEqual([
      {
        name: 'body.file',
        reason: expect.stringMatching(
          /^volunteers\.csv has no FAMILY_NAME, EMAIL, .* column\. Use the columns of the template\.$/,
        ),
      },
    ]);
    const notBase64 = await post('/api/imports/volunteers/preview', { file: 'not base64!' });
    expect(notBase64.statusCode).toBe(400);
    expect(json(notBase64)['invalid-params'][0]).toMatchObject({ name: 'body.file' });
  });

  it('gives the template as CSV, to coordinators and admins only', async () => {
    const template = await api(
      apiEvent('GET', '/api/imports/volunteers/template', { as: people.coordinator }),
    );
    expect(template.statusCode).toBe(200);
    expect(template.headers?.['content-type']).toBe('text/csv; charset=utf-8');
    expect(template.body).toBe(VOLUNTEER_TEMPLATE);
    const manager = await api(apiEvent('GET', '/api/imports/volunteers/template', { as: people.manager }));
    expect(manager.statusCode).toBe(403);
  });

  it('answers a 50 MB upload through the server with 413, saying how to import it instead', async () => {
    const server = await startLocalServer({
      app,
      sessionSecret: TEST_SECRET,
      port: 0,
      health: () => ({ ready: true }),
    });
    try {
      const url = `http://localhost:${(server.address() as AddressInfo).port}/api/imports/volunteers/preview`;
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: apiEvent('GET', '/', { as: people.coordinator }).headers.authorization!,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ file: 'A'.repeat(50 * 1024 * 1024) }),
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({
        title: 'The files are too large',
        detail: expect.stringContaining('npm run import -- volunteers <file.csv> --la <code>'),
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
