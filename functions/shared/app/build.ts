import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localAuthority } from '../../../domain/local-authorities';
import { defaultPolicyFor } from '../../../domain/policy';
import { catalog } from '../../../events/contracts';
import { lasWithStreams } from '../../projector/rebuild';
import { AccessLog } from '../audit/access-log';
import type { AnchorStore } from '../audit/anchor';
import { AuditService } from '../audit/service';
import { StoredEventReader } from '../audit/stored-events';
import { DynamoEventStore } from '../event-store/dynamodb';
import { ReadModels, type ReadModelTables } from '../read-models';
import type { App } from './app';

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
  const accessLog = new AccessLog({ client, table: tables.accessLog, now });
  return {
    store: new DynamoEventStore({ client, tables, catalog, now }),
    now,
    policies: defaultPolicyFor,
    laName: (code) => options.laName?.(code) ?? localAuthority(code).name,
    readModels: new ReadModels(client, tables),
    las: () => lasWithStreams(client, tables.events),
    local: options.local,
    accessLog,
    audit: new AuditService({
      reader: new StoredEventReader(client, tables.events),
      catalog,
      accessLog,
      anchors: options.anchors,
      now,
    }),
  };
}
