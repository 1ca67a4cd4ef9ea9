import { createHash } from 'node:crypto';

/*
 * What a receipt may be: a photo (JPEG or PNG) or a PDF, recognised by the file's first bytes, not by its name or
 * the type the browser declared; up to 4 MB, so that a form with one, base64-encoded by API Gateway, stays under the
 * 6 MB a Lambda can be sent.
 */

export const RECEIPT_MAX_BYTES = 4 * 1000 * 1000;

const KINDS = {
  jpg: { contentType: 'image/jpeg', magic: [0xff, 0xd8, 0xff], text: 'JPEG image' },
  png: {
    contentType: 'image/png',
    magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    text: 'PNG image',
  },
  pdf: { contentType: 'application/pdf', magic: [...Buffer.from('%PDF-')], text: 'PDF' },
} as const;
export type ReceiptKind = keyof typeof KINDS;

/** Types a browser may declare for a receipt's file: the three kinds, or nothing in particular. */
const DECLARABLE = new Set<string>([
  '',
  'application/octet-stream',
  ...Object.values(KINDS).map((k) => k.contentType),
]);

export const RECEIPT_MESSAGES = {
  missing: 'Select a photo or PDF of the receipt',
  empty: 'The selected file is empty. Select a photo or PDF of the receipt',
  tooLarge: 'The selected file must be smaller than 4 MB',
  wrongType: 'The selected file must be a JPG, PNG or PDF',
} as const;

export interface ReceiptFile {
  bytes: Uint8Array;
  /** The type the browser declared: not trusted, only refused when it names another kind of file. */
  declaredType?: string;
  /** Set when the upload went past RECEIPT_MAX_BYTES and the rest was not read. */
  truncated?: boolean;
}

export type CheckedReceipt =
  | { ok: true; kind: ReceiptKind; contentType: string; bytes: Uint8Array; sha256: string }
  | { ok: false; message: string };

const kindOf = (bytes: Uint8Array): ReceiptKind | undefined =>
  (Object.keys(KINDS) as ReceiptKind[]).find((kind) =>
    KINDS[kind].magic.every((byte, i) => bytes[i] === byte),
  );

/** The receipt as it will be stored, or the GOV.UK message that says how to put it right. */
export function checkReceipt(file: ReceiptFile | undefined): CheckedReceipt {
  if (!file) return { ok: false, message: RECEIPT_MESSAGES.missing };
  if (file.truncated || file.bytes.length > RECEIPT_MAX_BYTES)
    return { ok: false, message: RECEIPT_MESSAGES.tooLarge };
  if (file.bytes.length === 0) return { ok: false, message: RECEIPT_MESSAGES.empty };
  const kind = kindOf(file.bytes);
  const declared = (file.declaredType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!kind || !DECLARABLE.has(declared)) return { ok: false, message: RECEIPT_MESSAGES.wrongType };
  return {
    ok: true,
    kind,
    contentType: KINDS[kind].contentType,
    bytes: file.bytes,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
  };
}

/** "JPEG image", "PDF": what a receipt is, from its key's ending. */
export const receiptKindText = (key: string): string =>
  KINDS[(key.split('.').at(-1) ?? 'pdf') as ReceiptKind]?.text ?? 'file';

export const contentTypeOfKey = (key: string): string =>
  KINDS[(key.split('.').at(-1) ?? 'pdf') as ReceiptKind]?.contentType ?? 'application/octet-stream';
