import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createApiHandler } from '../../adapters/api/app';
import { observability, observed } from '../../adapters/observability/observability';
import { appFromEnvironment } from '../app-in-aws';

/**
 * The JSON API in Lambda, behind API Gateway's JWT authorizer: the caller is whoever Cognito's token names, and there
 * are no local sessions (no session secret is given). Built once per container.
 */
const tools = observability('api');
const api = createApiHandler(
  appFromEnvironment(process.env, {
    dynamo: new DynamoDBClient({}),
    s3: async () => new (await import('@aws-sdk/client-s3')).S3Client({}),
    cognito: new CognitoIdentityProviderClient({}),
  }),
  {},
);

export const handler = observed(tools, async (event: APIGatewayProxyEventV2) => {
  const result = (await api(event)) as APIGatewayProxyStructuredResultV2;
  // Method, route and status only: the path and body can carry record ids and personal data.
  tools.logger.info('request', {
    method: event.requestContext.http.method,
    route: event.routeKey,
    status: result.statusCode,
  });
  return result;
});
