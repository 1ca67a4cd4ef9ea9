import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The first bytes of each kind of receipt, and a few made-up bytes after them. */
export const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.from('made-up photo of a bus ticket'),
]);
export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('made-up picture'),
]);
export const PDF = Buffer.from('%PDF-1.7\nmade-up receipt\n%%EOF\n');

export interface FilePart {
  name: string;
  filename: string;
  type: string;
  bytes: Buffer;
}

/** A multipart/form-data body as a browser sends it, and its Content-Type with the boundary. */
export function multipart(fields: Record<string, string>, files: FilePart[] = []) {
  const boundary = `----test${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  for (const f of files)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The event as API Gateway gives it to the Lambda: a body that is not text arrives base64-encoded. */
export function withMultipart(
  event: APIGatewayProxyEventV2,
  fields: Record<string, string>,
  files: FilePart[] = [],
): APIGatewayProxyEventV2 {
  const { body, contentType } = multipart(fields, files);
  return {
    ...event,
    headers: { ...event.headers, 'content-type': contentType },
    body: body.toString('base64'),
    isBase64Encoded: true,
  };
}

export const receipt = (bytes: Buffer, type = 'image/jpeg', filename = 'receipt.jpg'): FilePart => ({
  name: 'receipt',
  filename,
  type,
  bytes,
});
