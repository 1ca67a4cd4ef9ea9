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

/** An Independent Visitor's expense claim with its receipt (up to 4 MB: application/volunteers/receipts.ts). */
export const RECEIPT_PATHS: ReadonlySet<string> = new Set(['/my-visits/expenses', '/api/my/expenses']);

export const bodyLimitFor = (method: string, path: string): number =>
  method === 'POST' && (UPLOAD_PATHS.has(path) || RECEIPT_PATHS.has(path))
    ? UPLOAD_LIMIT_BYTES
    : MAX_BODY_BYTES;

/** What a person is told when what they sent is too large (HTTP 413). Nothing was saved. */
export const payloadTooLarge = (limit = MAX_BODY_BYTES, path = '') =>
  RECEIPT_PATHS.has(path)
    ? new HttpProblem(
        413,
        'The receipt is too large',
        'A receipt can be up to 4 MB. Take the photo again at a smaller size, or send a PDF. Nothing was saved.',
      )
    : limit === UPLOAD_LIMIT_BYTES
      ? new HttpProblem(
          413,
          'The files are too large',
          'Files sent here can be 4 MB in all. For a larger extract, use the command line: npm run import -- ssda903 <folder> --la <code> (or, for volunteers, npm run import -- volunteers <file.csv> --la <code>).',
        )
      : new HttpProblem(413, 'Request too large', 'Send less than 1 MB. Nothing was saved.');

/** The request's body as text, or a 413 when it is over its route's limit. */
export function bodyText(event: APIGatewayProxyEventV2): string {
  if (!event.body) return '';
  // Measured in the bytes sent: a photo read as UTF-8 would grow by every byte that is not valid text.
  const size = event.isBase64Encoded
    ? Buffer.byteLength(event.body, 'base64')
    : Buffer.byteLength(event.body, 'utf8');
  const limit = bodyLimitFor(event.requestContext?.http?.method ?? 'POST', event.rawPath ?? '');
  if (size >= limit) throw payloadTooLarge(limit, event.rawPath);
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}
