import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import type { KeyWrapper } from '../adapters/crypto/key-wrapper';
import { type FieldSealing, PersonalDataKeyring } from '../adapters/crypto/keyring';
import { volunteersOnly } from '../adapters/crypto/volunteers-only';
import { StaticStaffDirectory } from '../adapters/directory/static-directory';
import { DynamoAccessLog } from '../adapters/dynamodb/access-log';
import { DynamoDataKeys } from '../adapters/dynamodb/data-keys';
import { DynamoEventStore, lasWithStreams } from '../adapters/dynamodb/event-store';
import { DynamoNotificationLedger } from '../adapters/dynamodb/notification-ledger';
import { DynamoReadModels, type ReadModelTables } from '../adapters/dynamodb/read-models';
import { DynamoStoredEventReader } from '../adapters/dynamodb/stored-events';
import { createPublisher } from '../adapters/dynamodb/stream-publisher';
import { KmsKeyWrapper } from '../adapters/kms/kms-key-wrapper';
import type { App } from '../application/app';
import { type AnchorStore, anchorHeads } from '../application/audit/anchor';
import { AuditService } from '../application/audit/service';
import { afterBulkLoad } from '../application/bulk-load';
import { streamObligations } from '../application/deadlines/obligations';
import { deadlinePorts } from '../application/deadlines/ports';
import { reconcile } from '../application/deadlines/reconcile';
import { createObligationStarter } from '../application/deadlines/starter';
import { createDeadlineTasks } from '../application/deadlines/tasks';
import { parseMailboxes, type Sender } from '../application/notifications/notifications';
import { createNotifier } from '../application/notifications/notifier';
import { currentVisitorFrom, visitorContactOf } from '../application/notifications/visitor-contacts';
import { createRetentionSweep } from '../application/personal-data/retention-sweep';
import type { Bus } from '../application/ports/bus';
import type { Clock } from '../application/ports/clock';
import type { Log } from '../application/ports/log';
import type { ReceiptStore } from '../application/ports/receipts';
import type { StaffDirectory } from '../application/ports/staff-directory';
import type { WorkflowStarter } from '../application/ports/workflows';
import { createProjector, createStreamProjector } from '../application/projections/project';
import { localAuthority } from '../domain/local-authorities';
import { defaultPolicyFor } from '../domain/policy';
import { catalog } from '../events/contracts';
import { type Environment, optionalSetting, setting } from './environment';

/**
 * The one composition root: it wires the adapters into the application. The Lambda entry points call it with their
 * environment (as CDK wrote it) and the AWS adapters; the local runtime calls it with the same environment, read
 * from the synthesized template, and its local bus, state machines and outbox. The App of the two HTTP functions in
 * AWS is in `app-in-aws.ts`, so no worker function loads the Cognito or S3 clients it never uses (each costs
 * module load on a cold start).
 */

export interface AppTables extends ReadModelTables {
  events: string;
  commands: string;
  accessLog: string;
  personalDataKeys: string;
}

/** The tables the API and the pages use, from their environment. */
export const appTablesOf = (env: Environment): AppTables => ({
  events: setting(env, 'eventsTable'),
  commands: setting(env, 'commandsTable'),
  accessLog: setting(env, 'accessLogTable'),
  personalDataKeys: setting(env, 'personalDataKeysTable'),
  ...readModelTablesOf(env),
});

/** In AWS each person's data key is made and unwrapped by KMS under the personal-data key the environment names. */
export const kmsKeys = (env: Environment): KeyWrapper =>
  new KmsKeyWrapper(new KMSClient({}), setting(env, 'personalDataKeyArn'));

/** Each person's data key, in the keys table, wrapped by KMS (or locally by the key file). One per container. */
export const keyringOf = (client: DynamoDBClient, table: string, keys: KeyWrapper, now: () => Date) =>
  new PersonalDataKeyring({ keys: new DynamoDataKeys(client, table), wrapper: keys, catalog, now });

const readModelTablesOf = (env: Environment): ReadModelTables => ({
  childSummary: setting(env, 'childSummaryTable'),
  volunteerSummary: setting(env, 'volunteerSummaryTable'),
});

const NO_RECEIPT_STORE: ReceiptStore = {
  put: async () => {
    throw new Error('this application has no receipt store');
  },
  get: async () => undefined,
  delete: async () => {},
};

