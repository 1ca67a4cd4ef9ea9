import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { lambdaLog } from '../../adapters/observability/log';
import { observability, observed } from '../../adapters/observability/observability';
import { StepFunctionsStarter } from '../../adapters/step-functions/workflow-starter';
import { systemClock } from '../../application/ports/clock';
import { obligationStarterOf } from '../composition';
import { setting } from '../environment';

/** Target of the bus rule for every domain event except the deadline records themselves. */
const tools = observability('obligation-starter');
export const handler = observed(
  tools,
  obligationStarterOf(
    {
      dynamo: new DynamoDBClient({}),
      env: process.env,
      clock: systemClock,
      log: lambdaLog('obligation-starter', tools.logger),
    },
    new StepFunctionsStarter(new SFNClient({}), setting(process.env, 'deadlineStateMachineArn')),
  ),
);
