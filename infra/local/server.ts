import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createApiHandler } from '../../adapters/api/app';
import { bodyLimitFor, payloadTooLarge } from '../../adapters/http/body';
import { HttpProblem, problemResponse } from '../../adapters/http/problem';
import { type AuthConfig, SessionRegistry } from '../../adapters/http/session';
import { createWebHandler } from '../../adapters/web/app';
import { render } from '../../adapters/web/render';
import { sessionPages } from '../../adapters/web/routes/session';
import type { App } from '../../application/app';
import { BodyTooLarge, sendResult, toApiGatewayEvent } from './http';
import { PERSONAS } from './personas';
import { staticFile } from './static';

export interface LocalServerOptions {
  app: App;
  /** Signs local sessions; by default a new secret every start, so no session outlives the process. */
  sessionSecret?: string;
  port: number;
  /** Answers /health: 200 once everything behind the server is ready and answering. */
  health: () =>
    | Promise<{ ready: boolean; [key: string]: unknown }>
    | { ready: boolean; [key: string]: unknown };
  /**
   * POST /local/reconcile, for `npm run audit -- reconcile` on this machine: runs the reconciler now. Only with this
   * token (kept in the data folder, new every start) in the x-iv-control-token header, which no other site can send.
   */
  control?: { token: string; reconcile(): Promise<unknown> };
}

export const CONTROL_TOKEN_HEADER = 'x-iv-control-token';
/** The file in the data folder that holds the running system's control token. */
export const CONTROL_TOKEN_FILE = 'control-token';

/**
 * The local stand-in for CloudFront + API Gateway: static files as S3 would serve them, /api/* to the API handler,
 * everything else to the web handler, each given the same event API Gateway would give it.
 */
export function startLocalServer(options: LocalServerOptions): Promise<Server> {
  const auth: AuthConfig = {
    localSessionSecret: options.sessionSecret ?? randomBytes(32).toString('hex'),
    sessions: new SessionRegistry(),
  };
  const api = createApiHandler(options.app, auth);
  const web = createWebHandler(options.app, auth, sessionPages(auth, PERSONAS));
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    try {
      if (path === '/health') {
        const health = await options.health();
        response.writeHead(health.ready ? 200 : 503, {
          'content-type': 'application/json',
          'cache-control': 'no-store',
        });
        response.end(JSON.stringify(health));
        return;
      }
      if (path === '/local/reconcile' && request.method === 'POST' && options.control) {
        const given = Buffer.from(String(request.headers[CONTROL_TOKEN_HEADER] ?? ''));
        const expected = Buffer.from(options.control.token);
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          await sendResult(response, problemResponse(new HttpProblem(403, 'Forbidden'), path));
          return;
        }
        await sendResult(response, {
          statusCode: 200,
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
          body: JSON.stringify(await options.control.reconcile()),
        });
        return;
      }
      const file = request.method === 'GET' ? await staticFile(path) : undefined;
      if (file) {
        response.writeHead(200, { 'content-type': file.type, 'cache-control': 'public, max-age=3600' });
        response.end(file.body);
        return;
      }
      const event = await toApiGatewayEvent(request, bodyLimitFor(request.method ?? 'GET', path));
      await sendResult(response, await (path.startsWith('/api/') ? api(event) : web(event)));
    } catch (error) {
      if (error instanceof BodyTooLarge && !response.headersSent) {
        await sendResult(response, tooLargeResponse(request.url ?? '/', error.limit));
        return;
      }
      console.error(`local server: ${String(error)}`);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('Something went wrong');
    }
  });
  return new Promise((resolve) => server.listen(options.port, () => resolve(server)));
}

/** 413, as API Gateway answers a body over its limit: problem+json for the API, a page for people. */
function tooLargeResponse(url: string, limit: number) {
  const problem = payloadTooLarge(limit, new URL(url, 'http://localhost').pathname);
  if (url.startsWith('/api/')) return problemResponse(problem, url);
  const { title, detail } = problem;
  return {
    statusCode: 413,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: render('pages/problem.njk', { title, problem: { title, detail }, navigation: [] }),
  };
}
