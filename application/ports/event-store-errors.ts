/** Another command wrote to the stream first. Safe to retry after reading the stream again. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(`stream ${streamId} is at version ${currentVersion}, not the expected ${expectedVersion}`);
    this.name = 'ConcurrencyError';
  }
}

/** DynamoDB refused the write because another transaction held one of its items. Safe to retry. */
export class TransactionConflictError extends Error {
  constructor() {
    super('another transaction was writing the same stream');
    this.name = 'TransactionConflictError';
  }
}

/** The table is throttling us beyond the SDK's own retries. Safe to retry later; nothing was written. */
export class StoreThrottledError extends Error {
  constructor(cause?: unknown) {
    super('the event store is busy; nothing was written', { cause });
    this.name = 'StoreThrottledError';
  }
}

/** The same command id was used for a different request. */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly commandId: string) {
    super(`command id ${commandId} was already used for a different request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** Any other refusal by the store: a bug or a misconfiguration, never retried. */
export class EventStoreError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'EventStoreError';
  }
}

export const isRetryable = (error: unknown): boolean =>
  error instanceof ConcurrencyError ||
  error instanceof TransactionConflictError ||
  error instanceof StoreThrottledError;
