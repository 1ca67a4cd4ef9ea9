import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { staticAssetsSource } from './static-assets';

/**
 * The static files (GOV.UK Frontend's build and our CSS and JS) in a private bucket that only CloudFront reads, and
 * the bucket CloudFront and S3 write their access logs to.
 */
export class StaticSite extends Construct {
  readonly logs: Bucket;
  readonly assets: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.logs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // CloudFront's standard logs are delivered with ACLs.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      enforceSSL: true,
      versioned: true,
      // IP addresses are personal data: kept long enough to investigate an incident, then gone.
      lifecycleRules: [{ expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it to itself would loop.',
    });
    this.assets = new Bucket(this, 'StaticAssets', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'static-assets/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      // Only GOV.UK Frontend's files and our CSS/JS, redeployed from the repository at will.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
  }

  /** Copies the files into the bucket on every deployment and clears them from the distribution's cache. */
  deployTo(distribution: Distribution): void {
    new BucketDeployment(this, 'Deploy', {
      sources: [staticAssetsSource()],
      destinationBucket: this.assets,
      distribution,
      distributionPaths: ['/assets/*', '/stylesheets/*', '/javascripts/*'],
      memoryLimit: 512,
    });
  }
}
