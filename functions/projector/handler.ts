import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { catalog } from '../../events/contracts';
import { DynamoEventStore } from '../shared/event-store/dynamodb';
import { lambdaLog } from '../shared/log';
import { ReadModels, readModelTablesFromEnv } from '../shared/read-models';
import { createProjector } from './project';

/** Domain bus -> read-model rows. The tables' names are set by the read-model stack. */
const client = new DynamoDBClient({});
export const handler = createProjector({
  store: new DynamoEventStore({
    client,
    tables: { events: process.env.EVENTS_TABLE!, commands: process.env.COMMANDS_TABLE! },
    catalog,
  }),
  readModels: new ReadModels(client, readModelTablesFromEnv()),
  now: () => new Date(),
  log: lambdaLog('projector'),
});
