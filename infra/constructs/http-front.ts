import { Duration, Stack, Validations } from 'aws-cdk-lib';
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
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PUBLIC_PATHS, viewerRequestCode } from './viewer-request';

export interface HttpFrontProps {
  assets: Bucket;
  logs: Bucket;
  /** Countries allowed to reach the site (ISO 3166-1 alpha-2). */
  allowedCountries?: string[];
  domain?: { names: string[]; certificateArn: string };
  webAclArn?: string;
}

/**
 * The way in: CloudFront in front of the static files and the HTTP API, which sends /api/* to the API function and
 * every page to the web function, with API Gateway's JWT authorizer on every route but sign-in.
 */
export class HttpFront extends Construct {
  readonly httpApi: HttpApi;
  readonly distribution: Distribution;
  /** The site's address: its own domain when one is given, else its cloudfront.net name. */
  readonly siteUrl: string;

  constructor(scope: Construct, id: string, props: HttpFrontProps) {
    super(scope, id);
    const stack = Stack.of(this);
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
    const apiOrigin = new HttpOrigin(`${this.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
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
      origin: S3BucketOrigin.withOriginAccessControl(props.assets),
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
      logBucket: props.logs,
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
    this.siteUrl = `https://${props.domain?.names[0] ?? this.distribution.distributionDomainName}`;
  }

  /** /api/* to the API function, every page to the web function; a Cognito ID token on all but the public paths. */
  route(
    functions: { api: IFunction; web: IFunction },
    signIn: { userPool: UserPool; client: UserPoolClient },
  ) {
    const authorizer = new HttpUserPoolAuthorizer('Cognito', signIn.userPool, {
      userPoolClients: [signIn.client],
      identitySource: ['$request.header.Authorization'],
    });
    const api = new HttpLambdaIntegration('ApiIntegration', functions.api);
    const web = new HttpLambdaIntegration('WebIntegration', functions.web);
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
  }
}
