import { createServer, type Server } from 'node:http';
import { createApiHandler } from '../../adapters/api/app';
import { bodyLimitFor, tooLarge } from '../../adapters/http/limits';
import { HttpProblem, problemResponse } from '../../adapters/http/problem';
import { createWebHandler } from '../../adapters/web/app';
import { render } from '../../adapters/web/render';
import { sessionPages } from '../../adapters/web/routes/session';
import type { App } from '../../application/app';
import { BodyTooLarge, sendResult, toApiGatewayEvent } from './http';
import { PERSONAS } from './personas';
import { staticFile } from './static';

export interface LocalServerOptions {
  app: App;
  sessionSecret: string;
  port: number;
  /** Answers /health: 200 once everything behind the server is ready. */
  health: () => { ready: boolean; [key: string]: unknown };
}

/**
 * The local stand-in for CloudFront + API Gateway: static files as S3 would serve them, /api/* to the API handler,
 * everything else to the web handler, each given the same event API Gateway would give it.
 */
export function startLocalServer(options: LocalServerOptions): Promise<Server> {
  const auth = { localSessionSecret: options.sessionSecret };
  const api = createApiHandler(options.app, auth);
  const web = createWebHandler(options.app, auth, sessionPages(options.sessionSecret, PERSONAS));
  const server = createServer(async (request, response) => {
    try {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path === '/health') {
        const health = options.health();
        response.writeHead(health.ready ? 200 : 503, { 'content-type': 'application/json' });
        response.end(JSON.stringify(health));
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
  const { title, detail } = tooLarge(limit);
  if (url.startsWith('/api/')) return problemResponse(new HttpProblem(413, title, detail), url);
  return {
    statusCode: 413,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: render('pages/problem.njk', { title, problem: { title, detail }, navigation: [] }),
  };
}
