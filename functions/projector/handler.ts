import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { lambdaLog } from '../../adapters/observability/log';
import { observability, observed } from '../../adapters/observability/observability';
import { systemClock } from '../../application/ports/clock';
import { projectorOf } from '../composition';

/** Domain bus -> read-model rows. The tables' names are set by the read-model stack. */
const tools = observability('projector');
export const handler = observed(
  tools,
  projectorOf({
    dynamo: new DynamoDBClient({}),
    env: process.env,
    clock: systemClock,
    log: lambdaLog('projector', tools.logger),
  }),
);
