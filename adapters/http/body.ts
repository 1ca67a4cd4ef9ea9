import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpProblem } from './problem';

/**
 * How large a request body may be. Ordinary forms and API calls are small: a body of 1 MB or more is refused before
 * anything reads it. An SSDA903 extract is uploaded to a few routes only, up to what a Lambda behind API Gateway can
 * take (a 6 MB event, in which a file upload arrives base64-encoded); the command line import takes larger files.
 */
export const MAX_BODY_BYTES = 1_000_000;
export const UPLOAD_LIMIT_BYTES = 4 * 1024 * 1024;

export const UPLOAD_PATHS: ReadonlySet<string> = new Set([
  '/imports/ssda903/preview',
  '/imports/ssda903',
  '/api/imports/ssda903/preview',
  '/api/imports/ssda903',
  '/imports/volunteers/preview',
  '/imports/volunteers',
  '/api/imports/volunteers/preview',
  '/api/imports/volunteers',
]);

export const bodyLimitFor = (method: string, path: string): number =>
  method === 'POST' && UPLOAD_PATHS.has(path) ? UPLOAD_LIMIT_BYTES : MAX_BODY_BYTES;

/** What a person is told when what they sent is too large (HTTP 413). Nothing was saved. */
export const payloadTooLarge = (limit = MAX_BODY_BYTES) =>
  limit === UPLOAD_LIMIT_BYTES
    ? new HttpProblem(
        413,
        'The files are too large',
        'Files sent here can be 4 MB in all. For a larger extract, use the command line: npm run import -- ssda903 <folder> --la <code> (or, for volunteers, npm run import -- volunteers <file.csv> --la <code>).',
      )
    : new HttpProblem(413, 'Request too large', 'Send less than 1 MB. Nothing was saved.');

/** The request's body as text, or a 413 when it is over its route's limit. */
export function bodyText(event: APIGatewayProxyEventV2): string {
  if (!event.body) return '';
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  const limit = bodyLimitFor(event.requestContext?.http?.method ?? 'POST', event.rawPath ?? '');
  if (Buffer.byteLength(text, 'utf8') >= limit) throw payloadTooLarge(limit);
  return text;
}
