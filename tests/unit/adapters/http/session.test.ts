import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  issueSessionToken,
  principalOf,
  SESSION_IDLE_MS,
  SESSION_LIFETIME_MS,
  SessionRegistry,
} from '../../../../adapters/http/session';
import type { Principal } from '../../../../application/access';
import { apiEvent } from '../../../support/http';

const SECRET = 'unit-secret';
const coordinator: Principal = { id: 'u1', name: 'Test Coordinator', role: 'coordinator', la: 'E09999001' };
const T0 = Date.parse('2026-12-01T09:00:00Z');
const MINUTE = 60_000;

/** Who the API sees for a token at a moment, with or without the live registry. */
const seenAt = (token: string, at: number, sessions?: SessionRegistry, cookie = false) =>
  principalOf(
    apiEvent('GET', '/api/me', cookie ? {} : { headers: { authorization: `Bearer ${token}` } }),
    { localSessionSecret: SECRET, sessions, now: () => at },
    { cookie },
  );
const signed = (payload: object) => {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
};

describe('local session tokens (finding 6)', () => {
  it('expire 8 hours after they were issued, however busy the session', () => {
    const token = issueSessionToken(coordinator, SECRET, T0);
    const sessions = new SessionRegistry();
    for (let at = T0; at < T0 + SESSION_LIFETIME_MS; at += 20 * MINUTE)
      expect(seenAt(token, at, sessions)).toEqual(coordinator);
    expect(seenAt(token, T0 + SESSION_LIFETIME_MS, sessions)).toBeUndefined();
  });

  it('end after 30 minutes without use', () => {
    const token = issueSessionToken(coordinator, SECRET, T0);
    const sessions = new SessionRegistry();
    expect(seenAt(token, T0 + MINUTE, sessions)).toEqual(coordinator);
    expect(seenAt(token, T0 + MINUTE + SESSION_IDLE_MS + 1, sessions)).toBeUndefined();
  });

  it('end when signed out, and only that session', () => {
    const sessions = new SessionRegistry();
    const mine = issueSessionToken(coordinator, SECRET, T0);
    const other = issueSessionToken(coordinator, SECRET, T0);
    const session = JSON.parse(Buffer.from(mine.split('.')[0]!, 'base64url').toString('utf8'));
    sessions.signOut(session);
    expect(seenAt(mine, T0 + MINUTE, sessions)).toBeUndefined();
    expect(seenAt(other, T0 + MINUTE, sessions)).toEqual(coordinator);
  });

  it('are refused when issued in the future, living longer than 8 hours, or for the system actor, even if signed', () => {
    const base = { principal: coordinator, sid: '8b1c3a52-3f57-4d39-9d1e-2f0b5a3f7c11', iat: T0 };
    expect(seenAt(signed({ ...base, exp: T0 + MINUTE }), T0)).toEqual(coordinator);
    expect(seenAt(signed({ ...base, iat: T0 + 10 * MINUTE, exp: T0 + 20 * MINUTE }), T0)).toBeUndefined();
    expect(seenAt(signed({ ...base, exp: T0 + SESSION_LIFETIME_MS + 1 }), T0)).toBeUndefined();
    expect(
      seenAt(signed({ ...base, principal: { ...coordinator, role: 'system' }, exp: T0 + MINUTE }), T0),
    ).toBeUndefined();
    expect(seenAt(signed({ ...base, exp: T0 + MINUTE, extra: true }), T0)).toBeUndefined();
    expect(seenAt(signed(coordinator), T0)).toBeUndefined();
  });

  it('are read from the cookie by the pages only', () => {
    const token = issueSessionToken(coordinator, SECRET, T0);
    const withCookie = { ...apiEvent('GET', '/'), cookies: [`iv_session=${token}`] };
    const config = { localSessionSecret: SECRET, now: () => T0 };
    expect(principalOf(withCookie, config)).toBeUndefined();
    expect(principalOf(withCookie, config, { cookie: true })).toEqual(coordinator);
  });
});
