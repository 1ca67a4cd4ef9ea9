import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { KeyWrapper } from '../../adapters/crypto/key-wrapper';
import { LocalKeyWrapper } from '../../adapters/crypto/local-key-wrapper';
import { DynamoEventStore } from '../../adapters/dynamodb/event-store';
import { FileAnchorStore } from '../../adapters/files/anchor-store';
import { FileReceiptStore, localReceiptFolder } from '../../adapters/files/receipt-store';
import { Outbox } from '../../adapters/notify/outbox';
import type { BulkLoadReport } from '../../application/bulk-load';
import type { ReconcileReport } from '../../application/deadlines/reconcile';
import type { SweepResult } from '../../application/personal-data/retention-sweep';
import type { Bus, BusEvent } from '../../application/ports/bus';
import { type Log, quietLog } from '../../application/ports/log';
import type { WorkflowStarter } from '../../application/ports/workflows';
import { catalog } from '../../events/contracts';
import {
  anchorOf,
  bulkLoadOf,
  deadlineTasksOf,
  keyringOf,
  notifierOf,
  obligationStarterOf,
  projectorOf,
  publisherOf,
  reconcilerOf,
  retentionSweepOf,
} from '../../functions/composition';
import { ENV, type Environment, setting } from '../../functions/environment';
import { LocalBus } from './bus';
import { ControllableClock, DEFAULT_DATA_DIR } from './clock';
import { localClientConfig, startDynamoDbLocal } from './dynamodb';
import {
  eventRules,
  functionEnvironment,
  resourcesOfType,
  stateMachines,
  streamMappings,
  type Templates,
} from './resources';
import { LocalSchedules } from './schedules';
import { ExecutionAlreadyExists, LocalStepFunctions } from './step-functions';
import { StreamPoller } from './stream-poller';
import {
  createTables,
  type LocalTables,
  localTables,
  synthesizeTemplates,
  tableLogicalId,
  tablesFromTemplates,
} from './template';

/** Synthesis takes a second or two and gives the same templates every time in one process. */
let templatesOnce: Templates | undefined;

export interface LocalRuntimeOptions {
  /** Where the clock, waiting executions, stream checkpoints, the outbox and DynamoDB Local's files live. */
  dataDir?: string;
  /** Keep nothing: DynamoDB Local in memory, everything else in a temporary folder removed on stop. */
  inMemory?: boolean;
  /** DynamoDB Local's port when this runtime starts it. */
  port?: number;
  /** Use a DynamoDB Local that is already running (tests share one) instead of starting one. */
  dynamoEndpoint?: string;
  /** Prefix for this runtime's table names, so several runtimes can share one DynamoDB Local. */
  tablePrefix?: string;
  /** Where the clock starts when the data folder has no clock yet (tests pin their dates with it). */
  clockStartsAt?: Date;
  /** How often the background loop looks for stream records, bus events and due timers; 0 turns it off. */
  tickMs?: number;
  /** Start with the background loop stopped (for a bulk load); `resume()` starts it. */
  paused?: boolean;
  log?: Log;
  /** Wrap the bus the publisher puts on, e.g. to make EventBridge refuse entries in a test. */
  wrapBus?: (bus: Bus) => Bus;
  /** Wrap a function's handler (by the construct id its logical id starts with), e.g. to inject a fault in a test. */
  wrap?: Partial<Record<LocalFunctionName, (handler: AnyHandler) => AnyHandler>>;
  /** Run the template's scheduled rules (the hourly anchor, the daily reconciler) on the clock; on by default. */
  schedules?: boolean;
}

export type LocalFunctionName =
  | 'Publisher'
  | 'ObligationStarter'
  | 'DeadlineTasks'
  | 'Notifier'
  | 'Projector'
  | 'Anchor'
  | 'Reconciler'
  | 'RetentionSweep';
// biome-ignore lint/suspicious/noExplicitAny: handlers of different Lambda event shapes share one registry.
type AnyHandler = (event: any) => Promise<any>;

export interface DeadLetter {
  queue: string;
  at: string;
  reason: string;
  message: unknown;
}

