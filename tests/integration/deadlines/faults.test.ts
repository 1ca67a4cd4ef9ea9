import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import type { BusEntry, PutOutcome } from '../../../application/ports/bus';
import type { LocalRuntime, LocalRuntimeOptions } from '../../../infra/local/runtime';
import {
  childEntersCare,
  historyOf,
  outboxFor,
  testRuntime,
  typesOf,
  untilNextWake,
} from '../../support/local-runtime';

/** Faults on every hop end in a retry or a dead-letter queue: no event lost, no reminder sent twice. */
let runtime: LocalRuntime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});
const start = async (options: LocalRuntimeOptions) => {
  runtime = await testRuntime({ clockStartsAt: new Date('2026-06-01T09:00:00.000Z'), ...options });
  return runtime;
};

/** Each child ends with exactly one watching execution and exactly one reminder on record and in the outbox. */
async function expectEachRemindedOnce(rt: LocalRuntime, children: string[]) {
  expect(
    rt.stepFunctions
      .list()
      .map((e) => (e.input as { obligation: { streamId: string } }).obligation.streamId)
      .sort(),
  ).toEqual([...children].sort());
  await untilNextWake(rt);
  for (const child of children) {
    expect(typesOf(await historyOf(rt, child))).toEqual(['ChildEnteredCare', 'ObligationReminderSent']);
    expect((await outboxFor(rt, child)).map((n) => n.kind)).toEqual(['reminder']);
  }
  expect(rt.deadLetters()).toEqual([]);
}

describe('faults', () => {
  it('the publisher failing mid-batch: the batch is retried, duplicates on the bus are harmless', async () => {
    let crashed = false;
    const rt = await start({
      wrap: {
        Publisher: (publish) => async (event: DynamoDBStreamEvent) => {
          if (!crashed && event.Records.length > 1) {
            crashed = true;
            // Half the batch reaches the bus, then the function dies (a timeout, an out-of-memory).
            await publish({ Records: event.Records.slice(0, Math.ceil(event.Records.length / 2)) });
            throw new Error('Task timed out after 30.00 seconds');
          }
          return publish(event);
        },
      },
    });
    const children = [await childEntersCare(rt), await childEntersCare(rt), await childEntersCare(rt)];
    await rt.settle();
    expect(crashed).toBe(true);
    await expectEachRemindedOnce(rt, children);
  });

  it('a stream record the publisher cannot read: retried, then sent to its on-failure queue; later events flow', async () => {
    const rt = await start({});
    // Written straight into the table, bypassing the store: no type, no metadata.
    await rt.dynamo.send(
      new PutItemCommand({
        TableName: rt.tables.events,
        Item: marshall({ streamId: 'child#poison', version: 1, note: 'not an event' }),
      }),
    );
    const child = await childEntersCare(rt);
    await rt.settle();
    const [letter] = rt.deadLetters();
    expect(letter).toMatchObject({ queue: expect.stringMatching(/^PublisherFailures/) });
    expect(JSON.stringify(letter!.message)).toContain('child#poison');
    expect(rt.deadLetters()).toHaveLength(1);
    expect(rt.stepFunctions.list()).toHaveLength(1);
    await untilNextWake(rt);
    expect((await outboxFor(rt, child)).map((n) => n.kind)).toEqual(['reminder']);
  });

  it('EventBridge rejecting some entries: FailedEntryCount leads to a retry of the rest, in order', async () => {
    const rejected: string[] = [];
    const rt = await start({
      wrapBus: (bus) => ({
        async put(entries: readonly BusEntry[]): Promise<PutOutcome[]> {
          // The first time it sees a second entry, EventBridge refuses it (InternalFailure) and accepts the others.
          const refuse = rejected.length === 0 && entries.length > 1 ? 1 : -1;
          if (refuse >= 0) rejected.push(entries[refuse]!.detail.eventId);
          const accepted = entries.filter((_, i) => i !== refuse);
          await bus.put(accepted);
          return entries.map((_, i) =>
            i === refuse ? { ok: false, errorCode: 'InternalFailure' } : { ok: true },
          );
        },
      }),
    });
    const children = [await childEntersCare(rt), await childEntersCare(rt), await childEntersCare(rt)];
    await rt.settle();
    expect(rejected).toHaveLength(1);
    await expectEachRemindedOnce(rt, children);
  });

  it('a workflow step throwing, before or after it wrote: retried, and the reminder is recorded and sent once', async () => {
    let reminderCalls = 0;
    const rt = await start({
      wrap: {
        DeadlineTasks: (task) => async (input: { action: string }) => {
          if (input.action !== 'record-reminder') return task(input);
          reminderCalls++;
          if (reminderCalls === 1) throw new Error('ProvisionedThroughputExceeded');
          const result = await task(input);
          if (reminderCalls === 2) throw new Error('Lambda timed out after writing');
          return result;
        },
      },
    });
    const child = await childEntersCare(rt);
    await rt.settle();
    await expectEachRemindedOnce(rt, [child]);
    expect(reminderCalls).toBe(3);
    const retried = rt.stepFunctions.list()[0]!.history.filter((h) => h.state === 'RecordReminder');
    expect(retried).toHaveLength(1);
  });

  it('a notifier that keeps failing: the event lands in its dead-letter queue, and a redrive sends one email', async () => {
    let broken = true;
    const rt = await start({
      wrap: {
        Notifier: (notify) => async (event) => {
          if (broken) throw new Error('GOV.UK Notify returned 500');
          return notify(event);
        },
      },
    });
    const child = await childEntersCare(rt);
    await untilNextWake(rt);
    expect(typesOf(await historyOf(rt, child))).toEqual(['ChildEnteredCare', 'ObligationReminderSent']);
    expect(await outboxFor(rt, child)).toEqual([]);
    const [letter] = rt.deadLetters();
    expect(letter).toMatchObject({
      queue: expect.stringMatching(/^NotifierFailures/),
      message: { 'detail-type': 'ObligationReminderSent', detail: { streamId: child } },
    });

    broken = false;
    const event = letter!.message as { source: string; 'detail-type': string; detail: never };
    for (let i = 0; i < 2; i++)
      await rt.bus.put([{ source: event.source, detailType: event['detail-type'], detail: event.detail }]);
    await rt.settle();
    expect((await outboxFor(rt, child)).map((n) => [n.kind, n.role])).toEqual([['reminder', 'coordinator']]);
  });
});
