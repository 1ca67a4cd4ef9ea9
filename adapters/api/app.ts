import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { App } from '../../application/app';
import { createRouter } from '../http/router';
import type { AuthConfig } from '../http/session';
import { apiDocument, apiRoutes } from './routes';

/** The JSON API as one function: routes, validation and authorisation are the router's; rules are the domain's. */
export function createApiHandler(app: App, auth: AuthConfig) {
  const router = createRouter(apiRoutes(app), auth);
  const openApi = JSON.stringify(apiDocument(app));
  return async (event: APIGatewayProxyEventV2) => {
    if (event.rawPath === '/api/openapi.json' && event.requestContext.http.method === 'GET') {
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: openApi };
    }
    return router(event);
  };
}
