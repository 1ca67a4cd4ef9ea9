import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  type HttpApiProps,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  GeoRestriction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  Function as ViewerFunction,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { ANCHOR_PREFIX } from '../../application/audit/anchor';
import { Role } from '../../events/envelope';
import { ENV, environmentOf } from '../../functions/environment';
import { nodeFunction } from '../constructs/node-function';
import { grantAccessLog, grantAppendEvents, grantReadModels } from '../constructs/record-access';
import { staticAssetsSource } from '../constructs/static-assets';
import { PUBLIC_PATHS, viewerRequestCode } from '../constructs/viewer-request';
import type { AuditStack } from './audit-stack';
import type { DataStack } from './data-stack';
import type { ReadModelStack } from './read-model-stack';

/** Every role a person can hold is a Cognito group; 'system' is the workflows' own actor, never a person. */
export const STAFF_GROUPS = Role.options.filter((role) => role !== 'system');

/** Where the web function finds its templates in the Lambda (the bundle is unpacked at /var/task). */
const LAMBDA_ROOT = '/var/task';

export interface WebStackProps extends StackProps {
  data: DataStack;
  audit: AuditStack;
  readModels: ReadModelStack;
  /** The hosted UI's domain prefix: unique within the region, so each deployment needs its own. */
  authDomainPrefix?: string;
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
    const tables = props.data.importInto(this);
    const accessLog = Table.fromTableAttributes(this, 'AccessLogRef', {
      tableArn: props.data.accessLogTable.tableArn,
      encryptionKey: tables.key,
    });

