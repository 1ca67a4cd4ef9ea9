import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { AccessLog } from '../shared/audit/access-log';
import { anchorHeads } from '../shared/audit/anchor';
import { S3AnchorStore } from '../shared/audit/anchor-s3';
import { StoredEventReader } from '../shared/audit/stored-events';

const logger = new Logger({ serviceName: 'anchor' });
const dynamo = new DynamoDBClient({});
const s3 = new S3Client({});

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/**
 * On a schedule: reads every stream's head (and every access log's) and writes them as one new anchor object to the
 * Object Lock bucket. It only reads the tables and only adds objects to the bucket. Logs counts, never record ids.
 */
export const handler = async (): Promise<{ anchoredAt: string; streams: number; records: number }> => {
  const anchor = await anchorHeads(
    new StoredEventReader(dynamo, required('EVENTS_TABLE')),
    new Date(),
    new AccessLog({ client: dynamo, table: required('ACCESS_LOG_TABLE') }),
  );
  await new S3AnchorStore(s3, required('ANCHOR_BUCKET')).put(anchor);
  const records = Object.keys(anchor.accessHeads ?? {}).length;
  logger.info('anchored chain heads', { anchoredAt: anchor.anchoredAt, streams: anchor.streams, records });
  return { anchoredAt: anchor.anchoredAt, streams: anchor.streams, records };
};
