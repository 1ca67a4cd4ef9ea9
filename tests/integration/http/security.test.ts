import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSessionToken, SESSION_LIFETIME_MS } from '../../../adapters/http/session';
import { startLocalServer } from '../../../infra/local/server';
import { people, testApp } from '../../support/app';

/**
 * Findings 3, 5, 6 and part of 9 of issue 19, over real HTTP against the local server (the stand-in for CloudFront
 * and API Gateway): forgery from another site, oversized bodies, bad escapes, sessions that end, and nosniff.
 */
const app = testApp();
let server: Server;
let base: string;
let host: string;
beforeAll(async () => {
  server = await startLocalServer({ app, port: 0, health: () => ({ ready: true }) });
  host = `localhost:${(server.address() as AddressInfo).port}`;
  base = `http://${host}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

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

/** Signs in as the first persona (a coordinator) through the form, and returns the session cookie. */
async function signIn(): Promise<string> {
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: 'persona=persona-coordinator',
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('iv_session='))!;
  expect(cookie).toMatch(/Max-Age=28800; HttpOnly; SameSite=Strict/);
  return cookie.split(';')[0]!;
}
const tokenOf = (cookie: string) => cookie.slice('iv_session='.length);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const me = (headers: Record<string, string>) => fetch(`${base}/api/me`, { headers });
const enterCare = (headers: Record<string, string>, body: string = JSON.stringify(newChild)) =>
  fetch(`${base}/api/children`, { method: 'POST', headers, body });
const childrenOf = async (token: string) =>
  (await (await fetch(`${base}/api/reports/la`, { headers: bearer(token) })).json()) as unknown;

describe('the API cannot be forged from another page (finding 3)', () => {
  it('refuses the session cookie, whatever else the request carries, and writes nothing', async () => {
    const cookie = await signIn();
    const before = await childrenOf(tokenOf(cookie));
    for (let attempt = 0; attempt < 3; attempt++) {
      const forged = await enterCare({
        cookie,
        'content-type': 'text/plain',
        origin: 'http://evil.example',
        'sec-fetch-site': 'cross-site',
      });
      expect(forged.status).toBe(401);
      expect(forged.headers.get('content-type')).toBe('application/problem+json');
      const sameSite = await enterCare({ cookie, 'content-type': 'application/json' });
      expect(sameSite.status).toBe(401);
    }
    expect(await childrenOf(tokenOf(cookie))).toEqual(before);
  });

  it('takes a bearer token, and then only a JSON body', async () => {
    const token = tokenOf(await signIn());
    const plain = await enterCare({ ...bearer(token), 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    const form = await enterCare({ ...bearer(token), 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const json = await enterCare({ ...bearer(token), 'content-type': 'application/json; charset=utf-8' });
    expect(json.status).toBe(201);
  });

  it('answers JSON with nosniff, for results and problems alike (finding 9)', async () => {
    const token = tokenOf(await signIn());
    for (const response of [await me(bearer(token)), await me({}), await fetch(`${base}/api/openapi.json`)]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-type')).toMatch(/^application\/(problem\+)?json$/);
    }
  });
});

describe("the pages' same-origin check (finding 3)", () => {
  const post = (origin: string | undefined, cookie: string) =>
    fetch(`${base}/children`, {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        ...(origin === undefined ? {} : { origin }),
      },
      body: new URLSearchParams({
        'dateOfBirth-day': '2',
        'dateOfBirth-month': '5',
        'dateOfBirth-year': '2014',
      }),
      redirect: 'manual',
    });

  it('refuses another scheme, host or port, "null", and a malformed Origin with a 403, never a 500', async () => {
    const cookie = await signIn();
    const port = Number(host.split(':')[1]);
    for (const origin of [
      'http://evil.example',
      `https://${host}`,
      `http://localhost:${port + 1}`,
      `http://${host}.evil.example`,
      'null',
      'http://[',
      '::::',
      '',
    ]) {
      const response = await post(origin, cookie);
      expect(response.status, origin).toBe(403);
      expect(await response.text()).toContain('This form must be sent from this service.');
    }
    // The same origin passes the check (and gets the form back with its mistakes).
    expect((await post(base, cookie)).status).toBe(400);
  });
});

describe('bad input gives a 4xx, never a 500 (finding 5)', () => {
  it('answers a body of 1 MB or more with a 413 problem+json, for the API and the pages', async () => {
    const token = tokenOf(await signIn());
    const big = JSON.stringify({ ...newChild, padding: 'x'.repeat(1_000_000) });
    const api = await enterCare({ ...bearer(token), 'content-type': 'application/json' }, big);
    expect(api.status).toBe(413);
    expect(api.headers.get('content-type')).toBe('application/problem+json');
    expect(((await api.json()) as { detail: string }).detail).toBe('Send less than 1 MB. Nothing was saved.');
    const page = await fetch(`${base}/children`, { method: 'POST', body: `a=${'x'.repeat(1_000_000)}` });
    expect(page.status).toBe(413);
  });

  it('answers a bad % escape in a path id with a 400 problem+json in the API and a 404 page', async () => {
    const token = tokenOf(await signIn());
    for (const id of ['%zz', '%E0%A4%A', '%']) {
      const api = await fetch(`${base}/api/children/${id}`, { headers: bearer(token) });
      expect(api.status, id).toBe(400);
      expect(api.headers.get('content-type')).toBe('application/problem+json');
      const page = await fetch(`${base}/children/${id}`, { headers: { cookie: `iv_session=${token}` } });
      expect(page.status, id).toBe(404);
    }
  });
});

describe('local sessions end (finding 6)', () => {
  it('stops accepting a token once its session has signed out', async () => {
    const cookie = await signIn();
    expect((await me(bearer(tokenOf(cookie)))).status).toBe(200);
    const out = await fetch(`${base}/sign-out`, { headers: { cookie }, redirect: 'manual' });
    expect(out.status).toBe(303);
    expect((await me(bearer(tokenOf(cookie)))).status).toBe(401);
    const page = await fetch(`${base}/`, { headers: { cookie }, redirect: 'manual' });
    expect(page.headers.get('location')).toBe('/sign-in');
  });

  it('refuses a token with anything appended, or changed', async () => {
    const token = tokenOf(await signIn());
    for (const tampered of [
      `${token}.anything`,
      `${token}.`,
      `${token}x`,
      `x${token}`,
      token.replace('.', '..'),
    ])
      expect((await me(bearer(tampered))).status, tampered).toBe(401);
    expect((await me(bearer(token))).status).toBe(200);
  });

  it('refuses a token signed by an earlier start of the server: the secret is new every start', async () => {
    const token = tokenOf(await signIn());
    const again = await startLocalServer({ app, port: 0, health: () => ({ ready: true }) });
    try {
      const other = `http://localhost:${(again.address() as AddressInfo).port}`;
      expect((await fetch(`${other}/api/me`, { headers: bearer(token) })).status).toBe(401);
    } finally {
      await new Promise((resolve) => again.close(resolve));
    }
  });

  it('signs a token that says when it was issued and expires 8 hours later', async () => {
    const token = tokenOf(await signIn());
    const payload = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));
    expect(payload.exp - payload.iat).toBe(SESSION_LIFETIME_MS);
    expect(Math.abs(payload.iat - Date.now())).toBeLessThan(60_000);
    expect(issueSessionToken(people.coordinator, 's', 0)).not.toBe(
      issueSessionToken(people.coordinator, 's', 0),
    );
  });
});
