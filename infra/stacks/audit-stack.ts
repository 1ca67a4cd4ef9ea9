import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectLockRetention,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ANCHOR_PREFIX } from '../../application/audit/anchor';
import { environmentOf } from '../../functions/environment';
import { DeadLetterQueue, nodeFunction } from '../constructs/node-function';
import type { DataStack } from './data-stack';

export interface AuditStackProps extends StackProps {
  data: DataStack;
  /** How often chain heads are anchored: the window in which a deleted tail could go unnoticed. */
  anchorEvery?: Duration;
  /**
   * How long each anchor is locked. COMPLIANCE mode: nobody, not even the account root, can delete an anchor or
   * shorten this before it ends, so a test account should pass a short period.
   */
  anchorRetention?: ObjectLockRetention;
}

/**
 * The auditors' infrastructure: a bucket outside the tables where chain heads are anchored under Object Lock, and
 * the scheduled function that anchors them. It can read the events and the access log, and add objects; nothing else.
 */
export class AuditStack extends Stack {
  readonly anchorBucket: Bucket;
  readonly anchorFunction: NodejsFunction;

  constructor(scope: Construct, id: string, props: AuditStackProps) {
    super(scope, id, props);

    this.anchorBucket = new Bucket(this, 'Anchors', {
      objectLockEnabled: true,
      objectLockDefaultRetention:
        props.anchorRetention ?? ObjectLockRetention.compliance(Duration.days(7 * 365)),
      versioned: true,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Imported by ARN, so granting access changes only this function's policy and nothing points back at this stack.
    const key = Key.fromKeyArn(this, 'DataKeyRef', props.data.key.keyArn);
    const eventsTable = Table.fromTableAttributes(this, 'EventsRef', {
      tableArn: props.data.eventsTable.tableArn,
      encryptionKey: key,
      globalIndexes: ['streamsByLa'],
    });
    const accessLogTable = Table.fromTableAttributes(this, 'AccessLogRef', {
      tableArn: props.data.accessLogTable.tableArn,
      encryptionKey: key,
      globalIndexes: ['recordsByLa'],
    });

    this.anchorFunction = nodeFunction(this, 'Anchor', 'anchor', {
      memorySize: 1024,
      // One query per stream: about 80,000 children and their volunteers fit well inside the limit.
      timeout: Duration.minutes(15),
      environment: environmentOf({
        eventsTable: props.data.eventsTable.tableName,
        accessLogTable: props.data.accessLogTable.tableName,
        anchorBucket: this.anchorBucket.bucketName,
      }),
    });
    eventsTable.grantReadData(this.anchorFunction);
    accessLogTable.grantReadData(this.anchorFunction);
    // Adding anchors is all it may do: no reading, listing, deleting, or changing a lock.
    this.anchorFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [this.anchorBucket.arnForObjects(`${ANCHOR_PREFIX}*`)],
      }),
    );

    // And nobody else may add one: a forged newer anchor would make a deleted tail look intended.
    this.anchorBucket.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [this.anchorBucket.arnForObjects('*')],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': this.anchorFunction.role!.roleArn } },
      }),
    );

    new Rule(this, 'AnchorSchedule', {
      description: 'Anchors every stream head outside the events table',
      schedule: Schedule.rate(props.anchorEvery ?? Duration.hours(1)),
      // A missed anchor weakens tamper evidence, so a run that fails after its retries is kept and alarmed on.
      targets: [
        new LambdaFunction(this.anchorFunction, {
          retryAttempts: 2,
          deadLetterQueue: new DeadLetterQueue(this, 'AnchorFailures', 'Anchor runs that failed').queue,
        }),
      ],
    });
  }
}
