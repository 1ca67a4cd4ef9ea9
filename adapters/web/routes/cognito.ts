import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { HttpProblem } from '../../http/problem';
import { cookieValue } from '../../http/session';
import type { Page } from '../pages';

/**
 * Sign-in in AWS: Cognito's hosted UI with the OAuth 2.0 authorization code flow and PKCE (a public client, so no
 * client secret to keep). The callback exchanges the code for an ID token straight from Cognito's token endpoint over
 * TLS and keeps it in an HttpOnly cookie. This function does not verify the token's signature itself: every later
 * request reaches it through API Gateway's JWT authorizer (CloudFront copies the cookie into the Authorization
 * header), which verifies signature, issuer, audience and expiry before the page sees the claims.
 */
export const ID_TOKEN_COOKIE = 'iv_id_token';
const OAUTH_COOKIE = 'iv_oauth';
const CALLBACK_PATH = '/auth/callback';

export interface CognitoSignInConfig {
  /** The hosted UI's base URL, e.g. https://iv-records.auth.eu-west-2.amazoncognito.com */
  domainUrl: string;
  clientId: string;
  /** The site's public URL (CloudFront), where Cognito sends the browser back. */
  siteUrl: string;
  /** For tests: the token endpoint call. */
  fetch?: typeof fetch;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');
const same = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Lax, not Strict: the browser arrives at the callback (and then at /) from Cognito's domain. */
const cookie = (name: string, value: string, path: string, maxAge: number) =>
  `${name}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Lax`;

const signInFailed = () =>
  new HttpProblem(
    400,
    'Sign-in did not complete',
    'Sign-in took too long or was interrupted. Sign in again.',
  );

export function cognitoSessionPages(config: CognitoSignInConfig): Page[] {
  const redirectUri = `${config.siteUrl}${CALLBACK_PATH}`;
  const doFetch = config.fetch ?? fetch;
  return [
    {
      method: 'GET',
      path: '/sign-in',
      action: 'public',
      handle: async () => {
        const state = base64url(randomBytes(16));
        const verifier = base64url(randomBytes(32));
        const challenge = base64url(createHash('sha256').update(verifier).digest());
        const query = new URLSearchParams({
          response_type: 'code',
          client_id: config.clientId,
          redirect_uri: redirectUri,
          scope: 'openid email profile',
          state,
          code_challenge: challenge,
          code_challenge_method: 'S256',
        });
        return {
          redirect: `${config.domainUrl}/oauth2/authorize?${query}`,
          cookies: [cookie(OAUTH_COOKIE, `${state}.${verifier}`, CALLBACK_PATH, 600)],
        };
      },
    },
    {
      method: 'GET',
      path: CALLBACK_PATH,
      action: 'public',
      handle: async ({ query, event }) => {
        const [expectedState, verifier] = (cookieValue(event, OAUTH_COOKIE) ?? '').split('.');
        const code = query.get('code');
        const state = query.get('state') ?? '';
        if (!code || !expectedState || !verifier || !same(state, expectedState)) throw signInFailed();
        const response = await doFetch(`${config.domainUrl}/oauth2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            client_id: config.clientId,
            code,
            redirect_uri: redirectUri,
            code_verifier: verifier,
          }).toString(),
        });
        if (!response.ok) throw signInFailed();
        const tokens = (await response.json()) as { id_token?: string; expires_in?: number };
        if (!tokens.id_token) throw signInFailed();
        return {
          redirect: '/',
          cookies: [
            cookie(ID_TOKEN_COOKIE, tokens.id_token, '/', tokens.expires_in ?? 3600),
            cookie(OAUTH_COOKIE, '', CALLBACK_PATH, 0),
          ],
        };
      },
    },
    {
      method: 'GET',
      path: '/sign-out',
      action: 'public',
      handle: async () => ({
        redirect: `${config.domainUrl}/logout?${new URLSearchParams({
          client_id: config.clientId,
          logout_uri: `${config.siteUrl}/sign-in`,
        })}`,
        cookies: [cookie(ID_TOKEN_COOKIE, '', '/', 0)],
      }),
    },
  ];
}
