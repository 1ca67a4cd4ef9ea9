import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoEventStore } from '../adapters/dynamodb/event-store';
import type { Clock } from '../application/ports/clock';
import { catalog } from '../events/contracts';

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