/** Assembles the application from its tables and clock: in a Lambda, under `npm start`, and in tests alike. */
export function buildApp(options: {
  client: DynamoDBClient;
  tables: AppTables;
  now: () => Date;
  /** Who wraps the people's data keys: KMS in AWS, the local key file on one machine. */
  keys: KeyWrapper;
  anchors?: AnchorStore;
  laName?: (code: string) => string | undefined;
  /** The staff directory: the local one, or Cognito's in AWS; nobody when not given. */
  staff?: StaffDirectory;
  /** The receipt bucket, or the local folder; without one, a claim with a receipt is refused before anything is written. */
  receipts?: ReceiptStore;
  local?: App['local'];
}): App {
  const { client, tables, now } = options;
  const accessLog = new DynamoAccessLog({ client, table: tables.accessLog, now });
  const personalData = keyringOf(client, tables.personalDataKeys, options.keys, now);
  return {
    store: new DynamoEventStore({ client, tables, catalog, now, personalData }),
    personalData,
    now,
    policies: defaultPolicyFor,
    laName: (code) => options.laName?.(code) ?? localAuthority(code).name,
    readModels: new DynamoReadModels(client, tables),
    staff: options.staff ?? new StaticStaffDirectory([]),
    receipts: options.receipts ?? NO_RECEIPT_STORE,
    las: () => lasWithStreams(client, tables.events),
    local: options.local,
    accessLog,
    audit: new AuditService({
      reader: new DynamoStoredEventReader(client, tables.events),
      catalog,
      accessLog,
      personalData,
      anchors: options.anchors,
      now,
    }),
  };
}

/** What every worker function is built from: its DynamoDB client, its environment, the clock and its log. */
export interface Wiring {
  dynamo: DynamoDBClient;
  env: Environment;
  clock: Clock;
  log: Log;
  /** Who wraps the data keys; KMS, as the environment names it, unless given (the local key file). */
  keys?: KeyWrapper;
}

/**
 * The event store as a function sees it, on the function's clock. It opens and seals personal fields only if its
 * environment names the keys table: the notifier's does not (it is given a volunteers-only keyring, notifierOf).
 */
export function eventStoreOf(
  wiring: Pick<Wiring, 'dynamo' | 'env' | 'clock' | 'keys'>,
  personalData: FieldSealing | undefined = keyringFrom(wiring),
) {
  const { dynamo, env, clock } = wiring;
  return new DynamoEventStore({
    client: dynamo,
    tables: { events: setting(env, 'eventsTable'), commands: setting(env, 'commandsTable') },
    catalog,
    now: () => clock.now(),
    personalData,
  });
}

/** The function's keyring, if its environment names the keys table. */
function keyringFrom({ dynamo, env, clock, keys }: Pick<Wiring, 'dynamo' | 'env' | 'clock' | 'keys'>) {
  const keysTable = optionalSetting(env, 'personalDataKeysTable');
  return keysTable ? keyringOf(dynamo, keysTable, keys ?? kmsKeys(env), () => clock.now()) : undefined;
}

/** The events table's stream -> the domain bus. */
export const publisherOf = (log: Log, bus: Bus) => createPublisher({ bus, log });

/** The domain bus -> read-model rows. */
export const projectorOf = (wiring: Wiring) =>
  createProjector({
    store: eventStoreOf(wiring),
    readModels: new DynamoReadModels(wiring.dynamo, readModelTablesOf(wiring.env)),
    now: () => wiring.clock.now(),
    log: wiring.log,
  });

/** The domain bus -> one deadline workflow per open obligation. */
export function obligationStarterOf(wiring: Wiring, workflows: WorkflowStarter) {
  const obligations = streamObligations({ store: eventStoreOf(wiring), clock: wiring.clock });
  return createObligationStarter({
    openObligations: (streamId, now) => obligations.openOn(streamId, now),
    workflows,
    clock: wiring.clock,
    log: wiring.log,
  });
}

/** Every Task state of the deadline state machine. */
export const deadlineTasksOf = (wiring: Wiring) =>
  createDeadlineTasks(deadlinePorts({ store: eventStoreOf(wiring), clock: wiring.clock, log: wiring.log }));

