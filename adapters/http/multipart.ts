import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** One part of a multipart/form-data body: a form field, or a file with its name and bytes. */
export interface Part {
  name: string;
  filename?: string;
  data: Buffer;
}

/** The raw bytes of a request body: API Gateway base64-encodes a body that is not text, such as a file upload. */
export const bodyBytes = (event: APIGatewayProxyEventV2): Buffer =>
  event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);

/**
 * The parts of a multipart/form-data body (RFC 7578), as a browser sends a form with files. Undefined when the body
 * is not multipart or is malformed, so the caller can say the form must be sent again.
 */
export function parseMultipart(event: APIGatewayProxyEventV2): Part[] | undefined {
  const type = event.headers?.['content-type'] ?? '';
  const boundary = /^multipart\/form-data;.*\bboundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
  if (!boundary) return undefined;
  const body = bodyBytes(event);
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  if (start < 0) return undefined;
  for (;;) {
    start += delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') return parts;
    const next = body.indexOf(delimiter, start);
    if (next < 0) return undefined;
    // Each part: CRLF, headers, a blank line, the content, then CRLF before the next delimiter.
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) return undefined;
    const headers = part.subarray(0, split).toString('utf8');
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
    if (name === undefined) return undefined;
    const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1];
    parts.push({ name, ...(filename !== undefined ? { filename } : {}), data: part.subarray(split + 4) });
    start = next;
  }
}

/** The text fields of a multipart form, as the page router's Form would hold them. */
export const textFields = (parts: readonly Part[]): Record<string, string> =>
  Object.fromEntries(
    parts.filter((p) => p.filename === undefined).map((p) => [p.name, p.data.toString('utf8')]),
  );
