import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { lambdaLog } from '../../adapters/observability/log';
import { observability, observed } from '../../adapters/observability/observability';
import { S3ReceiptStore } from '../../adapters/s3/receipt-store';
import { systemClock } from '../../application/ports/clock';
import { retentionSweepOf } from '../composition';
import { optionalSetting } from '../environment';

/** On a daily schedule: erases the records whose retention period has ended, unless a legal hold keeps them. */
const tools = observability('retention-sweep');
const receiptBucket = optionalSetting(process.env, 'receiptBucket');
const sweep = retentionSweepOf(
  {
    dynamo: new DynamoDBClient({}),
    env: process.env,
    clock: systemClock,
    log: lambdaLog('retention-sweep', tools.logger),
  },
  // Made on first use: most nights erase no volunteer who claimed expenses.
  receiptBucket
    ? new S3ReceiptStore(async () => new (await import('@aws-sdk/client-s3')).S3Client({}), receiptBucket)
    : undefined,
);
export const handler = observed(tools, () => sweep());
