import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { issueSessionToken } from '../../adapters/http/session';
import type { Principal } from '../../application/access';

export const TEST_SECRET = 'test-session-secret';

/** An API Gateway HTTP API (payload 2.0) event, as a Lambda behind it would receive. */
export function apiEvent(
  method: string,
  path: string,
  options: { body?: unknown; as?: Principal; headers?: Record<string, string>; query?: string } = {},
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {
    host: 'localhost',
    ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...options.headers,
  };
  if (options.as) headers.authorization = `Bearer ${issueSessionToken(options.as, TEST_SECRET)}`;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: options.query ?? '',
    headers,
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'r',
      timeEpoch: 0,
    },
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}
