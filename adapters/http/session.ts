import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import type { Principal } from '../../application/access';
import { Actor, Role } from '../../events/envelope';

/**
 * Sessions for the local system: a signed token naming a synthetic persona, with when it was issued and when it
 * expires, carried in a cookie by the browser (pages only) and as a bearer token by API clients. In AWS, identity
 * comes from Cognito through the API's JWT authorizer instead; local sessions are only accepted where the runtime
 * enables them.
 */
export const SESSION_COOKIE = 'iv_session';
/** A session lasts a working day at most, and ends sooner when left unused. */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * 60 * 1000;

const sign = (payload: string, secret: string) =>
  createHmac('sha256', secret).update(payload).digest('base64url');

/** What a token says: who, which session, issued and expiring when (ms since the epoch). */
const TokenPayload = z.strictObject({
  principal: z.strictObject({
    id: Actor.shape.id,
    name: z.string().min(1).max(200),
    role: Role,
    la: Actor.shape.la,
    volunteerId: z.string().min(1).max(64).optional(),
  }),
  sid: z.uuid(),
  iat: z.number().int().nonnegative(),
  exp: z.number().int().nonnegative(),
});
type TokenPayload = z.infer<typeof TokenPayload>;

/** Exactly `<payload>.<signature>`, both base64url, the signature an HMAC-SHA256: anything else is not a token. */
const TOKEN = /^([A-Za-z0-9_-]{1,4000})\.([A-Za-z0-9_-]{43})$/;

export function issueSessionToken(principal: Principal, secret: string, now = Date.now()): string {
  const body: TokenPayload = {
    principal: {
      id: principal.id,
      name: principal.name,
      role: principal.role,
      la: principal.la,
      ...(principal.volunteerId ? { volunteerId: principal.volunteerId } : {}),
    },
    sid: randomUUID(),
    iat: now,
    exp: now + SESSION_LIFETIME_MS,
  };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** The token's contents if it is one of ours, signed with this secret, issued in the past and not yet expired. */
export function readSessionToken(token: string, secret: string, now = Date.now()): TokenPayload | undefined {
  const [, payload, signature] = TOKEN.exec(token) ?? [];
  if (!payload || !signature) return undefined;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const claims = TokenPayload.safeParse(parsed);
  if (!claims.success || claims.data.principal.role === 'system') return undefined;
  const { iat, exp } = claims.data;
  // A minute's leeway for clocks; a lifetime longer than ours was not issued by us.
  if (iat > now + 60_000 || exp <= now || exp - iat > SESSION_LIFETIME_MS) return undefined;
  return claims.data;
}

export const verifySessionToken = (token: string, secret: string, now = Date.now()): Principal | undefined =>
  readSessionToken(token, secret, now)?.principal;

/**
 * The live side of local sessions, in the memory of the one process that signs them (its secret is made afresh at
 * every start, so no session outlives the process): sessions signed out, and when each was last used, for the idle
 * timeout. Entries go once their session would have expired anyway.
 */
export class SessionRegistry {
  private readonly signedOut = new Map<string, number>();
  private readonly lastUsed = new Map<string, { at: number; exp: number }>();

  /** True when the session may carry on now, which counts as using it. */
  use(session: Pick<TokenPayload, 'sid' | 'exp'>, now: number): boolean {
    this.prune(now);
    if (this.signedOut.has(session.sid)) return false;
    const last = this.lastUsed.get(session.sid);
    if (last && now - last.at > SESSION_IDLE_MS) return false;
    this.lastUsed.set(session.sid, { at: now, exp: session.exp });
    return true;
  }

  signOut(session: Pick<TokenPayload, 'sid' | 'exp'>): void {
    this.signedOut.set(session.sid, session.exp);
    this.lastUsed.delete(session.sid);
  }

  private prune(now: number): void {
    for (const [sid, exp] of this.signedOut) if (exp <= now) this.signedOut.delete(sid);
    for (const [sid, last] of this.lastUsed) if (last.exp <= now) this.lastUsed.delete(sid);
  }
}

export function cookieValue(event: APIGatewayProxyEventV2, name: string): string | undefined {
  for (const cookie of event.cookies ?? []) {
    const [key, ...rest] = cookie.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * Cognito puts groups in `cognito:groups` and the LA in a custom attribute; an Independent Visitor's user also
 * carries the id of their volunteer record (custom:volunteer_id).
 */
function principalFromJwt(claims: Record<string, unknown>): Principal | undefined {
  const groups = String(claims['cognito:groups'] ?? '')
    .replace(/[[\]]/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
  const role = groups.map((g) => Role.safeParse(g)).find((r) => r.success)?.data;
  const la = claims['custom:la'];
  if (!role || role === 'system' || typeof la !== 'string' || typeof claims.sub !== 'string')
    return undefined;
  const volunteerId = claims['custom:volunteer_id'];
  return {
    id: claims.sub,
    name: String(claims.name ?? claims.email ?? claims.sub),
    role,
    la,
    ...(role === 'independent-visitor' && typeof volunteerId === 'string' && volunteerId
      ? { volunteerId }
      : {}),
  };
}

export interface AuthConfig {
  /** The HMAC secret for local sessions; undefined in AWS, where only Cognito tokens count. */
  localSessionSecret?: string;
  /** Sign-outs and the idle timeout of local sessions; without it only signature and expiry are checked. */
  sessions?: SessionRegistry;
  /** Real time in ms, for expiry and idleness (tests move it). */
  now?: () => number;
}

/**
 * The local session a request carries, if any: the API takes it from the Authorization header only, so a page on
 * another site can never act through a browser's cookie; the pages also take the cookie.
 */
export function sessionOf(
  event: APIGatewayProxyEventV2,
  config: AuthConfig,
  from: { cookie: boolean },
): TokenPayload | undefined {
  if (!config.localSessionSecret) return undefined;
  const bearer = event.headers?.authorization?.match(/^Bearer ([^\s]+)$/)?.[1];
  const token = bearer ?? (from.cookie ? cookieValue(event, SESSION_COOKIE) : undefined);
  if (!token) return undefined;
  const now = config.now?.() ?? Date.now();
  const session = readSessionToken(token, config.localSessionSecret, now);
  if (!session || (config.sessions && !config.sessions.use(session, now))) return undefined;
  return session;
}

export function principalOf(
  event: APIGatewayProxyEventV2,
  config: AuthConfig,
  from: { cookie: boolean } = { cookie: false },
): Principal | undefined {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } })
    .authorizer?.jwt?.claims;
  if (claims) return principalFromJwt(claims);
  return sessionOf(event, config, from)?.principal;
}
