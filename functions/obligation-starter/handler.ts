import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { systemClock } from '../shared/clock';
import { lambdaLog } from '../shared/log';
import { streamObligations } from '../shared/obligations';
import { observability, observed } from '../shared/observability';
import { storeFromEnvironment } from '../shared/store';
import { StepFunctionsStarter } from '../shared/workflows';
import { createObligationStarter } from './start';

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
