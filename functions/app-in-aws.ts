import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { CognitoStaffDirectory } from '../adapters/cognito/staff-directory';
import { S3AnchorStore } from '../adapters/s3/anchor-store';
import { S3ReceiptStore } from '../adapters/s3/receipt-store';
import type { App } from '../application/app';
import { appTablesOf, buildApp, kmsKeys } from './composition';
import { type Environment, optionalSetting, setting } from './environment';

/** The App in a Lambda: tables, the anchor and receipt buckets named by its environment, the real clock. */
export function appFromEnvironment(
  env: Environment,
  clients: {
    dynamo: DynamoDBClient;
    /** Made on first use: only the audit views read anchors (see S3AnchorStore). */
    s3: () => Promise<S3Client>;
    cognito: CognitoIdentityProviderClient;
  },
): App {
  const bucket = optionalSetting(env, 'anchorBucket');
  const receipts = optionalSetting(env, 'receiptBucket');
  return buildApp({
    client: clients.dynamo,
    tables: appTablesOf(env),
    now: () => new Date(),
    keys: kmsKeys(env),
    anchors: bucket ? new S3AnchorStore(clients.s3, bucket) : undefined,
    staff: new CognitoStaffDirectory(clients.cognito, setting(env, 'userPoolId')),
    receipts: receipts ? new S3ReceiptStore(clients.s3, receipts) : undefined,
  });
}
