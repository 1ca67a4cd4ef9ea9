import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ulid } from 'ulid';
import { type Action, mayDo, type Principal } from '../../application/access';
import { bodyText } from '../http/body';
import { forbidden, HttpProblem, notFound, toProblem } from '../http/problem';
import { routePattern } from '../http/route-pattern';
import {
  type AuthConfig,
  cookieValue,
  principalOf,
  SESSION_COOKIE,
  SESSION_LIFETIME_MS,
} from '../http/session';
import { render } from './render';

export type Form = Record<string, string | string[]>;

export interface PageRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  form: Form;
  principal: Principal;
  event: APIGatewayProxyEventV2;
}

export type PageResult =
  | { view: string; context: Record<string, unknown>; status?: number }
  | { redirect: string; flash?: string; cookies?: string[] }
  | { download: { body: string; contentType: string; filename: string; base64?: boolean } };

export interface Page {
  method: 'GET' | 'POST';
  path: string;
  action: Action | 'signed-in' | 'public';
  handle(request: PageRequest & { principal: Principal }): Promise<PageResult>;
}

export interface PageContextBase {
  principal?: Principal;
  navigation: Array<{ href: string; text: string; active?: boolean }>;
  laName?: string;
}

const FLASH_COOKIE = 'iv_flash';

export function parseForm(event: APIGatewayProxyEventV2): Form {
  const form: Form = {};
  for (const [key, value] of new URLSearchParams(bodyText(event))) {
    const existing = form[key];
    form[key] =
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return form;
}

/**
 * A form post must come from this site. Browsers send Sec-Fetch-Site and Origin; together with SameSite=Strict
 * session cookies that stops cross-site request forgery without hidden tokens. The Origin must be this site's exactly:
 * scheme, host and port (the scheme as API Gateway forwards it, http locally). "null" (a sandboxed frame, a file) and
 * anything that is not an origin at all are refused.
 */
function assertSameOrigin(event: APIGatewayProxyEventV2): void {
  const refused = () => forbidden('This form must be sent from this service.');
  const site = event.headers?.['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') throw refused();
  const origin = event.headers?.origin;
  if (origin === undefined) return;
  const scheme = (event.headers?.['x-forwarded-proto'] ?? 'http').split(',')[0]!.trim();
  let given: string;
  let expected: string;
  try {
    given = new URL(origin).origin;
    expected = new URL(`${scheme}://${event.headers?.host ?? ''}`).origin;
  } catch {
    throw refused();
  }
  if (given === 'null' || given !== expected) throw refused();
}

const html = (
  statusCode: number,
  body: string,
  cookies: string[] = [],
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'content-security-policy':
      "default-src 'self'; script-src 'self' 'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'",
  },
  cookies,
  body,
});

/** The message a flash cookie carries; one that is not valid percent-encoding (not ours) shows nothing. */
const decodedFlash = (value: string): string | undefined => {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
};

export const flashCookie = (message: string) =>
  `${FLASH_COOKIE}=${encodeURIComponent(message)}; Path=/; HttpOnly; SameSite=Strict`;

/** The web UI: server-rendered pages that work without JavaScript. */
export function createPageRouter(options: {
  pages: readonly Page[];
  auth: AuthConfig;
  navigation: (principal: Principal | undefined, path: string) => PageContextBase;
}) {
  const table = options.pages.map((page) => ({ page, pattern: routePattern(page.path) }));
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const method = event.requestContext.http.method;
    const principal = principalOf(event, options.auth, { cookie: true });
    const base = options.navigation(principal, event.rawPath);
    try {
      const found = table.find(({ page, pattern }) => page.method === method && pattern.test(event.rawPath));
      if (!found) throw notFound('Page not found.');
      const { page, pattern } = found;
      if (page.action !== 'public') {
        if (!principal) return { statusCode: 303, headers: { location: '/sign-in' } };
        if (page.action !== 'signed-in' && !mayDo(principal, page.action)) throw forbidden();
      }
      if (method === 'POST') assertSameOrigin(event);
      const params = pattern.params(event.rawPath);
      if (!params) throw notFound('Page not found.');
      const result = await page.handle({
        params,
        query: new URLSearchParams(event.rawQueryString ?? ''),
        form: method === 'POST' ? parseForm(event) : {},
        principal: principal as Principal,
        event,
      });
      if ('download' in result) {
        const { body, contentType, filename, base64 } = result.download;
        return {
          statusCode: 200,
          headers: {
            'content-type': contentType,
            'content-disposition': `attachment; filename="${filename}"`,
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
          },
          body,
          // A file that is not text (a receipt's photo) travels base64-encoded, as API Gateway expects.
          ...(base64 ? { isBase64Encoded: true } : {}),
        };
      }
      if ('redirect' in result) {
        const cookies = [...(result.cookies ?? []), ...(result.flash ? [flashCookie(result.flash)] : [])];
        return { statusCode: 303, headers: { location: result.redirect }, cookies };
      }
      const flash = cookieValue(event, FLASH_COOKIE);
      const cookies = flash ? [`${FLASH_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict`] : [];
      return html(
        result.status ?? 200,
        render(result.view, {
          ...base,
          formKey: ulid(),
          ...result.context,
          flash: flash && decodedFlash(flash),
        }),
        cookies,
      );
    } catch (error) {
      const problem = error instanceof HttpProblem ? error : toProblem(error);
      if (problem.status >= 500)
        console.error(JSON.stringify({ level: 'error', path: event.rawPath, method, error: String(error) }));
      return html(problem.status, render('pages/problem.njk', { ...base, title: problem.title, problem }));
    }
  };
}

export const sessionCookie = (token: string) =>
  `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${SESSION_LIFETIME_MS / 1000}; HttpOnly; SameSite=Strict`;
export const clearSessionCookie = `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict`;
