import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createRouter, openApiDocument, route } from '../../../../adapters/http/router';
import type { Principal } from '../../../../application/access';
import { ConcurrencyError } from '../../../../application/ports/event-store-errors';
import { DomainRuleBroken } from '../../../../domain/decider';
import { apiEvent, TEST_SECRET } from '../../../support/http';

const coordinator: Principal = { id: 'u1', name: 'Test Coordinator', role: 'coordinator', la: 'E09999001' };
const auditor: Principal = { ...coordinator, id: 'u2', role: 'auditor' };
const seen: Array<{ commandId: string; requestHash: string }> = [];

const routes = [
  route({
    method: 'POST',
    path: '/api/children/{childId}/offers',
    summary: 'Offer an IV',
    tag: 'children',
    action: 'child:record',
    params: z.object({ childId: z.string().regex(/^[0-9A-Z]{26}$/) }),
    body: z.object({ occurredOn: z.iso.date(), note: z.string().max(10).optional() }),
    successStatus: 201,
    handle: async ({ params, body, command }) => {
      seen.push(command());
      if (body.note === 'conflict')
        throw new DomainRuleBroken('This child already has an Independent Visitor.', 409);
      if (body.note === 'race') throw new ConcurrencyError('child#x', 1, 2);
      return { body: { childId: params.childId } };
    },
  }),
  route({
    method: 'GET',
    path: '/api/children',
    summary: 'Find children',
    tag: 'children',
    action: 'child:read',
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
    handle: async ({ query }) => ({ body: { limit: query.limit } }),
  }),
];
const handle = createRouter(routes, { localSessionSecret: TEST_SECRET });
const ID = '01JH0000000000000000000000';
const json = (r: { body?: string }) => JSON.parse(r.body ?? '{}');

describe('the JSON API router', () => {
  it('runs a valid request and answers with the success status', async () => {
    const response = await handle(
      apiEvent('POST', `/api/children/${ID}/offers`, { as: coordinator, body: { occurredOn: '2026-11-20' } }),
    );
    expect(response.statusCode).toBe(201);
    expect(json(response)).toEqual({ childId: ID });
  });

  it('names every bad field of path, query and body in one problem+json 400', async () => {
    const response = await handle(
      apiEvent('POST', '/api/children/nope/offers', {
        as: coordinator,
        body: { occurredOn: '20 Nov', note: 'far too long a note' },
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    const names = json(response)['invalid-params'].map((p: { name: string }) => p.name);
    expect(names).toEqual(['path.childId', 'body.occurredOn', 'body.note']);
    const query = await handle(apiEvent('GET', '/api/children', { as: coordinator, query: 'limit=500' }));
    expect(json(query)['invalid-params']).toEqual([{ name: 'query.limit', reason: expect.any(String) }]);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await handle(
      apiEvent('POST', `/api/children/${ID}/offers`, { as: coordinator, body: '{not json' }),
    );
    expect(response.statusCode).toBe(400);
    expect(json(response)['invalid-params']).toEqual([{ name: 'body', reason: 'must be valid JSON' }]);
  });

  it('asks for sign-in without a valid session, and refuses a forged one', async () => {
    expect((await handle(apiEvent('GET', '/api/children'))).statusCode).toBe(401);
    const forged = apiEvent('GET', '/api/children', {
      headers: { authorization: 'Bearer eyJpZCI6InUxIn0.forged' },
    });
    expect((await handle(forged)).statusCode).toBe(401);
  });

  it('refuses a role that may not do the action, writing nothing', async () => {
    const before = seen.length;
    const response = await handle(
      apiEvent('POST', `/api/children/${ID}/offers`, { as: auditor, body: { occurredOn: '2026-11-20' } }),
    );
    expect(response.statusCode).toBe(403);
    expect(seen.length).toBe(before);
  });

  it('answers 404 for an unknown address and 405 for a wrong method', async () => {
    expect((await handle(apiEvent('GET', '/api/nothing', { as: coordinator }))).statusCode).toBe(404);
    expect((await handle(apiEvent('DELETE', '/api/children', { as: coordinator }))).statusCode).toBe(405);
  });

  it('turns a broken rule of the domain into its status with a plain sentence, and a lost race into 409', async () => {
    const rule = await handle(
      apiEvent('POST', `/api/children/${ID}/offers`, {
        as: coordinator,
        body: { occurredOn: '2026-11-20', note: 'conflict' },
      }),
    );
    expect(rule.statusCode).toBe(409);
    expect(json(rule).detail).toBe('This child already has an Independent Visitor.');
    const race = await handle(
      apiEvent('POST', `/api/children/${ID}/offers`, {
        as: coordinator,
        body: { occurredOn: '2026-11-20', note: 'race' },
      }),
    );
    expect(race.statusCode).toBe(409);
  });

  it('derives the command id from the Idempotency-Key, scoped to the caller', async () => {
    const send = (key: string, as: Principal) =>
      handle(
        apiEvent('POST', `/api/children/${ID}/offers`, {
          as,
          body: { occurredOn: '2026-11-20' },
          headers: { 'idempotency-key': key },
        }),
      );
    await send('retry-key-1', coordinator);
    await send('retry-key-1', coordinator);
    await send('retry-key-1', { ...coordinator, id: 'u9' });
    const [a, b, c] = seen.slice(-3);
    expect(a).toEqual(b);
    expect(c!.commandId).not.toBe(a!.commandId);
    const bad = await send('x', coordinator);
    expect(json(bad)['invalid-params'][0].name).toBe('header.Idempotency-Key');
  });

  it('describes every route in an OpenAPI 3.1 document built from the same schemas', () => {
    const doc = openApiDocument(routes, { title: 't', version: '1' });
    expect(doc.openapi).toBe('3.1.0');
    const post = doc.paths['/api/children/{childId}/offers']!.post as {
      parameters: unknown;
      requestBody: object;
      responses: object;
    };
    expect(post.parameters).toEqual([
      expect.objectContaining({ name: 'childId', in: 'path', required: true }),
    ]);
    expect(post.requestBody).toMatchObject({
      content: { 'application/json': { schema: { required: ['occurredOn'] } } },
    });
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '409', '422']));
  });
});