export interface LocalRuntime {
  dataDir: string;
  dynamoEndpoint: string;
  dynamo: DynamoDBClient;
  tables: LocalTables & { notifications: string };
  /** The event store over the local tables, on the controllable clock: what the web server will use. */
  store: DynamoEventStore;
  /** Wraps the people's data keys with the local key-encryption key (`personal-data.key` in the data folder). */
  keys: KeyWrapper;
  clock: ControllableClock;
  stepFunctions: LocalStepFunctions;
  bus: LocalBus;
  outbox: Outbox;
  /** Where the scheduled anchor writes chain heads: the audit views and CLI read them from here. */
  anchors: FileAnchorStore;
  /** Where expense receipts are kept (`receipts/` in the data folder): the pages store them, an erasure deletes them. */
  receipts: FileReceiptStore;
  deadLetters(): DeadLetter[];
  /** Runs the reconciler now (as every start does), after settling, and says what it checked and repaired. */
  reconcile(): Promise<ReconcileReport>;
  /** Runs the poller, the bus and due timers until nothing is left to do: what a test awaits after acting. */
  settle(): Promise<void>;
  /** Marks every record already in the events table's stream as handled: the first step of a bulk load. */
  skipStreamBacklog(): Promise<void>;
  /** The second step: each stream read once, its row projected and its obligations armed (`afterBulkLoad`). */
  announceHeads(streamIds: readonly string[]): Promise<BulkLoadReport>;
  /** Starts the background loop of a runtime started paused. */
  resume(): void;
  /** Runs the nightly retention sweep now (in AWS a schedule runs it), and settles what it recorded. */
  sweepRetention(): Promise<SweepResult>;
  /** Moves the clock forward and settles, so whatever fell due has fired. */
  advance(duration: string | number): Promise<Date>;
  stop(): Promise<void>;
}

