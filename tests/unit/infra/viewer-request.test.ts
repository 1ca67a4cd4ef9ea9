import { describe, expect, it } from 'vitest';
import { VIEWER_HOST_HEADER, viewerRequestCode } from '../../../infra/constructs/viewer-request';

/** The exact code CloudFront runs, evaluated here with the request shape CloudFront Functions pass. */
const handler = new Function('Buffer', `${viewerRequestCode}; return handler;`)(Buffer) as (
  event: unknown,
) => {
  statusCode?: number;
  headers: Record<string, { value: string }>;
  uri?: string;
};

const token = (exp: number) =>
  ['header', Buffer.from(JSON.stringify({ sub: 'u1', exp })).toString('base64url'), 'signature'].join('.');
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const anHourAgo = () => Math.floor(Date.now() / 1000) - 3600;

const request = (
  uri: string,
  options: { cookie?: string; authorization?: string; viewerHost?: string } = {},
) => ({
  request: {
    uri,
    method: 'GET',
    headers: {
      host: { value: 'iv.example.gov.uk' },
      ...(options.authorization ? { authorization: { value: options.authorization } } : {}),
      ...(options.viewerHost ? { [VIEWER_HOST_HEADER]: { value: options.viewerHost } } : {}),
    },
    cookies: options.cookie ? { iv_id_token: { value: options.cookie } } : {},
  },
});

describe('the CloudFront viewer-request function', () => {
  it('turns a current ID token cookie into a bearer token for the JWT authorizer', () => {
    const t = token(inAnHour());
    const out = handler(request('/children/123', { cookie: t }));
    expect(out.headers.authorization).toEqual({ value: `Bearer ${t}` });
  });

  it('sends a page request without a token, or with an expired or garbled one, to sign-in', () => {
    for (const cookie of [undefined, token(anHourAgo()), 'not-a-jwt']) {
      const out = handler(request('/children/123', { cookie }));
      expect(out.statusCode).toBe(303);
      expect(out.headers.location).toEqual({ value: '/sign-in' });
    }
  });

  it('lets the sign-in pages and the OpenAPI document through without a token', () => {
    for (const uri of ['/sign-in', '/auth/callback', '/sign-out', '/api/openapi.json']) {
      const out = handler(request(uri));
      expect(out.statusCode).toBeUndefined();
      expect(out.headers.authorization).toBeUndefined();
    }
  });

  it('leaves API calls without a token to the authorizer (a 401, not a redirect)', () => {
    const out = handler(request('/api/children'));
    expect(out.statusCode).toBeUndefined();
  });

  it('never turns the cookie into a token for the API, so another site cannot act through a browser (finding 3)', () => {
    const out = handler(request('/api/children/123/offer', { cookie: token(inAnHour()) }));
    expect(out.statusCode).toBeUndefined();
    expect(out.headers.authorization).toBeUndefined();
  });

  it("keeps an API client's own bearer token", () => {
    const out = handler(
      request('/api/children', { authorization: 'Bearer client-token', cookie: token(inAnHour()) }),
    );
    expect(out.headers.authorization).toEqual({ value: 'Bearer client-token' });
  });

  it("always sets the viewer's host itself, whatever the viewer sent", () => {
    const out = handler(request('/sign-in', { viewerHost: 'evil.example' }));
    expect(out.headers[VIEWER_HOST_HEADER]).toEqual({ value: 'iv.example.gov.uk' });
  });
});
