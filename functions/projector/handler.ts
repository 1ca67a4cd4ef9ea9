import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { catalog } from '../../events/contracts';
import { DynamoEventStore } from '../shared/event-store/dynamodb';
import { lambdaLog } from '../shared/log';
import { observability, observed } from '../shared/observability';
import { ReadModels, readModelTablesFromEnv } from '../shared/read-models';
import { createProjector } from './project';

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
    readModels: new ReadModels(client, readModelTablesFromEnv()),
    now: () => new Date(),
    log: lambdaLog('projector', tools.logger),
  }),
);
