import { GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { ConcurrencyError, IdempotencyKeyReusedError } from '../../../application/ports/event-store-errors';
import { InvalidEventError } from '../../../events/catalog';
import { GENESIS_HASH } from '../../../events/envelope';
import { hashEvent, verifyChain } from '../../../events/hash';
import {
  coordinator,
  localClient,
  newChildStream,
  newCommand,
  TEST_LA,
  testStore,
} from '../../support/store';

const store = testStore();
const client = localClient();

async function rawItems(streamId: string) {
  const page = await client.send(
    new QueryCommand({
      TableName: inject('tables').events,
      ConsistentRead: true,
      KeyConditionExpression: 'streamId = :s',
      ExpressionAttributeValues: marshall({ ':s': streamId }),
    }),
  );
  return (page.Items ?? []).map((i) => unmarshall(i));
}

describe('appending and reading a stream', () => {
  it('writes one item per event with versions 1, 2, 3 and full metadata, and reads them back in order', async () => {
    const streamId = newChildStream();
    const command = newCommand({ reason: 'first contact', correlationId: 'corr-1' });
    const result = await store.append(
      streamId,
      TEST_LA,
      0,
      [
        { type: 'CounterIncremented', data: { by: 1 } },
        { type: 'CounterIncremented', data: { by: 2 }, occurredAt: '2026-01-05T09:00:00.000Z' },
      ],
      command,
    );
    expect(result).toMatchObject({ duplicate: false, streams: [{ streamId, fromVersion: 1, toVersion: 2 }] });
    await store.append(streamId, TEST_LA, 2, [{ type: 'CounterIncremented', data: { by: 3 } }], newCommand());

    const events = await store.read(streamId);
    expect(events.map((e) => [e.version, e.data])).toEqual([
      [1, { by: 1 }],
      [2, { by: 2 }],
      [3, { by: 3 }],
    ]);
    const [first, second] = events;
    expect(first!.metadata).toMatchObject({
      actor: coordinator,
      reason: 'first contact',
      correlationId: 'corr-1',
      causationId: command.commandId,
      commandId: command.commandId,
    });
    expect(first!.metadata.eventId).toMatch(/^[0-9A-Z]{26}$/);
    expect(second!.metadata.occurredAt).toBe('2026-01-05T09:00:00.000Z');
    expect(first!.metadata.occurredAt).toBe(first!.metadata.recordedAt);
    expect(first!.prevHash).toBe(GENESIS_HASH);
    expect(second!.prevHash).toBe(first!.hash);
    expect(result.eventIds).toEqual([first!.metadata.eventId, second!.metadata.eventId]);
  });

  it('reads a range of versions', async () => {
    const streamId = newChildStream();
    await store.append(
      streamId,
      TEST_LA,
      0,
      [1, 2, 3, 4, 5].map((by) => ({ type: 'CounterIncremented', data: { by } })),
      newCommand(),
    );
    const middle = await store.read(streamId, { fromVersion: 2, toVersion: 4 });
    expect(middle.map((e) => e.version)).toEqual([2, 3, 4]);
    expect(await store.read(newChildStream())).toEqual([]);
  });

  it('keeps an intact hash chain that detects any change to a stored field', async () => {
    const streamId = newChildStream();
    await store.append(
      streamId,
      TEST_LA,
      0,
      [{ type: 'NoteRecorded', data: { text: 'one', pages: 1 } }],
      newCommand(),
    );
    await store.append(
      streamId,
      TEST_LA,
      1,
      [{ type: 'NoteRecorded', data: { text: 'two', pages: 2 } }],
      newCommand(),
    );
    const items = await rawItems(streamId);
    const stored = items.map(({ streamLa: _, ...rest }) => rest) as never[];
    expect(verifyChain(stored)).toBeUndefined();
    for (const item of items) expect(hashEvent(item as never)).toBe(item.hash);

    // Someone edits version 2 directly in the table.
    await client.send(
      new PutItemCommand({
        TableName: inject('tables').events,
        Item: marshall({ ...items[1], data: { text: 'edited', pages: 2 } }),
      }),
    );
    const tampered = (await rawItems(streamId)).map(({ streamLa: _, ...rest }) => rest) as never[];
    expect(verifyChain(tampered)).toEqual({ version: 2, problem: 'hash-mismatch' });
  });

  it('refuses an event that breaks its contract, naming the field, and writes nothing', async () => {
    const streamId = newChildStream();
    const attempt = store.append(
      streamId,
      TEST_LA,
      0,
      [
        { type: 'CounterIncremented', data: { by: 1 } },
        { type: 'CounterIncremented', data: { by: -4 } },
      ],
      newCommand(),
    );
    await expect(attempt).rejects.toThrow(InvalidEventError);
    await expect(attempt).rejects.toThrow(/by/);
    await expect(
      store.append(streamId, TEST_LA, 0, [{ type: 'NoSuchThing', data: {} }], newCommand()),
    ).rejects.toThrow(/unknown event type NoSuchThing/);
    expect(await rawItems(streamId)).toEqual([]);
  });

  it('upcasts an old schema version on read and keeps the stored form for audit', async () => {
    const streamId = newChildStream();
    await store
      .append(
        streamId,
        TEST_LA,
        0,
        [{ type: 'NoteRecorded', schemaVersion: 1, data: { text: 'old' } }],
        newCommand(),
      )
      .then(
        () => expect.unreachable('version 1 is no longer written'),
        (error) => expect(error).toBeInstanceOf(InvalidEventError),
      );
    // An event written years ago under version 1, put straight into the table.
    const metadata = {
      eventId: '01JH0000000000000000000000',
      occurredAt: '2024-01-01T00:00:00.000Z',
      recordedAt: '2024-01-01T00:00:00.000Z',
      actor: coordinator,
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
    };
    const old = {
      streamId,
      version: 1,
      la: TEST_LA,
      type: 'NoteRecorded',
      schemaVersion: 1,
      data: { text: 'old' },
      metadata,
      prevHash: GENESIS_HASH,
    };
    await client.send(
      new PutItemCommand({
        TableName: inject('tables').events,
        Item: marshall({ ...old, hash: hashEvent(old) }),
      }),
    );

    const [event] = await store.read(streamId);
    expect(event).toMatchObject({
      schemaVersion: 2,
      data: { text: 'old', pages: 0 },
      stored: { schemaVersion: 1, data: { text: 'old' } },
    });
  });

  it('lists the streams of one local authority', async () => {
    const la = `E0${String(Date.now()).slice(-7)}`;
    const mine = [newChildStream(), newChildStream()];
    for (const streamId of mine)
      await store.append(
        streamId,
        la,
        0,
        [
          { type: 'CounterIncremented', data: { by: 1 } },
          { type: 'CounterIncremented', data: { by: 1 } },
        ],
        newCommand(),
      );
    await store.append(
      newChildStream(),
      'W06000001',
      0,
      [{ type: 'CounterIncremented', data: { by: 1 } }],
      newCommand(),
    );
    const listed: string[] = [];
    for await (const streamId of store.listStreams(la)) listed.push(streamId);
    expect(listed.sort()).toEqual([...mine].sort());
  });
});

describe('concurrency and idempotency', () => {
  it('lets exactly one of 20 concurrent writers take the next version', async () => {
    const streamId = newChildStream();
    await store.append(streamId, TEST_LA, 0, [{ type: 'CounterIncremented', data: { by: 1 } }], newCommand());
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        store.append(
          streamId,
          TEST_LA,
          1,
          [{ type: 'CounterIncremented', data: { by: i + 1 } }],
          newCommand(),
        ),
      ),
    );
    const won = attempts.filter((a) => a.status === 'fulfilled');
    const lost = attempts
      .filter((a) => a.status === 'rejected')
      .map((a) => (a as PromiseRejectedResult).reason);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const error of lost) {
      // A loser either saw the winner's item (a conflict naming the current version) or collided mid-transaction.
      if (error instanceof ConcurrencyError) expect(error.currentVersion).toBe(2);
      else expect(error.name).toBe('TransactionConflictError');
    }
    expect((await store.read(streamId)).map((e) => e.version)).toEqual([1, 2]);
  });

  it('returns the first result for a retried command id and writes nothing more', async () => {
    const streamId = newChildStream();
    const command = newCommand({ requestHash: 'h1' });
    const first = await store.append(
      streamId,
      TEST_LA,
      0,
      [{ type: 'CounterIncremented', data: { by: 1 } }],
      command,
    );
    const again = await store.append(
      streamId,
      TEST_LA,
      0,
      [{ type: 'CounterIncremented', data: { by: 1 } }],
      command,
    );
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await store.read(streamId)).toHaveLength(1);
    expect(await store.findCommand(command.commandId, 'h1')).toEqual({ ...first, duplicate: true });
    await expect(store.findCommand(command.commandId, 'h2')).rejects.toThrow(IdempotencyKeyReusedError);

    const reused = store.append(streamId, TEST_LA, 1, [{ type: 'CounterIncremented', data: { by: 9 } }], {
      ...command,
      requestHash: 'h2',
    });
    await expect(reused).rejects.toThrow(IdempotencyKeyReusedError);
    expect(await store.read(streamId)).toHaveLength(1);
  });

  it('refuses to append past a version the stream has not reached, so no gap can appear', async () => {
    const streamId = newChildStream();
    await store.append(streamId, TEST_LA, 0, [{ type: 'CounterIncremented', data: { by: 1 } }], newCommand());
    const ahead = store.append(
      streamId,
      TEST_LA,
      3,
      [{ type: 'CounterIncremented', data: { by: 1 } }],
      newCommand(),
    );
    await expect(ahead).rejects.toMatchObject({
      name: 'ConcurrencyError',
      expectedVersion: 3,
      currentVersion: 1,
    });
    const stale = store.append(
      streamId,
      TEST_LA,
      { version: 1, hash: 'f'.repeat(64) },
      [{ type: 'CounterIncremented', data: { by: 1 } }],
      newCommand(),
    );
    await expect(stale).rejects.toMatchObject({ name: 'ConcurrencyError', currentVersion: 1 });
    expect(await store.read(streamId)).toHaveLength(1);
  });

  it('refuses to start a stream from any hash but the genesis hash, so no chain begins broken', async () => {
    const streamId = newChildStream();
    const madeUp = store.append(
      streamId,
      TEST_LA,
      { version: 0, hash: 'f'.repeat(64) },
      [{ type: 'CounterIncremented', data: { by: 1 } }],
      newCommand(),
    );
    await expect(madeUp).rejects.toThrow(/genesis hash/);
    expect(await rawItems(streamId)).toHaveLength(0);
    await store.append(
      streamId,
      TEST_LA,
      { version: 0, hash: GENESIS_HASH },
      [{ type: 'CounterIncremented', data: { by: 1 } }],
      newCommand(),
    );
    const [first] = await rawItems(streamId);
    expect(first?.prevHash).toBe(GENESIS_HASH);
    expect(hashEvent(first as never)).toBe(first?.hash);
  });

  it('writes two streams in one transaction, and neither when one of them conflicts', async () => {
    const child = newChildStream();
    const volunteer = `volunteer#${child.slice(6)}`;
    await store.append(
      volunteer,
      TEST_LA,
      0,
      [{ type: 'CounterIncremented', data: { by: 1 } }],
      newCommand(),
    );

    const failed = store.appendMany(
      [
        {
          streamId: child,
          la: TEST_LA,
          expected: 0,
          events: [{ type: 'CounterIncremented', data: { by: 1 } }],
        },
        {
          streamId: volunteer,
          la: TEST_LA,
          expected: 0,
          events: [{ type: 'CounterIncremented', data: { by: 1 } }],
        },
      ],
      newCommand(),
    );
    await expect(failed).rejects.toMatchObject({
      name: 'ConcurrencyError',
      streamId: volunteer,
      currentVersion: 1,
    });
    expect(await store.read(child)).toEqual([]);
    expect(await store.read(volunteer)).toHaveLength(1);

    const done = await store.appendMany(
      [
        {
          streamId: child,
          la: TEST_LA,
          expected: 0,
          events: [{ type: 'CounterIncremented', data: { by: 1 } }],
        },
        {
          streamId: volunteer,
          la: TEST_LA,
          expected: 1,
          events: [{ type: 'CounterIncremented', data: { by: 1 } }],
        },
      ],
      newCommand(),
    );
    expect(done.streams.map((s) => [s.streamId, s.toVersion])).toEqual([
      [child, 1],
      [volunteer, 2],
    ]);
  });
});

describe('large streams', () => {
  it('reads a stream of more than 1 MB across pages', async () => {
    const streamId = newChildStream();
    const text = 'x'.repeat(60_000);
    let version = 0;
    for (let batch = 0; batch < 4; batch++) {
      const events = Array.from({ length: 5 }, () => ({
        type: 'NoteRecorded',
        data: { text, pages: batch },
      }));
      await store.append(streamId, TEST_LA, version, events, newCommand());
      version += 5;
    }
    const events = await store.read(streamId);
    expect(events.map((e) => e.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(JSON.stringify(events).length).toBeGreaterThan(1_100_000);
    const head = await client.send(
      new GetItemCommand({
        TableName: inject('tables').events,
        Key: marshall({ streamId, version: 20 }),
        ConsistentRead: true,
      }),
    );
    expect(unmarshall(head.Item!).hash).toBe(events[19]!.hash);
  });
});
