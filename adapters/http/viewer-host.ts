import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * The header carrying the viewer's Host to the origin: behind CloudFront, API Gateway needs its own Host, so the
 * distribution's viewer-request function puts the viewer's in this header (overwriting whatever the viewer sent).
 */
export const VIEWER_HOST_HEADER = 'x-iv-viewer-host';

/** The request as the viewer made it: the Host the same-origin check on form posts must compare against. */
export function withViewerHost(event: APIGatewayProxyEventV2): APIGatewayProxyEventV2 {
  const viewer = event.headers?.[VIEWER_HOST_HEADER];
  return viewer ? { ...event, headers: { ...event.headers, host: viewer } } : event;
}
