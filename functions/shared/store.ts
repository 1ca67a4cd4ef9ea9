import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { catalog } from '../../events/contracts';
import type { Clock } from './clock';
import { DynamoEventStore } from './event-store/dynamodb';

/** The event store as a function sees it, from the table names its environment carries (set by CDK). */
export function storeFromEnvironment(env: NodeJS.ProcessEnv, clock: Clock, client = new DynamoDBClient({})) {
  if (!env.EVENTS_TABLE || !env.COMMANDS_TABLE)
    throw new Error('EVENTS_TABLE and COMMANDS_TABLE must be set');
  return new DynamoEventStore({
    client,
    tables: { events: env.EVENTS_TABLE, commands: env.COMMANDS_TABLE },
    catalog,
    now: () => clock.now(),
  });
}
