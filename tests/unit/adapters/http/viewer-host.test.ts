import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { withViewerHost } from '../../../../adapters/http/viewer-host';
import { viewerRequestCode } from '../../../../infra/constructs/viewer-request';

/** The exact code CloudFront runs, as the viewer-request test evaluates it. */
const viewerRequest = new Function('Buffer', `${viewerRequestCode}; return handler;`)(Buffer) as (
  event: unknown,
) => {
  headers: Record<string, { value: string }>;
};

describe('the viewer host behind CloudFront', () => {
  it('reaches the web function as the Host the same-origin check compares with', () => {
    // CloudFront sets the header; API Gateway passes it on beside its own Host.
    const forwarded = viewerRequest({
      request: {
        uri: '/sign-in',
        method: 'POST',
        headers: { host: { value: 'iv.example.gov.uk' } },
        cookies: {},
      },
    }).headers;
    const event = {
      headers: {
        host: 'abc123.execute-api.eu-west-2.amazonaws.com',
        ...Object.fromEntries(Object.entries(forwarded).map(([name, { value }]) => [name, value])),
      },
    } as unknown as APIGatewayProxyEventV2;
    expect(withViewerHost(event).headers.host).toBe('iv.example.gov.uk');
  });

  it('leaves a request without the header as it came (the local server is its own origin)', () => {
    const event = { headers: { host: 'localhost:3000' } } as unknown as APIGatewayProxyEventV2;
    expect(withViewerHost(event).headers.host).toBe('localhost:3000');
  });
});
