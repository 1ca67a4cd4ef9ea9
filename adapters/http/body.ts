import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpProblem } from './problem';

/** No form or command needs more: a body of this size or larger is refused before anything reads it. */
export const MAX_BODY_BYTES = 1_000_000;

export const payloadTooLarge = () =>
  new HttpProblem(413, 'Request too large', 'Send less than 1 MB. Nothing was saved.');

/** The request's body as text, or a 413 when it is 1 MB or more. */
export function bodyText(event: APIGatewayProxyEventV2): string {
  if (!event.body) return '';
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') >= MAX_BODY_BYTES) throw payloadTooLarge();
  return text;
}