/**
 * The whole event flow on one machine, from the synthesized template: DynamoDB Local with the template's tables, a
 * poller on the events table's stream feeding the publisher, an in-process bus applying the template's rules to the
 * same handlers as in AWS, the template's state machines run locally, a controllable clock and a file outbox.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const log = options.log ?? quietLog;
  const temporary = options.inMemory ? mkdtempSync(join(tmpdir(), 'iv-local-')) : undefined;
  const dataDir = resolvePath(temporary ?? options.dataDir ?? DEFAULT_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const persistent = !options.inMemory;

  if (persistent && !options.dynamoEndpoint) mkdirSync(join(dataDir, 'dynamodb'), { recursive: true });
  const synthesize = () => {
    templatesOnce ??= synthesizeTemplates() as Templates;
  };
  // The templates are synthesized while DynamoDB Local's JVM starts: each takes seconds on a busy machine.
  const dynamoDbLocal = options.dynamoEndpoint
    ? undefined
    : await startDynamoDbLocal({
        port: options.port,
        path: persistent ? join(dataDir, 'dynamodb') : undefined,
        meanwhile: synthesize,
      });
  synthesize();
  const templates = templatesOnce!;
  const dynamoEndpoint = options.dynamoEndpoint ?? dynamoDbLocal!.endpoint;
  const dynamo = new DynamoDBClient(localClientConfig(dynamoEndpoint));
  const streams = new DynamoDBStreamsClient(localClientConfig(dynamoEndpoint));

  // Tables are named after their logical ids, plus this runtime's prefix.
  const prefix = options.tablePrefix ?? '';
  const tableIds = new Set(resourcesOfType(templates, 'AWS::DynamoDB::Table').map((t) => t.logicalId));
  const tableName = (logicalIdOrValue: string) =>
    tableIds.has(logicalIdOrValue) ? `${prefix}${logicalIdOrValue}` : logicalIdOrValue;
  await createTables(
    dynamo,
    tablesFromTemplates(templates).map((t) => ({ ...t, TableName: tableName(t.TableName!) })),
  );
  const tables = {
    ...(Object.fromEntries(
      Object.entries(localTables(templates)).map(([k, v]) => [k, tableName(v)]),
    ) as LocalTables),
    notifications: tableName(tableLogicalId(templates, 'IvMessaging/Notifications')),
  };

  const clock = new ControllableClock({
    dataDir: persistent ? dataDir : undefined,
    startAt: options.clockStartsAt,
  });
  // Stands in for KMS: made on first start in the data folder (.local/, never committed; a temporary one in memory).
  const keys = LocalKeyWrapper.atPath(join(dataDir, 'personal-data.key'));
  const store = new DynamoEventStore({
    client: dynamo,
    tables,
    catalog,
    now: () => clock.now(),
    personalData: keyringOf(dynamo, tables.personalDataKeys, keys, () => clock.now()),
  });
  const outbox = new Outbox(join(dataDir, 'outbox'));
  const anchors = new FileAnchorStore(join(dataDir, 'anchors'));
  const receipts = new FileReceiptStore(localReceiptFolder(dataDir));
  const deadLetters: DeadLetter[] = [];
  const deadLetter = (queue: string, message: unknown, reason: string) => {
    const letter = { queue, at: clock.now().toISOString(), reason, message };
    deadLetters.push(letter);
    mkdirSync(join(dataDir, 'dead-letters'), { recursive: true });
    appendFileSync(join(dataDir, 'dead-letters', `${queue}.jsonl`), `${JSON.stringify(letter)}\n`);
    log.warn('dead letter', { queue, reason });
  };

  // The functions of the template, each bound to its handler code, configured from its template environment.
  const functions = resourcesOfType(templates, 'AWS::Lambda::Function').map((f) => f.logicalId);
  const logicalIdOf = (name: LocalFunctionName) => {
    // CDK names a function's logical id after its construct id plus an 8-character hash.
    const ids = functions.filter((id) => new RegExp(`^${name}[0-9A-F]{8}$`).test(id));
    if (ids.length !== 1)
      throw new Error(`expected one function ${name} in the template, found ${ids.join(', ')}`);
    return ids[0]!;
  };
  const envOf = (name: LocalFunctionName) => {
    const env = functionEnvironment(templates, logicalIdOf(name));
    return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, tableName(String(v))]));
  };

  let bus: LocalBus;
  const innerBus: Bus = { put: (entries) => bus.put(entries) };
  const busPort = options.wrapBus ? options.wrapBus(innerBus) : innerBus;
  let stepFunctions: LocalStepFunctions;
  const starterEnv = envOf('ObligationStarter');
  const workflows: WorkflowStarter = {
    async start(name, input) {
      try {
        const started = stepFunctions.startExecution({
          stateMachineArn: setting(starterEnv, 'deadlineStateMachineArn'),
          name,
          input,
        });
        return started.alreadyRunning ? 'already-exists' : 'started';
      } catch (error) {
        if (error instanceof ExecutionAlreadyExists) return 'already-exists';
        throw error;
      }
    },
  };
  // The same composition root as in AWS, with each function's environment as the template sets it; only the links
  // in emails point at this machine.
  const wiring = (name: LocalFunctionName, env: Environment = envOf(name)) => ({
    dynamo,
    env,
    clock,
    log,
    keys,
  });
  const notifierEnv = {
    ...envOf('Notifier'),
    [ENV.recordBaseUrl]: `http://localhost:${process.env.PORT ?? 3000}`,
  };
  const handlers: Record<LocalFunctionName, AnyHandler> = {
    Publisher: publisherOf(log, busPort),
    ObligationStarter: obligationStarterOf(wiring('ObligationStarter', starterEnv), workflows),
    DeadlineTasks: deadlineTasksOf(wiring('DeadlineTasks')),
    Notifier: notifierOf(wiring('Notifier', notifierEnv), outbox),
    Projector: projectorOf(wiring('Projector')),
    Anchor: anchorOf(wiring('Anchor'), anchors),
    Reconciler: reconcilerOf(wiring('Reconciler'), {
      workflows,
      runningExecutions: async () => new Set(stepFunctions.list({ status: 'RUNNING' }).map((e) => e.name)),
    }),
    RetentionSweep: retentionSweepOf(wiring('RetentionSweep'), receipts),
  };
  const bulkLoad = bulkLoadOf(wiring('Reconciler'), workflows, busPort);
  for (const [name, wrapper] of Object.entries(options.wrap ?? {}))
    handlers[name as LocalFunctionName] = wrapper(handlers[name as LocalFunctionName]);
  const byLogicalId = new Map(
    (Object.keys(handlers) as LocalFunctionName[]).map((n) => [logicalIdOf(n), handlers[n]]),
  );
  const invoke = async (logicalId: string, payload: unknown) => {
    const handler = byLogicalId.get(logicalId);
    if (!handler) throw new Error(`no local handler for function ${logicalId}`);
    // A copy, as Lambda's payload is serialized: a handler can never change its caller's data.
    return structuredClone(await handler(structuredClone(payload)));
  };

  const rules = eventRules(templates);
  bus = new LocalBus({
    // The bus routes events; scheduled rules (the hourly anchor, the daily reconciler) run by the clock, below.
    rules: rules.filter((rule) => rule.eventPattern !== undefined),
    target: (id) => (event: BusEvent) => invoke(id, event),
    onDeadLetter: (queue, event, error) => deadLetter(queue ?? 'unconfigured', event, String(error)),
    clock,
  });
  stepFunctions = new LocalStepFunctions({
    machines: stateMachines(templates),
    invoke,
    clock,
    folder: persistent ? join(dataDir, 'executions') : undefined,
    onFailed: (execution) =>
      log.error('a deadline execution failed', { name: execution.name, error: execution.error?.Error }),
  });
  const pollers = streamMappings(templates).map(
    (mapping) =>
      new StreamPoller({
        dynamo,
        streams,
        tableName: tableName(mapping.tableLogicalId),
        mapping,
        // The bus queues in memory, so a batch counts as handled (and is checkpointed) only once every rule's targets
        // have had what its publishing put on the bus: a kill before then replays the batch, never loses it.
        handler: async (event: DynamoDBStreamEvent) => {
          const response = await invoke(mapping.functionLogicalId, event);
          await bus.pump();
          return response;
        },
        onFailure: (records: DynamoDBRecord[], reason) =>
          deadLetter(mapping.onFailureQueue ?? 'unconfigured', { records }, reason),
        checkpointFile: persistent ? join(dataDir, `checkpoints-${mapping.tableLogicalId}.json`) : undefined,
      }),
  );

  const schedules = new LocalSchedules({
    rules: options.schedules === false ? [] : rules.filter((rule) => rule.schedule !== undefined),
    run: (id) => invoke(id, {}),
    clock,
    onDeadLetter: (queue, rule, error) => deadLetter(queue ?? 'unconfigured', { rule }, String(error)),
    file: persistent ? join(dataDir, 'schedules.json') : undefined,
  });

  // One pass at a time, whether from the background loop or from settle().
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };
  const pass = async (): Promise<boolean> => {
    let worked = false;
    for (const poller of pollers) if (await poller.pump()) worked = true;
    if (await bus.pump()) worked = true;
    if (await schedules.pump()) worked = true;
    if (stepFunctions.pump()) worked = true;
    if (stepFunctions.busy()) worked = true;
    await stepFunctions.idle();
    return worked;
  };
  const settle = () =>
    exclusive(async () => {
      for (let passes = 0; await pass(); passes++)
        if (passes > 10_000) throw new Error('the local runtime did not settle after 10,000 passes');
    });

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tickMs = options.tickMs ?? 250;
  const tick = () => {
    if (stopped) return;
    exclusive(pass)
      .catch((error) => log.error('local runtime pass failed', { message: (error as Error).message }))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, tickMs);
      });
  };
  const resume = () => {
    if (tickMs > 0 && !timer && !stopped) timer = setTimeout(tick, tickMs);
  };
  if (!options.paused) resume();

  return {
    dataDir,
    dynamoEndpoint,
    dynamo,
    tables,
    store,
    keys,
    clock,
    stepFunctions,
    bus,
    outbox,
    anchors,
    receipts,
    deadLetters: () => [...deadLetters],
    settle,
    async reconcile() {
      await settle();
      const report = (await exclusive(() => schedules.runNow(logicalIdOf('Reconciler')))) as ReconcileReport;
      // What it re-armed and re-projected runs now.
      await settle();
      return report;
    },
    async advance(duration) {
      await settle();
      const now = clock.advance(duration);
      await settle();
      return now;
    },
    skipStreamBacklog: () =>
      exclusive(async () => {
        for (const poller of pollers) await poller.skipToEnd();
      }),
    announceHeads: bulkLoad,
    resume,
    async sweepRetention() {
      const result = (await invoke(logicalIdOf('RetentionSweep'), {})) as SweepResult;
      await settle();
      return result;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await chain;
      await stepFunctions.stop();
      streams.destroy();
      dynamo.destroy();
      await dynamoDbLocal?.stop();
      if (temporary) rmSync(temporary, { recursive: true, force: true });
    },
  };
}
