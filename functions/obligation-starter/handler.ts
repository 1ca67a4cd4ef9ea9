import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { lambdaLog } from '../../adapters/observability/log';
import { observability, observed } from '../../adapters/observability/observability';
import { StepFunctionsStarter } from '../../adapters/step-functions/workflow-starter';
import { streamObligations } from '../../application/deadlines/obligations';
import { createObligationStarter } from '../../application/deadlines/starter';
import { systemClock } from '../../application/ports/clock';

import { storeFromEnvironment } from '../store-from-environment';

const tools = observability('obligation-starter');
const obligations = streamObligations({
  store: storeFromEnvironment(
    process.env,
    systemClock,
    tools.tracer.captureAWSv3Client(new DynamoDBClient({})),
  ),
  clock: systemClock,
});

/** Target of the bus rule for every domain event except the deadline records themselves. */
export const handler = observed(
  tools,
  createObligationStarter({
    openObligations: (streamId, now) => obligations.openOn(streamId, now),
    workflows: new StepFunctionsStarter(
      tools.tracer.captureAWSv3Client(new SFNClient({})),
      process.env.DEADLINE_STATE_MACHINE_ARN!,
    ),
    clock: systemClock,
    log: lambdaLog('obligation-starter', tools.logger),
  }),
);
