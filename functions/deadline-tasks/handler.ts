import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { lambdaLog } from '../../adapters/observability/log';
import { observability, observed } from '../../adapters/observability/observability';
import { systemClock } from '../../application/ports/clock';
import { deadlineTasksOf } from '../composition';

/** Every Task state of the deadline state machine; the state's Parameters name the action. */
const tools = observability('deadline-tasks');
export const handler = observed(
  tools,
  deadlineTasksOf({
    dynamo: new DynamoDBClient({}),
    env: process.env,
    clock: systemClock,
    log: lambdaLog('deadline-tasks', tools.logger),
  }),
);
