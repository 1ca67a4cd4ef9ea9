import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoEventStore } from '../../adapters/dynamodb/event-store';
import { DynamoReadModels, readModelTablesFromEnv } from '../../adapters/dynamodb/read-models';
import { lambdaLog } from '../../adapters/observability/log';
import { observability, observed } from '../../adapters/observability/observability';

import { createProjector } from '../../application/projections/project';
import { catalog } from '../../events/contracts';

/** Domain bus -> read-model rows. The tables' names are set by the read-model stack. */
const tools = observability('projector');
const client = tools.tracer.captureAWSv3Client(new DynamoDBClient({}));
export const handler = observed(
  tools,
  createProjector({
    store: new DynamoEventStore({
      client,
      tables: { events: process.env.EVENTS_TABLE!, commands: process.env.COMMANDS_TABLE! },
      catalog,
    }),
    readModels: new DynamoReadModels(client, readModelTablesFromEnv()),
    now: () => new Date(),
    log: lambdaLog('projector', tools.logger),
  }),
);
