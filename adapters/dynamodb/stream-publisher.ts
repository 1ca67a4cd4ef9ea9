import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { type Bus, type BusEntry, busEntryOf, MAX_ENTRIES_PER_PUT } from '../../application/ports/bus';
import type { Log } from '../../application/ports/log';
import type { StoredEvent } from '../../events/envelope';

export interface PublisherDeps {
  bus: Bus;
  log: Log;
}

/**
 * Puts one bus event per new domain event, in stream order, 10 per call.
 *
 * Nothing is dropped silently: at the first entry the bus refuses (FailedEntryCount > 0) or the first call that
 * throws, that record and every later one are reported as batch item failures. Lambda then checkpoints before the
 * first failure and retries from there (bisecting on error), and a record that keeps failing goes to the on-failure
 * queue. Later records are not sent on ahead of a failed one, so the bus sees a stream's events in order and as
 * few duplicates as possible; consumers still tolerate duplicates, since a retry may resend an accepted entry.
 */
export function createPublisher({ bus, log }: PublisherDeps) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const toSend: Array<{ record: DynamoDBRecord; entry: BusEntry }> = [];
    let unreadable: DynamoDBRecord | undefined;
    for (const record of event.Records) {
      if (record.eventName !== 'INSERT') {
        // Events are never changed or deleted; an update or removal is an operator's repair, not a new fact.
        log.warn('skipped a non-insert change on the events table', {
          eventName: record.eventName,
          sequenceNumber: record.dynamodb?.SequenceNumber,
        });
        continue;
      }
      const entry = toEntry(record);
      if (!entry) {
        // A record we cannot read stops the batch here, so it reaches the on-failure queue instead of vanishing.
        unreadable = record;
        log.error('a stream record could not be read as an event', {
          sequenceNumber: record.dynamodb?.SequenceNumber,
        });
        break;
      }
      toSend.push({ record, entry });
    }

    let failedFrom = -1;
    for (let start = 0; start < toSend.length && failedFrom < 0; start += MAX_ENTRIES_PER_PUT) {
      const chunk = toSend.slice(start, start + MAX_ENTRIES_PER_PUT);
      try {
        const outcomes = await bus.put(chunk.map((item) => item.entry));
        const firstFailed = outcomes.findIndex((outcome) => !outcome.ok);
        if (firstFailed >= 0) {
          failedFrom = start + firstFailed;
          const outcome = outcomes[firstFailed] as { errorCode?: string };
          log.error('the bus refused an entry; it and every later record will be retried', {
            failedEntryCount: outcomes.filter((o) => !o.ok).length,
            errorCode: outcome.errorCode,
            eventId: chunk[firstFailed]!.entry.detail.eventId,
          });
        }
      } catch (error) {
        failedFrom = start;
        log.error('putting events on the bus failed; the batch will be retried from here', {
          error: (error as Error).name,
          message: (error as Error).message,
        });
      }
    }
    const failed = failedFrom >= 0 ? toSend.slice(failedFrom).map((item) => item.record) : [];
    if (unreadable) failed.push(unreadable);
    log.info('published', { records: event.Records.length, failed: failed.length });
    return {
      batchItemFailures: failed.map((record) => ({ itemIdentifier: record.dynamodb!.SequenceNumber! })),
    };
  };
}

function toEntry(record: DynamoDBRecord): BusEntry | undefined {
  const image = record.dynamodb?.NewImage;
  if (!image) return undefined;
  const stored = unmarshall(image as Record<string, AttributeValue>) as StoredEvent;
  if (!stored.type || !stored.metadata?.eventId || !stored.streamId) return undefined;
  return busEntryOf(stored);
}
