import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoAccessLog } from '../../adapters/dynamodb/access-log';
import { DynamoStoredEventReader } from '../../adapters/dynamodb/stored-events';

import { observability, observed } from '../../adapters/observability/observability';
import { S3AnchorStore } from '../../adapters/s3/anchor-store';
import { anchorHeads } from '../../application/audit/anchor';
import { setting } from '../environment';

const env = process.env;
const tools = observability('anchor');
const dynamo = tools.tracer.captureAWSv3Client(new DynamoDBClient({}));
const s3 = tools.tracer.captureAWSv3Client(new S3Client({}));

/**
 * On a schedule: reads every stream's head (and every access log's) and writes them as one new anchor object to the
 * Object Lock bucket. It only reads the tables and only adds objects to the bucket. Logs counts, never record ids.
 */
export const handler = observed(
  tools,
  async (): Promise<{ anchoredAt: string; streams: number; records: number }> => {
    const anchor = await anchorHeads(
      new DynamoStoredEventReader(dynamo, setting(env, 'eventsTable')),
      new Date(),
      new DynamoAccessLog({ client: dynamo, table: setting(env, 'accessLogTable') }),
    );
    await new S3AnchorStore(s3, setting(env, 'anchorBucket')).put(anchor);
    const records = Object.keys(anchor.accessHeads ?? {}).length;
    tools.logger.info('anchored chain heads', {
      anchoredAt: anchor.anchoredAt,
      streams: anchor.streams,
      records,
    });
    return { anchoredAt: anchor.anchoredAt, streams: anchor.streams, records };
  },
);
