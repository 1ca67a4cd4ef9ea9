import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { localAuthority } from '../../../domain/local-authorities';
import { S3AnchorStore } from '../audit/anchor-s3';
import type { App } from './app';
import { buildApp } from './build';

const required = (env: NodeJS.ProcessEnv, name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/**
 * The App in a Lambda: tables and the anchor bucket named by the environment the web stack sets, the real clock.
 * `instrument` wraps the SDK clients (X-Ray subsegments per call) when tracing.
 */
export function appFromEnvironment(
  env: NodeJS.ProcessEnv,
  instrument: <T>(client: T) => T = (client) => client,
): App {
  const client = instrument(new DynamoDBClient({}));
  const bucket = env.ANCHOR_BUCKET;
  return buildApp({
    client,
    tables: {
      events: required(env, 'EVENTS_TABLE'),
      commands: required(env, 'COMMANDS_TABLE'),
      accessLog: required(env, 'ACCESS_LOG_TABLE'),
      childSummary: required(env, 'CHILD_SUMMARY_TABLE'),
      volunteerSummary: required(env, 'VOLUNTEER_SUMMARY_TABLE'),
    },
    now: () => new Date(),
    anchors: bucket ? new S3AnchorStore(instrument(new S3Client({})), bucket) : undefined,
    laName: (code) => localAuthority(code).name,
  });
}
