import {
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import type { FieldSealing } from '../adapters/crypto/keyring';
import { LocalKeyWrapper } from '../adapters/crypto/local-key-wrapper';
import { DynamoEventStore } from '../adapters/dynamodb/event-store';
import type { EventStoreTables } from '../adapters/dynamodb/layout';
import { DynamoStoredEventReader } from '../adapters/dynamodb/stored-events';
import { readHistory } from '../application/audit/history';
import { openingReader } from '../application/audit/opening';
import type { StreamHead } from '../application/ports/event-store';
import { CHILD, foldRecord } from '../application/records';
import { defaultPolicyFor } from '../domain/policy';
import { catalog } from '../events/contracts';
import type { StoredEvent } from '../events/envelope';
import { childStreamId } from '../events/stream-id';
import { keyringOf } from '../functions/composition';
import { sealStream, seededIvs, writeSealed } from '../scripts/seed';
import { asCastoreEvent, CASTORE_TABLE, castoreChildStore, createCastoreTable, loadCastore } from './castore';
import { longChildHistory } from './long-child';
import { type Spread, spread, summarise } from './stats';

const LA = 'E08000035';
const REPLAY_LENGTHS = [10, 100, 1000] as const;

export type BenchTables = EventStoreTables & { personalDataKeys: string };

/** The store as it runs: every person's data key in the keys table, wrapped by a key held in memory for the run. */
const keyring = (client: DynamoDBClient, tables: BenchTables) =>
  keyringOf(client, tables.personalDataKeys, benchKeys, () => new Date());
const benchKeys = LocalKeyWrapper.ephemeral();

/** The baseline: the same store with nothing sealed and nothing opened, so the ratio is encryption's own cost. */
const NOTHING_SEALED: FieldSealing = {
  sealerFor: async () => (event) => event,
  open: async (events) => [...events],
};

export interface AppendRound {
  eventsPerSecond: Record<Contender, number>;
  p50Ms: Record<Contender, number>;
  p99Ms: Record<Contender, number>;
}
type Contender = 'ours' | 'plain' | 'raw' | 'castore' | 'rawPut' | 'putPair';
const CONTENDERS: readonly Contender[] = ['ours', 'plain', 'raw', 'castore', 'rawPut', 'putPair'];

export interface AppendFigures {
  appendsPerRound: number;
  rounds: AppendRound[];
  eventsPerSecond: Record<Contender, Spread>;
  p50Ms: Record<Contender, Spread>;
  p99Ms: Record<Contender, Spread>;
  /** Ours ÷ raw and ours ÷ Castore in events per second, per round (same run, interleaved). */
  oursVsRaw: Spread;
  oursVsCastore: Spread;
  /**
   * Write units per command, as DynamoDB reports them (ReturnConsumedCapacity): our store's transaction (the same
   * items as the raw one) and Castore's PutItem per event. A transactional write costs twice a plain one per item.
   */
  writeUnitsPerCommand: { ours: Spread; castore: Spread; putPair: Spread };
  /**
   * The ceiling of one design for goal 5: our event item as one conditional PutItem and the command record as
   * another, sent together (no head check), ÷ Castore in events per second.
   */
  putPairVsCastore: Spread;
  /** Castore ÷ a raw PutItem of its own item: what Castore adds to its own limit. */
  castoreVsRawPut: Spread;
  /**
   * The cost of sealing personal data: the time per command of our store ÷ the same store with nothing sealed, per
   * round (1.0 = free; the goal is at most 1.1).
   */
  encryptedVsPlain: Spread;
}

/**
 * Append: one command at a time onto a child's stream (the common case), the same sequence of real child events
 * through five writers taking turns: our store (personal fields and reasons sealed); the same store with nothing
 * sealed; the same TransactWriteItems written by hand with items sealed beforehand (the limit: only marshalling and
 * DynamoDB remain); Castore's pushEvent; and a raw PutItem of Castore's item.
 */
export async function benchAppend(
  client: DynamoDBClient,
  tables: BenchTables,
  appends: number,
  rounds: number,
): Promise<AppendFigures> {
  await createCastoreTable(client);
  const personalData = keyring(client, tables);
  const stores = {
    ours: new DynamoEventStore({ client, tables, catalog, personalData }),
    plain: new DynamoEventStore({ client, tables, catalog, personalData: NOTHING_SEALED }),
  };
  const castore = castoreChildStore(client);
  const results: AppendRound[] = [];
  const units = { ours: [] as number[], castore: [] as number[], putPair: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const childId = ulid();
    const history = longChildHistory(LA, childId, appends);
    const heads: Record<'ours' | 'plain', { streamId: string; head: StreamHead | number }> = {
      ours: { streamId: childStreamId(ulid()), head: 0 },
      plain: { streamId: childStreamId(ulid()), head: 0 },
    };
    const raw = { ...history, streamId: childStreamId(ulid()) };
    const rawSealed = sealStream(
      raw,
      catalog,
      'bench',
      await personalData.sealerFor(raw.streamId, seededIvs('bench', raw.streamId)),
    );
    const pair = { ...history, streamId: childStreamId(ulid()) };
    const pairSealed = sealStream(
      pair,
      catalog,
      'bench',
      await personalData.sealerFor(pair.streamId, seededIvs('bench', pair.streamId)),
    );
    const castoreId = ulid();
    const rawPutId = ulid();
    const at = { raw: 0, castore: 0, rawPut: 0, putPair: 0 };
    const next = (name: keyof typeof at, n: number) => {
      const from = at[name];
      at[name] += n;
      return (name === 'putPair' ? pairSealed : rawSealed).slice(from, from + n);
    };

    const samples = Object.fromEntries(CONTENDERS.map((c) => [c, [] as number[]])) as Record<
      Contender,
      number[]
    >;
    const time = async (name: Contender, fn: () => Promise<unknown>) => {
      const start = process.hrtime.bigint();
      await fn();
      samples[name].push(Number(process.hrtime.bigint() - start) / 1e6);
    };
    for (const [i, batch] of history.batches.entries()) {
      const order = CONTENDERS.map((_, j) => CONTENDERS[(i + j) % CONTENDERS.length]!);
      for (const name of order) {
        if (name === 'ours' || name === 'plain') {
          const mine = heads[name];
          await time(name, async () => {
            const result = await stores[name].append(mine.streamId, LA, mine.head, batch.events, {
              commandId: ulid(),
              actor: batch.command.actor,
              reason: batch.command.reason,
            });
            const head = result.streams[0]!;
            mine.head = { version: head.toVersion, hash: head.hash };
          });
        } else if (name === 'raw') {
          const events = next('raw', batch.events.length);
          await time('raw', async () => {
            const out = await rawTransact(client, tables, events);
            units.ours.push((out.ConsumedCapacity ?? []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0));
          });
        } else if (name === 'castore') {
          const events = next('castore', batch.events.length);
          await time('castore', async () => {
            for (const event of events) await castore.pushEvent(asCastoreEvent(event, castoreId) as never);
          });
        } else if (name === 'putPair') {
          const events = next('putPair', batch.events.length);
          await time('putPair', async () => {
            const outs = await Promise.all([
              ...events.map((event) => putEventItem(client, tables, event)),
              putCommandRecord(client, tables, events),
            ]);
            units.putPair.push(outs.reduce((sum, o) => sum + (o.ConsumedCapacity?.CapacityUnits ?? 0), 0));
          });
        } else {
          const events = next('rawPut', batch.events.length);
          await time('rawPut', async () => {
            let used = 0;
            for (const event of events)
              used +=
                (await rawPut(client, asCastoreEvent(event, rawPutId))).ConsumedCapacity?.CapacityUnits ?? 0;
            units.castore.push(used);
          });
        }
      }
    }
    const figures = (name: Contender) => {
      const s = summarise(samples[name]);
      const totalMs = samples[name].reduce((a, b) => a + b, 0);
      return { eps: (appends / totalMs) * 1000, p50: s.p50, p99: s.p99 };
    };
    const f = Object.fromEntries(CONTENDERS.map((c) => [c, figures(c)])) as Record<
      Contender,
      ReturnType<typeof figures>
    >;
    const pick = (k: 'eps' | 'p50' | 'p99') =>
      Object.fromEntries(CONTENDERS.map((c) => [c, f[c][k]])) as Record<Contender, number>;
    results.push({ eventsPerSecond: pick('eps'), p50Ms: pick('p50'), p99Ms: pick('p99') });
  }
  const over = (pick: (r: AppendRound) => Record<Contender, number>) =>
    Object.fromEntries(CONTENDERS.map((c) => [c, spread(results.map((r) => pick(r)[c]))])) as Record<
      Contender,
      Spread
    >;
  return {
    appendsPerRound: appends,
    rounds: results,
    eventsPerSecond: over((r) => r.eventsPerSecond),
    p50Ms: over((r) => r.p50Ms),
    p99Ms: over((r) => r.p99Ms),
    oursVsRaw: spread(results.map((r) => r.eventsPerSecond.ours / r.eventsPerSecond.raw)),
    oursVsCastore: spread(results.map((r) => r.eventsPerSecond.ours / r.eventsPerSecond.castore)),
    castoreVsRawPut: spread(results.map((r) => r.eventsPerSecond.castore / r.eventsPerSecond.rawPut)),
    writeUnitsPerCommand: {
      ours: spread(units.ours),
      castore: spread(units.castore),
      putPair: spread(units.putPair),
    },
    putPairVsCastore: spread(results.map((r) => r.eventsPerSecond.putPair / r.eventsPerSecond.castore)),
    encryptedVsPlain: spread(results.map((r) => r.eventsPerSecond.plain / r.eventsPerSecond.ours)),
  };
}

/** Castore's write by hand: the same item, one conditional PutItem, nothing else. */
function rawPut(client: DynamoDBClient, event: ReturnType<typeof asCastoreEvent>) {
  return client.send(
    new PutItemCommand({
      TableName: CASTORE_TABLE,
      Item: marshall(
        {
          ...event,
          aggregateId: `children#${event.aggregateId}`,
          timestamp: new Date().toISOString(),
          ...(event.version === 1 ? { eventStoreId: 'children' } : {}),
        },
        { removeUndefinedValues: true },
      ),
      ConditionExpression: 'attribute_not_exists(#v)',
      ExpressionAttributeNames: { '#v': 'version' },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
}

/** One of our event items as a single conditional PutItem: no head check, no command record. */
function putEventItem(client: DynamoDBClient, tables: EventStoreTables, event: StoredEvent) {
  return client.send(
    new PutItemCommand({
      TableName: tables.events,
      Item: marshall(
        { ...event, ...(event.version === 1 ? { streamLa: event.la } : {}) },
        { removeUndefinedValues: true },
      ),
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': 'streamId' },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
}

/** The command record of the store's transaction, as a conditional PutItem of its own. */
function putCommandRecord(client: DynamoDBClient, tables: EventStoreTables, events: readonly StoredEvent[]) {
  return client.send(
    new PutItemCommand({
      TableName: tables.commands,
      // The same history's command ids are the raw transaction's: this writer's records are kept apart.
      Item: marshall({ ...commandRecordOf(events), commandId: `${events[0]!.metadata.commandId}-pair` }),
      ConditionExpression: 'attribute_not_exists(#c)',
      ExpressionAttributeNames: { '#c': 'commandId' },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
}

function commandRecordOf(events: readonly StoredEvent[]) {
  const first = events[0]!;
  const last = events.at(-1)!;
  return {
    commandId: first.metadata.commandId!,
    recordedAt: first.metadata.recordedAt,
    actorId: first.metadata.actor.id,
    streams: [
      { streamId: first.streamId, fromVersion: first.version, toVersion: last.version, hash: last.hash },
    ],
    eventIds: events.map((e) => e.metadata.eventId),
  };
}

/** The store's transaction for one command, by hand: command record, head check, one put per event. */
function rawTransact(client: DynamoDBClient, tables: EventStoreTables, events: readonly StoredEvent[]) {
  const first = events[0]!;
  const record = commandRecordOf(events);
  return client.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        {
          Put: {
            TableName: tables.commands,
            Item: marshall(record),
            ConditionExpression: 'attribute_not_exists(#c)',
            ExpressionAttributeNames: { '#c': 'commandId' },
          },
        },
        ...(first.version > 1
          ? [
              {
                ConditionCheck: {
                  TableName: tables.events,
                  Key: marshall({ streamId: first.streamId, version: first.version - 1 }),
                  ConditionExpression: '#h = :h',
                  ExpressionAttributeNames: { '#h': 'hash' },
                  ExpressionAttributeValues: marshall({ ':h': first.prevHash }),
                },
              },
            ]
          : []),
        ...events.map((event) => ({
          Put: {
            TableName: tables.events,
            Item: marshall(
              { ...event, ...(event.version === 1 ? { streamLa: event.la } : {}) },
              { removeUndefinedValues: true },
            ),
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': 'streamId' },
          },
        })),
      ],
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
}

type Reader =
  | 'rawQuery'
  | 'rawFirstPage'
  | 'state'
  | 'statePlain'
  | 'stateColdKey'
  | 'history'
  | 'historyAllPages'
  | 'castore';
/** Each reader's limit: the raw Query of the same items (the first page reads 501: its 500 and the next one). */
const BASELINE: Partial<Record<Reader, Reader>> = { history: 'rawFirstPage' };
const HISTORY_PAGE = 500;
export interface ReplayFigures {
  /** By stream length: p50 latency (ms) of each reader, median and spread over rounds. */
  p50Ms: Record<string, Record<Reader, Spread>>;
  p99Ms: Record<string, Record<Reader, Spread>>;
  /**
   * By stream length: each reader's p50 ÷ its raw Query's p50 in the same round (1.0 = as fast as raw): the whole
   * stream's, or for the history's first page the raw Query of the same first page.
   */
  vsRaw: Record<string, Record<Exclude<Reader, 'rawQuery' | 'rawFirstPage'>, Spread>>;
  /**
   * By stream length: the cost of opening sealed fields, p50 of the store's read and fold ÷ the same over the same
   * history stored with nothing sealed (goal: at most 1.1). `coldKey` is the same with the person's key not yet in
   * the cache (one more read of the keys table and an unwrap: the first read of a person in a container).
   */
  encryptedVsPlain: Record<string, { warmKey: Spread; coldKey: Spread }>;
  samplesPerRound: number;
}

/**
 * Replay one child: the stream loaded once (bulk), then read in turns by a raw paged Query (items unmarshalled,
 * nothing else: the limit), by the store with the state folded by the child decider (with the person's key cached,
 * with it fetched afresh, and over a copy with nothing sealed), by the audit's readHistory (every item's hash checked
 * and opened; one call giving the first page of up to 500 entries, and every page), and by Castore's getAggregate
 * over the same events in its own table. The first page is held against a raw Query of the same 501 items.
 */
export async function benchReplay(
  client: DynamoDBClient,
  tables: BenchTables,
  samples: number,
  rounds: number,
): Promise<ReplayFigures> {
  await createCastoreTable(client);
  const personalData = keyring(client, tables);
  const store = new DynamoEventStore({ client, tables, catalog, personalData });
  const plainStore = new DynamoEventStore({ client, tables, catalog, personalData: NOTHING_SEALED });
  const reader = openingReader(new DynamoStoredEventReader(client, tables.events), personalData);
  const castore = castoreChildStore(client);
  const out: ReplayFigures = {
    p50Ms: {},
    p99Ms: {},
    vsRaw: {},
    encryptedVsPlain: {},
    samplesPerRound: samples,
  };
  for (const length of REPLAY_LENGTHS) {
    const childId = ulid();
    const stream = longChildHistory(LA, childId, length);
    const sealer = await personalData.sealerFor(stream.streamId, seededIvs('bench', stream.streamId));
    const sealed = sealStream(stream, catalog, 'bench', sealer);
    await writeSealed(client, tables.events, sealed);
    const plain = { ...stream, streamId: childStreamId(ulid()) };
    await writeSealed(
      client,
      tables.events,
      sealStream(plain, catalog, 'bench', (event) => event),
    );
    await loadCastore(client, sealed, childId);
    const key = `${length} events`;
    const perRound: Array<Record<Reader, ReturnType<typeof summarise>>> = [];
    for (let round = 0; round < rounds; round++) {
      const readers: Record<Reader, () => Promise<unknown>> = {
        rawQuery: () => rawQuery(client, tables.events, stream.streamId),
        rawFirstPage: () => rawQuery(client, tables.events, stream.streamId, HISTORY_PAGE + 1),
        state: async () => foldRecord(CHILD, defaultPolicyFor, await store.read(stream.streamId)),
        statePlain: async () => foldRecord(CHILD, defaultPolicyFor, await plainStore.read(plain.streamId)),
        stateColdKey: async () => {
          const cold = new DynamoEventStore({
            client,
            tables,
            catalog,
            personalData: keyring(client, tables),
          });
          return foldRecord(CHILD, defaultPolicyFor, await cold.read(stream.streamId));
        },
        history: () => readHistory({ reader, catalog, streamId: stream.streamId, limit: HISTORY_PAGE }),
        historyAllPages: async () => {
          let cursor: string | undefined;
          do {
            const page = await readHistory({
              reader,
              catalog,
              streamId: stream.streamId,
              limit: HISTORY_PAGE,
              cursor,
            });
            cursor = page.nextCursor;
          } while (cursor);
        },
        castore: () => castore.getAggregate(childId),
      };
      const names = Object.keys(readers) as Reader[];
      const ms = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Reader, number[]>;
      for (let i = 0; i < samples; i++)
        for (let j = 0; j < names.length; j++) {
          const name = names[(i + j) % names.length]!;
          const start = process.hrtime.bigint();
          await readers[name]();
          ms[name].push(Number(process.hrtime.bigint() - start) / 1e6);
        }
      perRound.push(
        Object.fromEntries(names.map((n) => [n, summarise(ms[n])])) as Record<
          Reader,
          ReturnType<typeof summarise>
        >,
      );
    }
    const names = Object.keys(perRound[0]!) as Reader[];
    out.p50Ms[key] = Object.fromEntries(
      names.map((n) => [n, spread(perRound.map((r) => r[n].p50))]),
    ) as never;
    out.p99Ms[key] = Object.fromEntries(
      names.map((n) => [n, spread(perRound.map((r) => r[n].p99))]),
    ) as never;
    out.vsRaw[key] = Object.fromEntries(
      names
        .filter((n) => n !== 'rawQuery' && n !== 'rawFirstPage')
        .map((n) => [n, spread(perRound.map((r) => r[n].p50 / r[BASELINE[n] ?? 'rawQuery'].p50))]),
    ) as never;
    out.encryptedVsPlain[key] = {
      warmKey: spread(perRound.map((r) => r.state.p50 / r.statePlain.p50)),
      coldKey: spread(perRound.map((r) => r.stateColdKey.p50 / r.statePlain.p50)),
    };
  }
  return out;
}

/** The limit of any reader: a paged Query, items unmarshalled, nothing else; the first `limit` items if given. */
async function rawQuery(client: DynamoDBClient, table: string, streamId: string, limit?: number) {
  const items: Record<string, unknown>[] = [];
  let startKey: QueryCommand['input']['ExclusiveStartKey'];
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: table,
        ConsistentRead: true,
        KeyConditionExpression: 'streamId = :s',
        ExpressionAttributeValues: marshall({ ':s': streamId }),
        ExclusiveStartKey: startKey,
        Limit: limit,
      }),
    );
    for (const item of page.Items ?? []) items.push(unmarshall(item));
    startKey = limit !== undefined && items.length >= limit ? undefined : page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
