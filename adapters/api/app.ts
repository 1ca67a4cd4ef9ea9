import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { App } from '../../application/app';
import { createRouter, JSON_HEADERS } from '../http/router';
import type { AuthConfig } from '../http/session';
import { apiDocument, apiRoutes } from './routes';

/** The JSON API as one function: routes, validation and authorisation are the router's; rules are the domain's. */
export function createApiHandler(app: App, auth: AuthConfig) {
  const router = createRouter(apiRoutes(app), auth);
  // Written on the first request for it, not with the handler: turning every schema into JSON Schema took about a
  // third of the API function's cold start, and almost no request asks for the document.
  let openApi: string | undefined;
  return async (event: APIGatewayProxyEventV2) => {
    if (event.rawPath === '/api/openapi.json' && event.requestContext.http.method === 'GET') {
      openApi ??= JSON.stringify(apiDocument(app));
      return { statusCode: 200, headers: { ...JSON_HEADERS, 'cache-control': 'max-age=300' }, body: openApi };
    }
    return router(event);
  };
}