/**
 * Once a day: erase every record whose retention period has ended and that no legal hold keeps. A schedule rather
 * than a deadline workflow per record: a record waits up to 75 years, and an open execution for each of millions of
 * records would pass the Step Functions limit on open executions long before.
 */
export function retentionSweepOf(wiring: Wiring, receipts?: ReceiptStore) {
  const keys = keyringFrom(wiring);
  if (!keys) throw new Error('the retention sweep destroys data keys: it needs the keys table');
  return createRetentionSweep({
    store: eventStoreOf(wiring, keys),
    keys,
    readModels: new DynamoReadModels(wiring.dynamo, readModelTablesOf(wiring.env)),
    las: () => lasWithStreams(wiring.dynamo, setting(wiring.env, 'eventsTable')),
    clock: wiring.clock,
    log: wiring.log,
    receipts,
  });
}

/**
 * The domain bus -> GOV.UK Notify (or the local outbox): who must hear of a reminder, a miss, an escalation, and the
 * Independent Visitor a visit falling due or an expense decision is news for. The notifier's store opens volunteers'
 * sealed fields only (a visitor's contact details), never a child's: it finds a child's visitor from the stored facts
 * of the match, which hold no personal data.
 */
export function notifierOf(wiring: Wiring, sender: Sender) {
  const keysTable = optionalSetting(wiring.env, 'volunteerDataKeysTable');
  const store = eventStoreOf(
    wiring,
    keysTable
      ? volunteersOnly(
          keyringOf(wiring.dynamo, keysTable, wiring.keys ?? kmsKeys(wiring.env), () => wiring.clock.now()),
          catalog,
        )
      : undefined,
  );
  return createNotifier({
    readEvent: async (streamId, version) =>
      (await store.read(streamId, { fromVersion: version, toVersion: version }))[0],
    sender,
    ledger: new DynamoNotificationLedger(wiring.dynamo, setting(wiring.env, 'notificationsTable')),
    mailboxes: parseMailboxes(optionalSetting(wiring.env, 'teamMailboxes')),
    recordBaseUrl: setting(wiring.env, 'recordBaseUrl'),
    visitors: {
      currentVisitorOf: currentVisitorFrom(
        new DynamoStoredEventReader(wiring.dynamo, setting(wiring.env, 'eventsTable')),
      ),
      contactOf: (volunteerId, la) => visitorContactOf(store, volunteerId, la),
    },
    clock: wiring.clock,
    log: wiring.log,
  });
}

/**
 * Every open obligation with its running execution and every read-model row with its stream: re-arms and
 * re-projects what is missing. `deadlines` are Step Functions in AWS, the local runner on one machine.
 */
export function reconcilerOf(
  wiring: Wiring,
  deadlines: { workflows: WorkflowStarter; runningExecutions(): Promise<ReadonlySet<string>> },
) {
  const store = eventStoreOf(wiring);
  const readModels = new DynamoReadModels(wiring.dynamo, readModelTablesOf(wiring.env));
  const now = () => wiring.clock.now();
  return () =>
    reconcile({
      las: () => lasWithStreams(wiring.dynamo, setting(wiring.env, 'eventsTable')),
      store,
      readModels,
      project: createStreamProjector({ store, readModels, now, log: wiring.log }),
      ...deadlines,
      clock: wiring.clock,
      log: wiring.log,
    });
}

/** After a bulk load (the local demo seed): each record read once, projected and its obligations armed. */
export function bulkLoadOf(wiring: Wiring, workflows: WorkflowStarter, bus: Bus) {
  const readModels = new DynamoReadModels(wiring.dynamo, readModelTablesOf(wiring.env));
  return (streamIds: readonly string[]) =>
    afterBulkLoad(
      { store: eventStoreOf(wiring), readModels, workflows, bus, clock: wiring.clock },
      streamIds,
    );
}

/** Every stream head and access-log head, written as one new anchor outside the tables. */
export function anchorOf(wiring: Pick<Wiring, 'dynamo' | 'env' | 'clock'>, anchors: AnchorStore) {
  return async () => {
    const anchor = await anchorHeads(
      new DynamoStoredEventReader(wiring.dynamo, setting(wiring.env, 'eventsTable')),
      wiring.clock.now(),
      new DynamoAccessLog({ client: wiring.dynamo, table: setting(wiring.env, 'accessLogTable') }),
    );
    await anchors.put(anchor);
    return anchor;
  };
}
