import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { systemClock } from '../shared/clock';
import { lambdaLog } from '../shared/log';
import { observability, observed } from '../shared/observability';
import { storeFromEnvironment } from '../shared/store';
import { deadlinePorts } from './ports';
import { createDeadlineTasks } from './tasks';

/** Every Task state of the deadline state machine; the state's Parameters name the action. */
const tools = observability('deadline-tasks');
export const handler = observed(
  tools,
  createDeadlineTasks(
    deadlinePorts({
      store: storeFromEnvironment(
        process.env,
        systemClock,
        tools.tracer.captureAWSv3Client(new DynamoDBClient({})),
      ),
      clock: systemClock,
      log: lambdaLog('deadline-tasks', tools.logger),
    }),
  ),
);
