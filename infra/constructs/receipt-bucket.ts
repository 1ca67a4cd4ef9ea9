import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct, type IConstruct } from 'constructs';

/** Every receipt is kept under this prefix (receipts/{volunteerId}/{object}), and only there may functions write. */
export const RECEIPT_PREFIX = 'receipts/';

/**
 * Expense receipts: photos and PDFs an Independent Visitor sends with a claim, which are personal data. A private
 * bucket encrypted with a key of its own (so reading a receipt needs the key as well as the bucket), public access
 * blocked, TLS only, access logged. Only the functions that take claims and show receipts are granted it, and only
 * to put, get and delete objects under `receipts/`: no listing, no other prefix, no bucket settings.
 */
export class ReceiptBucket extends Construct {
  readonly bucket: Bucket;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: { accessLogs: IBucket }) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Encrypts expense receipts (personal data)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'receipts/',
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      // Receipts back payments: they are kept with the volunteer's record, not with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Put, get and delete receipts: what taking a claim (and undoing a refused one) and showing it need. */
  grantReceipts(grantee: IGrantable & IConstruct): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
        resources: [this.bucket.arnForObjects(`${RECEIPT_PREFIX}*`)],
      }),
    );
    // SSE-KMS: a data key to write a receipt, the key to read it; nothing wider (no re-encryption, no key admin).
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [this.key.keyArn] }),
    );
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/${RECEIPT_PREFIX}*]`,
      reason:
        'Receipts are objects named by volunteer and claim under one prefix: the narrowest scope there is.',
    });
  }

  /**
   * Delete receipts, and nothing else: what the retention sweep needs to erase a volunteer's record whole. The sweep
   * is in another stack, so its finding on the prefix is acknowledged in infra/nag.ts by the export's name.
   */
  grantDeleteReceipts(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:DeleteObject'],
        resources: [this.bucket.arnForObjects(`${RECEIPT_PREFIX}*`)],
      }),
    );
  }
}
