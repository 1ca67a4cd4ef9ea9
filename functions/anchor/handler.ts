import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { observability, observed } from '../../adapters/observability/observability';
import { S3AnchorStore } from '../../adapters/s3/anchor-store';
import { systemClock } from '../../application/ports/clock';
import { anchorOf } from '../composition';
import { setting } from '../environment';

const env = process.env;
const tools = observability('anchor');
const anchor = anchorOf(
  { dynamo: new DynamoDBClient({}), env, clock: systemClock },
  new S3AnchorStore(new S3Client({}), setting(env, 'anchorBucket')),
);

/**
 * On a schedule: reads every stream's head (and every access log's) and writes them as one new anchor object to the
 * Object Lock bucket. It only reads the tables and only adds objects to the bucket. Logs counts, never record ids.
 */
export const handler = observed(
  tools,
  async (): Promise<{ anchoredAt: string; streams: number; records: number }> => {
    const written = await anchor();
    const records = Object.keys(written.accessHeads ?? {}).length;
    tools.logger.info('anchored chain heads', {
      anchoredAt: written.anchoredAt,
      streams: written.streams,
      records,
    });
    return { anchoredAt: written.anchoredAt, streams: written.streams, records };
  },
);
