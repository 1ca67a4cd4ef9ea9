import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { observability, observed } from '../../adapters/observability/observability';
import { createWebHandler } from '../../adapters/web/app';
import { cognitoSessionPages } from '../../adapters/web/routes/cognito';
import { appFromEnvironment } from '../from-environment';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/**
 * The server-rendered pages in Lambda. Sign-in is Cognito's hosted UI (see routes/cognito.ts); every other page sits
 * behind API Gateway's JWT authorizer, so the router sees verified claims and there are no local sessions.
 */
const tools = observability('web');
const web = createWebHandler(
  appFromEnvironment(process.env, (client) => tools.tracer.captureAWSv3Client(client)),
  {},
  cognitoSessionPages({
    domainUrl: required('AUTH_DOMAIN_URL'),
    clientId: required('AUTH_CLIENT_ID'),
    siteUrl: required('SITE_URL'),
  }),
);

/**
 * Behind CloudFront the Host header is API Gateway's; the viewer's host arrives as x-forwarded-host, set (never passed
 * through) by the distribution's viewer-request function. The same-origin check on form posts compares against it.
 */
const viewerHost = (event: APIGatewayProxyEventV2): APIGatewayProxyEventV2 => {
  const forwarded = event.headers?.['x-forwarded-host'];
  return forwarded ? { ...event, headers: { ...event.headers, host: forwarded } } : event;
};

export const handler = observed(tools, async (event: APIGatewayProxyEventV2) => {
  const result: APIGatewayProxyStructuredResultV2 = await web(viewerHost(event));
  tools.logger.info('request', {
    method: event.requestContext.http.method,
    route: event.routeKey,
    status: result.statusCode,
  });
  return result;
});
