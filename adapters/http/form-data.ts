import Busboy from '@fastify/busboy';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { bodyBytes } from './multipart';

/** A file of a multipart form: its field, the type the browser declared, its bytes, and whether it was cut short. */
export interface FormFile {
  field: string;
  declaredType: string;
  bytes: Buffer;
  /** The file went past the size limit: only the bytes up to it were kept. */
  truncated: boolean;
}

export interface FormData {
  fields: Record<string, string>;
  files: FormFile[];
}

/**
 * A multipart/form-data body read by busboy (RFC 7578: quoted boundaries, header folding, names in any charset),
 * within limits: each file at most `maxFileBytes` (the rest is dropped and the file marked truncated), at most
 * `maxFiles` files and a few short text fields. Undefined when the body is not multipart or cannot be read, so the
 * caller can treat it as a form with nothing in it.
 */
export function readFormData(
  event: APIGatewayProxyEventV2,
  limits: { maxFileBytes: number; maxFiles: number },
): Promise<FormData | undefined> {
  const type = event.headers?.['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const fields: Record<string, string> = {};
    const files: FormFile[] = [];
    let parser: ReturnType<typeof Busboy>;
    try {
      parser = Busboy({
        headers: { 'content-type': type },
        limits: {
          fileSize: limits.maxFileBytes,
          files: limits.maxFiles,
          fields: 20,
          fieldSize: 10_000,
          parts: limits.maxFiles + 20,
        },
      });
    } catch {
      resolve(undefined);
      return;
    }
    const done = new Set<Promise<void>>();
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (field, stream, filename, _encoding, mimeType) => {
      const chunks: Buffer[] = [];
      const file = new Promise<void>((ended) => {
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const bytes = Buffer.concat(chunks);
          // A browser sends a file input left empty as a part with no name and no bytes: no file was chosen.
          if (filename || bytes.length > 0)
            files.push({ field, declaredType: mimeType, bytes, truncated: stream.truncated });
          ended();
        });
      });
      done.add(file);
    });
    parser.on('error', () => resolve(undefined));
    parser.on('finish', () => {
      void Promise.all(done).then(() => resolve({ fields, files }));
    });
    parser.end(bodyBytes(event));
  });
}
