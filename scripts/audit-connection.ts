import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import type { KeyWrapper } from '../adapters/crypto/key-wrapper';
import { LocalKeyWrapper } from '../adapters/crypto/local-key-wrapper';
import { FileAnchorStore } from '../adapters/files/anchor-store';
import { KmsKeyWrapper } from '../adapters/kms/kms-key-wrapper';
import { S3AnchorStore } from '../adapters/s3/anchor-store';
import type { AnchorStore } from '../application/audit/anchor';
import { keyringOf as personalDataKeyring } from '../functions/composition';
import { optionalSetting } from '../functions/environment';

import { DEFAULT_DATA_DIR } from '../infra/local/clock';
import { localClientConfig, startDynamoDbLocal } from '../infra/local/dynamodb';
import { createTables, localTables, synthesizeTemplates, tablesFromTemplates } from '../infra/local/template';

export interface ConnectionOptions {
  local?: boolean;
  endpoint?: string;
  region?: string;
  'events-table'?: string;
  'access-log-table'?: string;
  'anchors-dir'?: string;
  'anchor-bucket'?: string;
  'personal-data-keys-table'?: string;
  'personal-data-key-arn'?: string;
}

export interface Connection {
  client: DynamoDBClient;
  /** `commands` is known locally only: the demo generator writes through the event store; the audit never does. */
  tables: { events: string; accessLog: string; commands?: string; personalDataKeys?: string };
  /** Who unwraps the people's data keys: the local key file, or KMS; without both, personal fields stay sealed. */
  keys?: KeyWrapper;
  anchors?: AnchorStore;
  where: string;
  close(): Promise<void>;
}

// The same data folder as `npm start`, so the CLI audits what the local system holds.
export const LOCAL_DIR = resolve(process.env.IV_DATA_DIR ?? DEFAULT_DATA_DIR);

/** The endpoint of a running `npm start`, which reports it on /health; undefined when none is running. */
export async function runningLocalSystem(): Promise<string | undefined> {
  try {
    const response = await fetch(`http://localhost:${process.env.PORT ?? 3000}/health`, {
      signal: AbortSignal.timeout(1000),
    });
    const body = (await response.json()) as { dynamodb?: string };
    return body.dynamodb;
  } catch {
    return undefined;
  }
}

/**
 * Connects to the events and the access log: a given endpoint (DynamoDB Local), the local system (`--local`: the
 * running `npm start`, or DynamoDB Local started here over the same `.local/` data), or AWS with the default
 * credentials and the table names given. Locally the table names come from the synthesized template.
 */
export async function connect(options: ConnectionOptions): Promise<Connection> {
  let endpoint = options.endpoint ?? process.env.DYNAMODB_ENDPOINT;
  let stop = async () => {};
  if (!endpoint && options.local) {
    endpoint = await runningLocalSystem();
    if (!endpoint) {
      const path = join(LOCAL_DIR, 'dynamodb');
      await mkdir(path, { recursive: true });
      const dynamo = await startDynamoDbLocal({ path });
      endpoint = dynamo.endpoint;
      stop = () => dynamo.stop();
    }
  }

  if (endpoint) {
    const client = new DynamoDBClient(localClientConfig(endpoint));
    let events = options['events-table'] ?? optionalSetting(process.env, 'eventsTable');
    let accessLog = options['access-log-table'] ?? optionalSetting(process.env, 'accessLogTable');
    let commands = optionalSetting(process.env, 'commandsTable');
    let personalDataKeys =
      options['personal-data-keys-table'] ?? optionalSetting(process.env, 'personalDataKeysTable');
    if (!events || !accessLog || !commands || !personalDataKeys) {
      const templates = synthesizeTemplates();
      // Creating missing tables changes no data: it lets a fresh local database be audited (and show it is empty).
      await createTables(client, tablesFromTemplates(templates));
      const local = localTables(templates);
      events ??= local.events;
      accessLog ??= local.accessLog;
      commands ??= local.commands;
      personalDataKeys ??= local.personalDataKeys;
    }
    const anchorsDir = options['anchors-dir'] ?? process.env.ANCHOR_DIR ?? join(LOCAL_DIR, 'anchors');
    return {
      client,
      tables: { events, accessLog, commands, personalDataKeys },
      // The key file `npm start` made (the one the local system's keys were wrapped with), unless another is named.
      keys: LocalKeyWrapper.atPath(
        process.env.PERSONAL_DATA_KEY_FILE ?? join(LOCAL_DIR, 'personal-data.key'),
      ),
      anchors: new FileAnchorStore(anchorsDir),
      where: `DynamoDB Local at ${endpoint}`,
      close: async () => {
        client.destroy();
        await stop();
      },
    };
  }

  const events = options['events-table'] ?? optionalSetting(process.env, 'eventsTable');
  const accessLog = options['access-log-table'] ?? optionalSetting(process.env, 'accessLogTable');
  if (!events || !accessLog)
    throw new UsageError(
      'Say where the records are: --local, --endpoint <url>, or for AWS --events-table and --access-log-table (or EVENTS_TABLE and ACCESS_LOG_TABLE).',
    );
  const region = options.region ?? process.env.AWS_REGION ?? 'eu-west-2';
  const client = new DynamoDBClient({ region });
  const bucket = options['anchor-bucket'] ?? optionalSetting(process.env, 'anchorBucket');
  const anchorsDir = options['anchors-dir'] ?? process.env.ANCHOR_DIR;
  const s3 = bucket ? new S3Client({ region }) : undefined;
  const personalDataKeys =
    options['personal-data-keys-table'] ?? optionalSetting(process.env, 'personalDataKeysTable');
  const keyArn = options['personal-data-key-arn'] ?? optionalSetting(process.env, 'personalDataKeyArn');
  return {
    client,
    tables: { events, accessLog, personalDataKeys },
    keys: keyArn ? new KmsKeyWrapper(new KMSClient({ region }), keyArn) : undefined,
    anchors:
      s3 && bucket ? new S3AnchorStore(s3, bucket) : anchorsDir ? new FileAnchorStore(anchorsDir) : undefined,
    where: `AWS ${region}, table ${events}`,
    close: async () => {
      client.destroy();
      s3?.destroy();
    },
  };
}

/** The people's data keys, where the connection names both the keys table and who unwraps the keys. */
export const keyringOf = (connection: Connection) =>
  connection.keys && connection.tables.personalDataKeys
    ? personalDataKeyring(
        connection.client,
        connection.tables.personalDataKeys,
        connection.keys,
        () => new Date(),
      )
    : undefined;

/** A mistake in how the command was called: shown with the usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
