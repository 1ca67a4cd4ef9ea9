import { join } from 'node:path';
import { CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ANCHOR_PREFIX } from '../../application/audit/anchor';
import { ENV, environmentOf } from '../../functions/environment';
import { HttpFront } from '../constructs/http-front';
import { nodeFunction } from '../constructs/node-function';
import { ReceiptBucket } from '../constructs/receipt-bucket';
import {
  grantAccessLog,
  grantAppendEvents,
  grantReadModels,
  grantSealPersonalData,
} from '../constructs/record-access';
import { type EntraFederation, SignIn } from '../constructs/sign-in';
import { StaticSite } from '../constructs/static-site';
import type { AuditStack } from './audit-stack';
import type { DataStack } from './data-stack';
import type { ReadModelStack } from './read-model-stack';
import type { RetentionStack } from './retention-stack';

export { STAFF_GROUPS } from '../constructs/sign-in';

/** Where the web function finds its templates in the Lambda (the bundle is unpacked at /var/task). */
const LAMBDA_ROOT = '/var/task';

export interface WebStackProps extends StackProps {
  data: DataStack;
  audit: AuditStack;
  readModels: ReadModelStack;
  /** Its sweep erases volunteers' records, and with them their expense receipts, kept in this stack's bucket. */
  retention?: RetentionStack;
  /** The hosted UI's domain prefix: unique within the region, so each deployment needs its own. */
  authDomainPrefix?: string;
  /** Sign in with the council's Microsoft Entra ID as well (docs/operating.md). */
  federation?: EntraFederation;
  /** Countries allowed to reach the site (ISO 3166-1 alpha-2). Staff work in England and Wales. */
  allowedCountries?: string[];
  /**
   * The site's own domain and its ACM certificate (in us-east-1, as CloudFront requires). Without one the site is
   * served on its cloudfront.net name, whose shared certificate cannot enforce TLS 1.2.
   */
  domain?: { names: string[]; certificateArn: string };
  /** Put AWS WAF in front of CloudFront (a web ACL created in us-east-1), e.g. AWS managed rules. Costs extra. */
  webAclArn?: string;
}

/**
 * What staff use: CloudFront in front of the static files (S3, private, reached through origin access control) and
 * the HTTP API, which sends /api/* to the API function and every page to the web function. Cognito signs people in;
 * API Gateway's JWT authorizer checks the ID token on every route except sign-in and the OpenAPI document.
 */
export class WebStack extends Stack {
  readonly api: NodejsFunction;
  readonly web: NodejsFunction;
  readonly httpApi: HttpApi;
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly distribution: Distribution;
  readonly assets: Bucket;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const signIn = new SignIn(this, 'SignIn', {
      authDomainPrefix: props.authDomainPrefix,
      federation: props.federation,
      account: this.account,
      poolName: `${this.stackName}-staff`,
    });
    const site = new StaticSite(this, 'StaticSite');
    const receipts = new ReceiptBucket(this, 'Receipts', { accessLogs: site.logs });
    const functions = this.functions(props, signIn, receipts);
    if (props.retention) {
      receipts.grantDeleteReceipts(props.retention.sweep);
      props.retention.sweep.addEnvironment(ENV.receiptBucket, receipts.bucket.bucketName);
    }
    this.api = functions.api;
    this.web = functions.web;
    const front = new HttpFront(this, 'Front', {
      assets: site.assets,
      logs: site.logs,
      allowedCountries: props.allowedCountries,
      domain: props.domain,
      webAclArn: props.webAclArn,
    });
    const client = signIn.addWebClient(front.siteUrl);
    this.web.addEnvironment(ENV.authClientId, client.userPoolClientId);
    this.web.addEnvironment(ENV.siteUrl, front.siteUrl);
    front.route(functions, { userPool: signIn.userPool, client });
    site.deployTo(front.distribution);

    this.userPool = signIn.userPool;
    this.client = client;
    this.httpApi = front.httpApi;
    this.distribution = front.distribution;
    this.assets = site.assets;
    new CfnOutput(this, 'SiteUrl', { value: front.siteUrl });
    new CfnOutput(this, 'UserPoolId', { value: signIn.userPool.userPoolId });
    new CfnOutput(this, 'HostedUiUrl', { value: signIn.domain.baseUrl() });
  }

  /**
   * The API and web functions, configured by the stack and allowed exactly what they do: append events, record
   * views, read the read models and the anchors.
   */
  private functions(props: WebStackProps, signIn: SignIn, receipts: ReceiptBucket) {
    const tables = props.data.importInto(this);
    const accessLog = Table.fromTableAttributes(this, 'AccessLogRef', {
      tableArn: props.data.accessLogTable.tableArn,
      encryptionKey: tables.key,
    });
    const settings = {
      eventsTable: tables.eventsTable.tableName,
      commandsTable: tables.commandsTable.tableName,
      accessLogTable: accessLog.tableName,
      personalDataKeysTable: tables.personalData.keysTable.tableName,
      personalDataKeyArn: tables.personalData.key.keyArn,
      childSummaryTable: props.readModels.childSummary.tableName,
      volunteerSummaryTable: props.readModels.volunteerSummary.tableName,
      anchorBucket: props.audit.anchorBucket.bucketName,
      receiptBucket: receipts.bucket.bucketName,
      userPoolId: signIn.userPool.userPoolId,
    };
    // Both read the English and Welsh catalogues from beside their bundle (adapters/web/i18n/index.ts).
    const copy = (script: string) => (inputDir: string, outputDir: string) =>
      `node "${join(inputDir, 'infra/bundling', script)}" "${inputDir}" "${outputDir}"`;
    const api = nodeFunction(this, 'Api', 'api', {
      description: 'The JSON API: commands, lists and audit views, behind the JWT authorizer',
      memorySize: 1024,
      environment: environmentOf(settings),
      bundling: {
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            copy('copy-catalogues.mjs')(inputDir, outputDir),
          ],
        },
      },
    });
    const web = nodeFunction(this, 'Web', 'web', {
      description: 'The server-rendered GOV.UK pages and the Cognito sign-in callback',
      memorySize: 1024,
      environment: environmentOf({
        ...settings,
        viewsPath: `${LAMBDA_ROOT}/views`,
        govukFrontendPath: `${LAMBDA_ROOT}/govuk-frontend`,
        authDomainUrl: signIn.domain.baseUrl(),
      }),
      bundling: {
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            copy('copy-web-templates.mjs')(inputDir, outputDir),
            copy('copy-catalogues.mjs')(inputDir, outputDir),
          ],
        },
      },
    });
    for (const fn of [api, web]) {
      signIn.grantDirectoryRead(fn);
      receipts.grantReceipts(fn);
      grantAppendEvents(fn, tables);
      grantSealPersonalData(fn, tables.personalData);
      grantAccessLog(fn, accessLog, tables.key);
      grantReadModels(
        fn,
        [props.readModels.childSummary, props.readModels.volunteerSummary],
        props.readModels.key,
      );
      // The audit views compare chains with the latest anchor: list and read anchors, nothing else.
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['s3:GetObject'],
          resources: [props.audit.anchorBucket.arnForObjects(`${ANCHOR_PREFIX}*`)],
        }),
      );
      // The name CDK gives the audit stack's export of the anchor bucket's ARN.
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::IvAudit:ExportsOutputFnGetAttAnchorsE78985FDArnBC8F3FC9/anchors/*]',
        reason:
          'Reading anchors, which are objects named by time under one prefix: the narrowest scope there is.',
      });
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [props.audit.anchorBucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': [`${ANCHOR_PREFIX}*`] } },
        }),
      );
    }
    return { api, web };
  }
}
