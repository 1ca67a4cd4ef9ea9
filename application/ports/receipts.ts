/**
 * Where expense receipts are kept: an S3 bucket in AWS (adapters/s3/receipt-store.ts), a folder when running locally
 * (adapters/files/receipt-store.ts). A receipt is personal data: its bytes never reach a log, a metric or the bus,
 * and its key names the volunteer's record and the claim, never a person.
 */
export interface ReceiptStore {
  put(key: string, receipt: StoredReceipt): Promise<void>;
  /** Undefined when there is no receipt under the key. */
  get(key: string): Promise<StoredReceipt | undefined>;
  /** Removes a receipt whose claim was refused after it was stored; nothing happens when there is none. */
  delete(key: string): Promise<void>;
}

export interface StoredReceipt {
  bytes: Uint8Array;
  contentType: string;
}