    // --- Sign-in ---------------------------------------------------------------------------------------------------
    this.userPool = new UserPool(this, 'Staff', {
      userPoolName: `${this.stackName}-staff`,
      // Accounts are made by an administrator (see docs/operating.md), never by sign-up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      // The LA a person works for: the tenancy boundary. Only administrators may set it (see the client below).
      customAttributes: { la: new StringAttribute({ minLen: 3, maxLen: 9, mutable: true }) },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection (compromised credentials, adaptive authentication) blocks risky sign-ins.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const group of STAFF_GROUPS) {
      new CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
        description: `Staff with the ${group} role`,
      });
    }
    const domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.authDomainPrefix ?? `iv-records-${this.account}` },
    });

    // --- Static files ----------------------------------------------------------------------------------------------
    const logs = new Bucket(this, 'AccessLogs', {
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
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it to itself would loop.',
    });
    this.assets = new Bucket(this, 'StaticAssets', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'static-assets/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      // Only GOV.UK Frontend's files and our CSS/JS, redeployed from the repository at will.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });

    // --- Functions -------------------------------------------------------------------------------------------------
    const settings = {
      eventsTable: tables.eventsTable.tableName,
      commandsTable: tables.commandsTable.tableName,
      accessLogTable: accessLog.tableName,
      childSummaryTable: props.readModels.childSummary.tableName,
      volunteerSummaryTable: props.readModels.volunteerSummary.tableName,
      anchorBucket: props.audit.anchorBucket.bucketName,
    };
    this.api = nodeFunction(this, 'Api', 'api', {
      description: 'The JSON API: commands, lists and audit views, behind the JWT authorizer',
      memorySize: 1024,
      environment: environmentOf(settings),
    });
    this.web = nodeFunction(this, 'Web', 'web', {
      description: 'The server-rendered GOV.UK pages and the Cognito sign-in callback',
      memorySize: 1024,
      environment: environmentOf({
        ...settings,
        viewsPath: `${LAMBDA_ROOT}/views`,
        govukFrontendPath: `${LAMBDA_ROOT}/govuk-frontend`,
        authDomainUrl: domain.baseUrl(),
      }),
      bundling: {
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            `node "${join(inputDir, 'infra/bundling/copy-web-templates.mjs')}" "${inputDir}" "${outputDir}"`,
          ],
        },
      },
    });
    for (const fn of [this.api, this.web]) {
      grantAppendEvents(fn, tables);
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

    // --- HTTP API --------------------------------------------------------------------------------------------------
    const apiLogs = new LogGroup(this, 'HttpApiAccessLogs', { retention: RetentionDays.ONE_YEAR });
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Independent Visitors: pages and JSON API (reached through CloudFront)',
      createDefaultStage: false,
    } satisfies HttpApiProps);
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(apiLogs),
        // No path, query or user agent: paths carry record ids; who did what is in the access log and the events.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            route: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sourceIp: '$context.identity.sourceIp',
          }),
        ),
      },
    });

    // --- CloudFront ------------------------------------------------------------------------------------------------
    const viewerRequest = new ViewerFunction(this, 'ViewerRequest', {
      comment: 'ID token cookie -> Authorization header; pages without a token go to /sign-in',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(viewerRequestCode),
    });
    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'HSTS, no framing, no sniffing, same-origin referrers; pages set their own CSP',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN, override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy: "default-src 'self'; object-src 'none'; frame-ancestors 'none'",
          // The pages' own (stricter, with a script hash) policy wins where they send one.
          override: false,
        },
      },
    });
    const apiOrigin = new HttpOrigin(`${this.httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    });
    const dynamic = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // Nothing personal is ever cached; with caching off, this policy forwards Authorization too.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: securityHeaders,
      functionAssociations: [{ function: viewerRequest, eventType: FunctionEventType.VIEWER_REQUEST }],
    };
    const staticFiles = {
      origin: S3BucketOrigin.withOriginAccessControl(this.assets),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: securityHeaders,
    };
    this.distribution = new Distribution(this, 'Site', {
      comment: 'Independent Visitors',
      defaultBehavior: dynamic,
      additionalBehaviors: {
        '/api/*': dynamic,
        '/assets/*': staticFiles,
        '/stylesheets/*': staticFiles,
        '/javascripts/*': staticFiles,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      geoRestriction: GeoRestriction.allowlist(...(props.allowedCountries ?? ['GB'])),
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(props.domain
        ? {
            domainNames: props.domain.names,
            certificate: Certificate.fromCertificateArn(this, 'SiteCertificate', props.domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      webAclId: props.webAclArn,
    });
    if (!props.domain)
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'No custom domain given: the cloudfront.net certificate cannot set a minimum TLS version. Pass `domain` (see docs/operating.md) and TLS 1.2 (2021 policy) is enforced.',
      });
    if (!props.webAclArn)
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'WAF is optional (about $5 a month per web ACL plus $1 per rule and $0.60 per million requests): every route but sign-in needs a Cognito token, API Gateway throttles, and CloudFront allows GB only. Pass `webAclArn` to add one.',
      });
    const siteUrl = `https://${props.domain?.names[0] ?? this.distribution.distributionDomainName}`;

    this.client = this.userPool.addClient('WebClient', {
      // A public client using PKCE: the web function holds no client secret.
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${siteUrl}/auth/callback`],
        logoutUrls: [`${siteUrl}/sign-in`],
      },
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // The LA is readable (it is in the ID token) but NOT writable: a person could otherwise move themselves into
      // another LA's records with their own access token.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('la'),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    this.web.addEnvironment(ENV.authClientId, this.client.userPoolClientId);
    this.web.addEnvironment(ENV.siteUrl, siteUrl);

    const authorizer = new HttpUserPoolAuthorizer('Cognito', this.userPool, {
      userPoolClients: [this.client],
      identitySource: ['$request.header.Authorization'],
    });
    const api = new HttpLambdaIntegration('ApiIntegration', this.api);
    const web = new HttpLambdaIntegration('WebIntegration', this.web);
    const open = new HttpNoneAuthorizer();
    this.httpApi.addRoutes({
      path: '/api/{proxy+}',
      methods: [HttpMethod.ANY],
      integration: api,
      authorizer,
    });
    this.httpApi.addRoutes({ path: '/{proxy+}', methods: [HttpMethod.ANY], integration: web, authorizer });
    this.httpApi.addRoutes({ path: '/', methods: [HttpMethod.GET], integration: web, authorizer });
    for (const path of PUBLIC_PATHS) {
      const routes = this.httpApi.addRoutes({
        path,
        methods: [HttpMethod.GET],
        integration: path.startsWith('/api/') ? api : web,
        authorizer: open,
      });
      for (const route of routes)
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            path === '/api/openapi.json'
              ? 'The OpenAPI document describes the API and holds no data; clients read it before signing in.'
              : 'Sign-in, its callback and sign-out must be reachable without a token; they only redirect or set cookies.',
        });
    }

    new BucketDeployment(this, 'DeployStaticAssets', {
      sources: [staticAssetsSource()],
      destinationBucket: this.assets,
      distribution: this.distribution,
      distributionPaths: ['/assets/*', '/stylesheets/*', '/javascripts/*'],
      memoryLimit: 512,
    });

    new CfnOutput(this, 'SiteUrl', { value: siteUrl });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'HostedUiUrl', { value: domain.baseUrl() });
  }
}
