import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createPageRouter } from '../../../../adapters/web/pages';
import { cognitoSessionPages, ID_TOKEN_COOKIE } from '../../../../adapters/web/routes/cognito';

const domainUrl = 'https://iv-test.auth.eu-west-2.amazoncognito.com';
const siteUrl = 'https://d111.cloudfront.net';

function routerWith(fetchImpl: typeof fetch) {
  const calls: Array<{ url: string; body: URLSearchParams }> = [];
  const recordingFetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, body: new URLSearchParams(String(init.body)) });
    return fetchImpl(url, init);
  }) as typeof fetch;
  const router = createPageRouter({
    pages: cognitoSessionPages({ domainUrl, clientId: 'client-1', siteUrl, fetch: recordingFetch }),
    auth: {},
    navigation: () => ({ navigation: [] }),
  });
  return { router, calls };
}

const get = (path: string, query = '', cookies: string[] = []) =>
  ({
    rawPath: path,
    rawQueryString: query,
    cookies,
    headers: {},
    requestContext: { http: { method: 'GET' } },
  }) as unknown as APIGatewayProxyEventV2;

const cookiePair = (setCookie: string) => setCookie.split(';')[0]!;

async function signInRedirect(router: ReturnType<typeof routerWith>['router']) {
  const result = (await router(get('/sign-in'))) as APIGatewayProxyStructuredResultV2;
  const location = new URL(String(result.headers?.location));
  return { result, location, oauthCookie: cookiePair(result.cookies![0]!) };
}

const tokenEndpoint = (body: unknown, status = 200) =>
  (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

describe('signing in through the Cognito hosted UI', () => {
  it('sends the browser to the hosted UI with a fresh state and a PKCE challenge it can later prove', async () => {
    const { router } = routerWith(tokenEndpoint({}));
    const { result, location, oauthCookie } = await signInRedirect(router);
    expect(result.statusCode).toBe(303);
    expect(`${location.origin}${location.pathname}`).toBe(`${domainUrl}/oauth2/authorize`);
    expect(location.searchParams.get('redirect_uri')).toBe(`${siteUrl}/auth/callback`);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    const [state, verifier] = oauthCookie.split('=')[1]!.split('.');
    expect(location.searchParams.get('state')).toBe(state);
    expect(location.searchParams.get('code_challenge')).toBe(
      createHash('sha256').update(verifier!).digest('base64url'),
    );
    expect(result.cookies![0]).toMatch(/HttpOnly; Secure; SameSite=Lax/);
    const again = await signInRedirect(router);
    expect(again.location.searchParams.get('state')).not.toBe(state);
  });

  it('exchanges the code with the verifier and keeps the ID token in an HttpOnly, Secure cookie', async () => {
    const { router, calls } = routerWith(
      tokenEndpoint({ id_token: 'header.payload.signature', expires_in: 3600 }),
    );
    const { location, oauthCookie } = await signInRedirect(router);
    const state = location.searchParams.get('state')!;
    const result = (await router(
      get('/auth/callback', `code=abc&state=${state}`, [oauthCookie]),
    )) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(303);
    expect(result.headers?.location).toBe('/');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`${domainUrl}/oauth2/token`);
    expect(calls[0]!.body.get('grant_type')).toBe('authorization_code');
    expect(calls[0]!.body.get('code')).toBe('abc');
    expect(calls[0]!.body.get('code_verifier')).toBe(oauthCookie.split('.')[1]);
    const idCookie = result.cookies!.find((c) => c.startsWith(`${ID_TOKEN_COOKIE}=`))!;
    expect(idCookie).toMatch(
      /^iv_id_token=header\.payload\.signature; Path=\/; Max-Age=3600; HttpOnly; Secure/,
    );
  });

  it('refuses a callback whose state does not match the one this browser was given, without calling Cognito', async () => {
    const { router, calls } = routerWith(tokenEndpoint({ id_token: 'x.y.z' }));
    const { oauthCookie } = await signInRedirect(router);
    const result = (await router(
      get('/auth/callback', 'code=abc&state=forged', [oauthCookie]),
    )) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(400);
    expect(result.cookies ?? []).not.toContainEqual(expect.stringContaining(ID_TOKEN_COOKIE));
    expect(calls).toHaveLength(0);
  });

  it('refuses a callback when Cognito rejects the code', async () => {
    const { router } = routerWith(tokenEndpoint({ error: 'invalid_grant' }, 400));
    const { location, oauthCookie } = await signInRedirect(router);
    const result = (await router(
      get('/auth/callback', `code=used&state=${location.searchParams.get('state')}`, [oauthCookie]),
    )) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(400);
  });

  it('signs out by clearing the token and ending the hosted UI session', async () => {
    const { router } = routerWith(tokenEndpoint({}));
    const result = (await router(get('/sign-out'))) as APIGatewayProxyStructuredResultV2;
    const location = new URL(String(result.headers?.location));
    expect(`${location.origin}${location.pathname}`).toBe(`${domainUrl}/logout`);
    expect(location.searchParams.get('logout_uri')).toBe(`${siteUrl}/sign-in`);
    expect(result.cookies).toContainEqual(expect.stringMatching(/^iv_id_token=; .*Max-Age=0/));
  });
});
