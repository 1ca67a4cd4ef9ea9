import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { MAX_BODY_BYTES } from '../../adapters/http/body';

/** A body over the route's limit: read to its end (so the client hears the answer), then refused with 413. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super('request body too large');
    this.name = 'BodyTooLarge';
  }
}

/** As API Gateway's HTTP API: a body that is not text (a file upload) reaches the Lambda base64-encoded. */
const isBinary = (type: string | undefined) =>
  /^(multipart\/form-data|application\/octet-stream)/i.test(type ?? '');

/** Builds the event API Gateway's HTTP API (payload 2.0) would give a Lambda for this request. */
export async function toApiGatewayEvent(
  request: IncomingMessage,
  maxBodyBytes = MAX_BODY_BYTES,
): Promise<APIGatewayProxyEventV2> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    // The rest of a large body is read and dropped, so the client gets its 413 rather than a broken connection; a
    // body far too large even for that is cut off.
    if (size <= maxBodyBytes) chunks.push(chunk as Buffer);
    else if (size >= maxBodyBytes * 16) break;
  }
  if (size > maxBodyBytes) throw new BodyTooLarge(maxBodyBytes);
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie')
      headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // API Gateway says how the viewer connected; locally it is always plain HTTP.
  headers['x-forwarded-proto'] = 'http';
  const binary = isBinary(request.headers['content-type']);
  const body = Buffer.concat(chunks).toString(binary ? 'base64' : 'utf8');
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: request.headers.cookie?.split(';').map((c) => c.trim()),
    headers,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
    body: body.length > 0 ? body : undefined,
    isBase64Encoded: binary && body.length > 0,
  };
}

export async function sendResult(
  response: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
): Promise<void> {
  const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(result.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64') : result.body);
}
