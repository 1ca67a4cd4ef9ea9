import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPublisher } from '../../../../adapters/dynamodb/stream-publisher';
import { EventBridgeBus } from '../../../../adapters/eventbridge/bus';
import { DOMAIN_EVENT_SOURCE } from '../../../../application/ports/bus';
import type { Log } from '../../../../application/ports/log';
import { insertRecord, storedEvent, streamBatch } from '../../../support/stream-records';

const eventBridge = mockClient(EventBridgeClient);
const logged: string[] = [];
const log: Log = { info: () => {}, warn: (m) => logged.push(m), error: (m) => logged.push(m) };
const publish = createPublisher({ bus: new EventBridgeBus(new EventBridgeClient({}), 'iv-domain'), log });

const accepted = (n: number) => ({
  FailedEntryCount: 0,
  Entries: Array.from({ length: n }, (_, i) => ({ EventId: `eb-${i}` })),
});
const sentEntries = () =>
  eventBridge.commandCalls(PutEventsCommand).flatMap((call) => call.args[0].input.Entries ?? []);

beforeEach(() => {
  eventBridge.reset();
  logged.length = 0;
});

describe('publisher', () => {
  it('puts one bus event per domain event, envelope and ids only, in order, at most 10 per call', async () => {
    const events = Array.from({ length: 23 }, (_, i) => storedEvent({ version: i + 1 }));
    eventBridge.on(PutEventsCommand).callsFake((input) => accepted(input.Entries.length));

    const result = await publish(streamBatch(events.map(insertRecord)));

    expect(result.batchItemFailures).toEqual([]);
    const calls = eventBridge.commandCalls(PutEventsCommand);
    expect(calls.map((c) => c.args[0].input.Entries?.length)).toEqual([10, 10, 3]);
    const entries = sentEntries();
    expect(entries.map((e) => JSON.parse(e.Detail!).eventId)).toEqual(events.map((e) => e.metadata.eventId));
    const first = entries[0]!;
    expect(first).toMatchObject({
      EventBusName: 'iv-domain',
      Source: DOMAIN_EVENT_SOURCE,
      DetailType: 'ChildEnteredCare',
    });
    const detail = JSON.parse(first.Detail!);
    expect(detail).toMatchObject({ streamId: events[0]!.streamId, version: 1, la: 'E08000035' });
    // The event's data (here a date of birth) never reaches the bus.
    expect(first.Detail).not.toContain('dateOfBirth');
    expect(first.Detail).not.toContain('2014-03-02');
  });

  it('reports the entry EventBridge rejected and every later record, and sends nothing after it', async () => {
    const records = Array.from({ length: 15 }, (_, i) => insertRecord(storedEvent({ version: i + 1 })));
    eventBridge.on(PutEventsCommand).resolvesOnce({
      FailedEntryCount: 2,
      Entries: Array.from({ length: 10 }, (_, i) =>
        i === 6 || i === 8
          ? { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }
          : { EventId: `eb-${i}` },
      ),
    });

    const result = await publish(streamBatch(records));

    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
      records.slice(6).map((r) => r.dynamodb!.SequenceNumber),
    );
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(1);
    expect(logged.join()).toMatch(/refused/);
  });

  it('reports the whole rest of the batch when a put throws part-way (the publisher failing mid-batch)', async () => {
    const records = Array.from({ length: 25 }, (_, i) => insertRecord(storedEvent({ version: i + 1 })));
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce(accepted(10))
      .rejectsOnce(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));

    const result = await publish(streamBatch(records));

    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
      records.slice(10).map((r) => r.dynamodb!.SequenceNumber),
    );
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(2);
  });

  it('stops at a record it cannot read and reports it, so it reaches the dead-letter queue', async () => {
    const good = insertRecord(storedEvent());
    const broken = insertRecord(storedEvent({ version: 2 }));
    delete broken.dynamodb!.NewImage;
    const after = insertRecord(storedEvent({ version: 3 }));
    eventBridge.on(PutEventsCommand).callsFake((input) => accepted(input.Entries.length));

    const result = await publish(streamBatch([good, broken, after]));

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: broken.dynamodb!.SequenceNumber }]);
    expect(sentEntries()).toHaveLength(1);
  });

  it('skips modifications and removals, which are never new facts', async () => {
    const changed = { ...insertRecord(storedEvent()), eventName: 'MODIFY' as const };
    const result = await publish(streamBatch([changed]));
    expect(result.batchItemFailures).toEqual([]);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
    expect(logged).toEqual(['skipped a non-insert change on the events table']);
  });
});
