import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { lambdaLog } from '../../adapters/observability/log';
import { observability, observed } from '../../adapters/observability/observability';
import { systemClock } from '../../application/ports/clock';
import { retentionSweepOf } from '../composition';

/** On a daily schedule: erases the records whose retention period has ended, unless a legal hold keeps them. */
const tools = observability('retention-sweep');
const sweep = retentionSweepOf({
  dynamo: tools.tracer.captureAWSv3Client(new DynamoDBClient({})),
  env: process.env,
  clock: systemClock,
  log: lambdaLog('retention-sweep', tools.logger),
});
export const handler = observed(tools, () => sweep());
