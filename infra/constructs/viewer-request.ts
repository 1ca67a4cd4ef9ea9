import { VIEWER_HOST_HEADER } from '../../adapters/http/viewer-host';
import { ID_TOKEN_COOKIE } from '../../adapters/web/routes/cognito';

export { VIEWER_HOST_HEADER };

/** Paths that reach the web or API function without a token: sign-in itself, and the public API description. */
export const PUBLIC_PATHS = ['/sign-in', '/sign-out', '/auth/callback', '/api/openapi.json'] as const;

/**
 * The CloudFront Function (cloudfront-js-2.0) run on every request for a page or the API, before the origin:
 *
 * - For a page, it copies the ID token from its HttpOnly cookie into `Authorization: Bearer …`, so that API Gateway's
 *   JWT authorizer verifies it (signature, issuer, audience, expiry) exactly as for API clients. Never for /api/*: the
 *   API takes a bearer token only, so a page on another site cannot act through a signed-in browser's cookie.
 * - A page request with no unexpired token is sent to /sign-in rather than getting API Gateway's bare 401. The expiry
 *   is read without checking the signature: that only decides whether to redirect; the authorizer decides access.
 * - It sets the viewer's host in a header of its own (overwriting whatever the viewer sent), for the same-origin
 *   check on form posts.
 *
 * Written in the ES5 style the CloudFront runtime accepts; tests evaluate this exact text.
 */
export const viewerRequestCode = `
var PUBLIC_PATHS = ${JSON.stringify(Object.fromEntries(PUBLIC_PATHS.map((p) => [p, true])))};
var COOKIE = ${JSON.stringify(ID_TOKEN_COOKIE)};

function unexpired(token) {
  try {
    var part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    var claims = JSON.parse(Buffer.from(part, 'base64').toString('utf8'));
    return typeof claims.exp === 'number' && claims.exp * 1000 > Date.now();
  } catch (e) {
    return false;
  }
}

function handler(event) {
  var request = event.request;
  var headers = request.headers;
  headers[${JSON.stringify(VIEWER_HOST_HEADER)}] = { value: headers.host ? headers.host.value : '' };
  if (PUBLIC_PATHS[request.uri]) return request;
  var cookie = request.cookies[COOKIE];
  var api = request.uri.indexOf('/api/') === 0;
  if (!api && !headers.authorization && cookie && unexpired(cookie.value)) {
    headers.authorization = { value: 'Bearer ' + cookie.value };
  }
  if (!headers.authorization && !api) {
    return {
      statusCode: 303,
      statusDescription: 'See Other',
      headers: { location: { value: '/sign-in' }, 'cache-control': { value: 'no-store' } },
    };
  }
  return request;
}
`;
