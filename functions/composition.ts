import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoAccessLog } from '../adapters/dynamodb/access-log';
import { DynamoEventStore, lasWithStreams } from '../adapters/dynamodb/event-store';
import { DynamoReadModels, type ReadModelTables } from '../adapters/dynamodb/read-models';
import { DynamoStoredEventReader } from '../adapters/dynamodb/stored-events';

import type { App } from '../application/app';
import type { AnchorStore } from '../application/audit/anchor';
import { AuditService } from '../application/audit/service';

import { localAuthority } from '../domain/local-authorities';
import { defaultPolicyFor } from '../domain/policy';
import { catalog } from '../events/contracts';

export interface AppTables extends ReadModelTables {
  events: string;
  commands: string;
  accessLog: string;
}

/** Assembles the application from its tables and clock: in a Lambda, under `npm start`, and in tests alike. */
export function buildApp(options: {
  client: DynamoDBClient;
  tables: AppTables;
  now: () => Date;
  anchors?: AnchorStore;
  laName?: (code: string) => string | undefined;
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
