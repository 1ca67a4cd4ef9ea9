import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { CognitoStaffDirectory } from '../adapters/cognito/staff-directory';
import { StaticStaffDirectory } from '../adapters/directory/static-directory';
import { DynamoAccessLog } from '../adapters/dynamodb/access-log';
import { DynamoEventStore, lasWithStreams } from '../adapters/dynamodb/event-store';
import { DynamoNotificationLedger } from '../adapters/dynamodb/notification-ledger';
import { DynamoReadModels, type ReadModelTables } from '../adapters/dynamodb/read-models';
import { DynamoStoredEventReader } from '../adapters/dynamodb/stored-events';
import { createPublisher } from '../adapters/dynamodb/stream-publisher';
import { S3AnchorStore } from '../adapters/s3/anchor-store';
import type { App } from '../application/app';
import type { AnchorStore } from '../application/audit/anchor';
import { AuditService } from '../application/audit/service';
import { streamObligations } from '../application/deadlines/obligations';
import { deadlinePorts } from '../application/deadlines/ports';
import { createObligationStarter } from '../application/deadlines/starter';
import { createDeadlineTasks } from '../application/deadlines/tasks';
import { parseMailboxes, type Sender } from '../application/notifications/notifications';
import { createNotifier } from '../application/notifications/notifier';
import type { Bus } from '../application/ports/bus';
import type { Clock } from '../application/ports/clock';
import type { Log } from '../application/ports/log';
import type { StaffDirectory } from '../application/ports/staff-directory';
import type { WorkflowStarter } from '../application/ports/workflows';
import { createProjector } from '../application/projections/project';
import { localAuthority } from '../domain/local-authorities';
import { defaultPolicyFor } from '../domain/policy';
import { catalog } from '../events/contracts';
import { type Environment, optionalSetting, setting } from './environment';

/**
 * The one composition root: it wires the adapters into the application. The Lambda entry points call it with their
 * environment (as CDK wrote it) and the AWS adapters; the local runtime calls it with the same environment, read
 * from the synthesized template, and its local bus, state machines and outbox.
 */

export interface AppTables extends ReadModelTables {
  events: string;
  commands: string;
  accessLog: string;
}

/** The tables the API and the pages use, from their environment. */
export const appTablesOf = (env: Environment): AppTables => ({
  events: setting(env, 'eventsTable'),
  commands: setting(env, 'commandsTable'),
  accessLog: setting(env, 'accessLogTable'),
  ...readModelTablesOf(env),
});

const readModelTablesOf = (env: Environment): ReadModelTables => ({
  childSummary: setting(env, 'childSummaryTable'),
  volunteerSummary: setting(env, 'volunteerSummaryTable'),
});

/** Assembles the application from its tables and clock: in a Lambda, under `npm start`, and in tests alike. */
export function buildApp(options: {
  client: DynamoDBClient;
  tables: AppTables;
  now: () => Date;
  anchors?: AnchorStore;
  laName?: (code: string) => string | undefined;
  /** The staff directory: the local one, or Cognito's in AWS; nobody when not given. */
  staff?: StaffDirectory;
  local?: App['local'];
}): App {
  const { client, tables, now } = options;
  const accessLog = new DynamoAccessLog({ client, table: tables.accessLog, now });
  return {
    store: new DynamoEventStore({ client, tables, catalog, now }),
    now,
    policies: defaultPolicyFor,
    laName: (code) => options.laName?.(code) ?? localAuthority(code).name,
    readModels: new DynamoReadModels(client, tables),
    staff: options.staff ?? new StaticStaffDirectory([]),
    las: () => lasWithStreams(client, tables.events),
    local: options.local,
    accessLog,
    audit: new AuditService({
      reader: new DynamoStoredEventReader(client, tables.events),
      catalog,
      accessLog,
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
}

/** The event store as a function sees it, on the function's clock. */
export const eventStoreOf = ({ dynamo, env, clock }: Pick<Wiring, 'dynamo' | 'env' | 'clock'>) =>
  new DynamoEventStore({
    client: dynamo,
    tables: { events: setting(env, 'eventsTable'), commands: setting(env, 'commandsTable') },
    catalog,
    now: () => clock.now(),
  });

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

/** The domain bus -> GOV.UK Notify (or the local outbox): who must hear of a reminder, a miss, an escalation. */
export function notifierOf(wiring: Wiring, sender: Sender) {
  const store = eventStoreOf(wiring);
  return createNotifier({
    readEvent: async (streamId, version) =>
      (await store.read(streamId, { fromVersion: version, toVersion: version }))[0],
    sender,
    ledger: new DynamoNotificationLedger(wiring.dynamo, setting(wiring.env, 'notificationsTable')),
    mailboxes: parseMailboxes(optionalSetting(wiring.env, 'teamMailboxes')),
    recordBaseUrl: setting(wiring.env, 'recordBaseUrl'),
    clock: wiring.clock,
    log: wiring.log,
  });
}

/** The App in a Lambda: tables and the anchor bucket named by its environment, the real clock. */
export function appFromEnvironment(
  env: Environment,
  clients: { dynamo: DynamoDBClient; s3: S3Client; cognito: CognitoIdentityProviderClient },
): App {
  const bucket = optionalSetting(env, 'anchorBucket');
  return buildApp({
    client: clients.dynamo,
    tables: appTablesOf(env),
    now: () => new Date(),
    anchors: bucket ? new S3AnchorStore(clients.s3, bucket) : undefined,
    staff: new CognitoStaffDirectory(clients.cognito, setting(env, 'userPoolId')),
  });
}
