import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { withViewerHost } from '../../adapters/http/viewer-host';
import { observability, observed } from '../../adapters/observability/observability';
import { createWebHandler } from '../../adapters/web/app';
import { setTemplatePaths } from '../../adapters/web/render';
import { cognitoSessionPages } from '../../adapters/web/routes/cognito';
import { appFromEnvironment } from '../app-in-aws';
import { setting } from '../environment';

/**
 * The server-rendered pages in Lambda. Sign-in is Cognito's hosted UI (see routes/cognito.ts); every other page sits
 * behind API Gateway's JWT authorizer, so the router sees verified claims and there are no local sessions.
 */
const tools = observability('web');
const env = process.env;
setTemplatePaths({ views: setting(env, 'viewsPath'), govukFrontend: setting(env, 'govukFrontendPath') });
const web = createWebHandler(
  appFromEnvironment(env, {
    dynamo: new DynamoDBClient({}),
    s3: async () => new (await import('@aws-sdk/client-s3')).S3Client({}),
    cognito: new CognitoIdentityProviderClient({}),
  }),
  {},
  cognitoSessionPages({
    domainUrl: setting(env, 'authDomainUrl'),
    clientId: setting(env, 'authClientId'),
    siteUrl: setting(env, 'siteUrl'),
  }),
);

export const handler = observed(tools, async (event: APIGatewayProxyEventV2) => {
  const result: APIGatewayProxyStructuredResultV2 = await web(withViewerHost(event));
  tools.logger.info('request', {
    method: event.requestContext.http.method,
    route: event.routeKey,
    status: result.statusCode,
  });
  return result;
});
