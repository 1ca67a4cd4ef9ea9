import { createHmac, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Principal } from '../../application/access';
import { Role } from '../../events/envelope';

/**
 * Sessions for the local system: a signed token naming a synthetic persona, carried in a cookie by the browser and
 * as a bearer token by API clients. In AWS, identity comes from Cognito through the API's JWT authorizer instead;
 * local sessions are only accepted where the runtime enables them.
 */
export const SESSION_COOKIE = 'iv_session';

const sign = (payload: string, secret: string) =>
  createHmac('sha256', secret).update(payload).digest('base64url');

export function issueSessionToken(principal: Principal, secret: string): string {
  const payload = Buffer.from(JSON.stringify(principal)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

export function verifySessionToken(token: string, secret: string): Principal | undefined {
  const [payload, signature] = token.split('.');
  if (!payload || !signature) return undefined;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const principal = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Principal;
    return Role.safeParse(principal.role).success ? principal : undefined;
  } catch {
    return undefined;
  }
}

export function cookieValue(event: APIGatewayProxyEventV2, name: string): string | undefined {
  for (const cookie of event.cookies ?? []) {
    const [key, ...rest] = cookie.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** Cognito puts groups in `cognito:groups` and the LA in a custom attribute. */
function principalFromJwt(claims: Record<string, unknown>): Principal | undefined {
  const groups = String(claims['cognito:groups'] ?? '')
    .replace(/[[\]]/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
  const role = groups.map((g) => Role.safeParse(g)).find((r) => r.success)?.data;
  const la = claims['custom:la'];
  if (!role || role === 'system' || typeof la !== 'string' || typeof claims.sub !== 'string')
    return undefined;
  return { id: claims.sub, name: String(claims.name ?? claims.email ?? claims.sub), role, la };
}

export interface AuthConfig {
  /** The HMAC secret for local sessions; undefined in AWS, where only Cognito tokens count. */
  localSessionSecret?: string;
}

export function principalOf(event: APIGatewayProxyEventV2, config: AuthConfig): Principal | undefined {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } })
    .authorizer?.jwt?.claims;
  if (claims) return principalFromJwt(claims);
  if (!config.localSessionSecret) return undefined;
  const bearer = event.headers?.authorization?.match(/^Bearer (.+)$/)?.[1];
  const token = bearer ?? cookieValue(event, SESSION_COOKIE);
  return token ? verifySessionToken(token, config.localSessionSecret) : undefined;
}
