import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Principal } from '../../application/access';
import { type CheckedReceipt, checkReceipt, RECEIPT_MAX_BYTES } from '../../application/volunteers/receipts';
import { readFormData } from './form-data';
import { commandIdentity } from './idempotency';

/** An expense claim as sent from a form or to the API: its text fields, its checked receipt, and who sent it once. */
export interface ReceiptUpload {
  fields: Record<string, string>;
  receipt: CheckedReceipt;
  /**
   * The command's identity: the request key (the form's own, or the Idempotency-Key header) with a digest of what
   * was sent, not of the body's bytes, whose multipart boundary a browser draws afresh each time it sends a form.
   */
  identity(principal: Principal): { commandId: string; requestHash: string };
}

/** Reads a claim's form: a body that is not multipart reads as a form with nothing in it. */
export async function readReceiptUpload(event: APIGatewayProxyEventV2): Promise<ReceiptUpload> {
  const form = await readFormData(event, { maxFileBytes: RECEIPT_MAX_BYTES, maxFiles: 1 });
  const file = form?.files.find((f) => f.field === 'receipt');
  const receipt = checkReceipt(
    file && { bytes: file.bytes, declaredType: file.declaredType, truncated: file.truncated },
  );
  const { formKey, ...fields } = form?.fields ?? {};
  const sent = createHash('sha256')
    .update(JSON.stringify(Object.entries(fields).sort()))
    .update(receipt.ok ? receipt.sha256 : '')
    .digest('hex');
  return {
    fields,
    receipt,
    identity: (principal) => commandIdentity({ ...event, body: sent }, principal, formKey),
  };
}
