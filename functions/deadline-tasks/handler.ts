import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { lambdaLog } from '../../adapters/observability/log';
import { observability, observed } from '../../adapters/observability/observability';
import { deadlinePorts } from '../../application/deadlines/ports';
import { createDeadlineTasks } from '../../application/deadlines/tasks';
import { systemClock } from '../../application/ports/clock';

import { storeFromEnvironment } from '../store-from-environment';

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
