import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import { GENESIS_HASH, type StoredEvent } from '../../events/envelope';

/** A stored event as the event store writes it (synthetic ids, no personal data). */
export function storedEvent(overrides: Partial<StoredEvent> = {}): StoredEvent {
  const now = '2026-01-05T09:00:00.000Z';
  return {
    streamId: `child#${ulid()}`,
    version: 1,
    la: 'E08000035',
    type: 'ChildEnteredCare',
    schemaVersion: 1,
    data: { dateOfBirth: '2014-03-02' },
    metadata: {
      eventId: ulid(),
      occurredAt: now,
      recordedAt: now,
      actor: { id: 'user-coordinator-1', role: 'coordinator', la: 'E08000035' },
      correlationId: 'corr-1',
      causationId: 'cause-1',
      commandId: 'cmd-1',
    },
    prevHash: GENESIS_HASH,
    hash: 'a'.repeat(64),
    ...overrides,
  };
}

let sequence = 1000;
/** A DynamoDB stream INSERT record, in the shape Lambda's event source mapping delivers. */
export function insertRecord(event: StoredEvent): DynamoDBRecord {
  return {
    eventID: ulid(),
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-west-2',
    dynamodb: {
      Keys: marshall({ streamId: event.streamId, version: event.version }) as never,
      NewImage: marshall(event, { removeUndefinedValues: true }) as never,
      SequenceNumber: String(++sequence).padStart(21, '0'),
      StreamViewType: 'NEW_IMAGE',
    },
  };
}

export const streamBatch = (records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });
