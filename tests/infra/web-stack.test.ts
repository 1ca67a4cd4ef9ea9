import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { PUBLIC_PATHS } from '../../infra/constructs/viewer-request';
import { STAFF_GROUPS } from '../../infra/stacks/web-stack';
import { buildSystem } from '../../infra/system';

const system = buildSystem({ bundle: false });
const web = Template.fromStack(system.web);
const resources = web.toJSON().Resources as Record<
  string,
  { Type: string; Properties: Record<string, unknown> }
>;
const ofType = (type: string) => Object.values(resources).filter((r) => r.Type === type);
type Statement = { Action: string | string[]; Resource: unknown };
/** The IAM statements of the policies attached to the roles whose references match. */
const statementsOf = (roles: RegExp): Statement[] =>
  ofType('AWS::IAM::Policy')
    .filter((p) => roles.test(JSON.stringify(p.Properties.Roles)))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
const functionEnv = (idPrefix: string) =>
  Object.entries(resources).find(
    ([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(idPrefix),
  )?.[1].Properties.Environment as { Variables: Record<string, unknown> };

describe('sign-in: the Cognito user pool', () => {
  it('has no self sign-up, requires TOTP MFA, a strong password and enforced threat protection', () => {
    web.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: {
          MinimumLength: Match.anyValue(),
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'la', AttributeDataType: 'String' })]),
    });
    const pool = ofType('AWS::Cognito::UserPool')[0]!.Properties as {
      Policies: { PasswordPolicy: { MinimumLength: number } };
    };
    expect(pool.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('has a group for every role a person holds (Independent Visitors too), and none for the system actor', () => {
    const groups = ofType('AWS::Cognito::UserPoolGroup').map((g) => g.Properties.GroupName);
    expect(groups.sort()).toEqual(
      [
        'admin',
        'auditor',
        'coordinator',
        'iro',
        'manager',
        'national-analyst',
        'social-worker',
        'independent-visitor',
      ].sort(),
    );
    expect(STAFF_GROUPS).not.toContain('system');
  });

  it("has a public code-flow client that can read a person's LA but never lets them change it", () => {
    web.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: Match.arrayWith(['openid']),
      ReadAttributes: Match.arrayWith(['custom:la']),
      CallbackURLs: [Match.objectLike({ 'Fn::Join': Match.anyValue() })],
    });
    const client = ofType('AWS::Cognito::UserPoolClient')[0]!.Properties;
    expect(client.WriteAttributes).toBeDefined();
    expect(client.WriteAttributes).not.toContain('custom:la');
    web.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });
});

describe('the HTTP API', () => {
  it("checks Cognito's ID tokens for this client with a JWT authorizer", () => {
    web.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: Match.stringLikeRegexp('WebClient') }],
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.eu-west-2.amazonaws.com/', Match.anyValue()]] },
      },
    });
  });

  it('requires a token on every route but sign-in and the OpenAPI document', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map((r) => ({
      key: r.Properties.RouteKey as string,
      auth: r.Properties.AuthorizationType as string | undefined,
    }));
    const open = routes.filter((r) => r.auth !== 'JWT').map((r) => r.key.split(' ')[1]);
    expect(open.sort()).toEqual([...PUBLIC_PATHS].sort());
    expect(routes.map((r) => r.key)).toEqual(
      expect.arrayContaining(['ANY /api/{proxy+}', 'ANY /{proxy+}', 'GET /']),
    );
  });

  it('logs access without paths or bodies, and throttles', () => {
    web.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
    });
    const format = JSON.stringify(ofType('AWS::ApiGatewayV2::Stage')[0]!.Properties.AccessLogSettings);
    expect(format).not.toMatch(/\$context\.path|requestBody|userAgent/);
  });
});

describe('the api and web functions', () => {
  it('run on Node 22, ARM, traced, configured by the stack', () => {
    for (const prefix of ['Api', 'Web']) {
      const env = functionEnv(prefix).Variables;
      expect(Object.keys(env)).toEqual(
        expect.arrayContaining(['EVENTS_TABLE', 'COMMANDS_TABLE', 'ACCESS_LOG_TABLE', 'ANCHOR_BUCKET']),
      );
      expect(env.POWERTOOLS_SERVICE_NAME).toBe(prefix.toLowerCase());
    }
    const ours = Object.entries(resources).filter(
      ([id, r]) => r.Type === 'AWS::Lambda::Function' && /^(Api|Web)[0-9A-F]{8}$/.test(id),
    );
    expect(ours).toHaveLength(2);
    for (const [, fn] of ours)
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
  });

  it('give the web function its templates, the hosted UI and the site address', () => {
    const env = functionEnv('Web').Variables;
    expect(env).toMatchObject({
      VIEWS_PATH: '/var/task/views',
      GOVUK_FRONTEND_PATH: '/var/task/govuk-frontend',
    });
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining(['AUTH_DOMAIN_URL', 'AUTH_CLIENT_ID', 'SITE_URL']),
    );
  });

  it('may read anchors, and nothing else in the anchor bucket', () => {
    const s3Actions = statementsOf(/(Api|Web)ServiceRole/)
      .filter((s) => JSON.stringify(s.Resource).includes('Anchors'))
      .flatMap((s) => [s.Action].flat());
    expect([...new Set(s3Actions)].sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
  });

  it('may put, get and delete receipts under receipts/, and nothing else in the receipt bucket or its key', () => {
    const receipts = (role: RegExp) =>
      statementsOf(role).filter((s) => JSON.stringify(s.Resource).match(/Receipts(Bucket|Key)/));
    for (const role of [/ApiServiceRole/, /WebServiceRole/])
      expect(
        receipts(role).map((s) => ({
          actions: [s.Action].flat().sort(),
          resource: JSON.stringify(s.Resource),
        })),
      ).toEqual([
        {
          actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
          resource: expect.stringMatching(/ReceiptsBucket.*"\/receipts\/\*"/),
        },
        { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resource: expect.stringContaining('ReceiptsKey') },
      ]);
    // No other function of the stack (the static files' deployment, the sign-in's) can reach a receipt.
    expect(receipts(/^(?!.*(Api|Web)ServiceRole)/)).toEqual([]);
  });

  it('lets the retention sweep (in its own stack) delete receipts under receipts/, and nothing more', () => {
    const retention = Template.fromStack(system.retention).toJSON().Resources as typeof resources;
    const statements = Object.values(retention)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((s) => JSON.stringify(s.Resource).includes('Receipts'));
    expect(
      statements.map((s) => ({ actions: [s.Action].flat(), resource: JSON.stringify(s.Resource) })),
    ).toEqual([
      { actions: ['s3:DeleteObject'], resource: expect.stringMatching(/ReceiptsBucket.*\/receipts\/\*/) },
    ]);
    const sweep = Object.values(retention).find((r) => r.Type === 'AWS::Lambda::Function');
    expect(JSON.stringify(sweep?.Properties.Environment)).toMatch(
      /"RECEIPT_BUCKET":\{"Fn::ImportValue":"IvWeb:.*ReceiptsBucket/,
    );
  });
});

describe('the receipt bucket', () => {
  it('is private, encrypted with a key of its own that rotates, SSL-only, access-logged and kept', () => {
    const [id, bucket] = Object.entries(resources).find(
      ([id, r]) => r.Type === 'AWS::S3::Bucket' && id.startsWith('ReceiptsBucket'),
    )!;
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^ReceiptsKey/), 'Arn'] },
            },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { LogFilePrefix: 'receipts/' },
    });
    expect((resources[id] as unknown as { DeletionPolicy: string }).DeletionPolicy).toBe('Retain');
    web.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      Description: Match.stringLikeRegexp('receipts'),
    });
    const policy = ofType('AWS::S3::BucketPolicy').find((p) =>
      JSON.stringify(p.Properties.Bucket).includes(id),
    );
    expect(JSON.stringify(policy?.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    for (const name of ['Api', 'Web'])
      expect(functionEnv(name).Variables.RECEIPT_BUCKET).toEqual({ Ref: id });
  });
});

describe('static files and CloudFront', () => {
  it('keeps the files in a private, versioned, encrypted, SSL-only bucket reached through origin access control', () => {
    web.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: Match.objectLike({ ServerSideEncryptionConfiguration: Match.anyValue() }),
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.anyValue(),
    });
    for (const policy of ofType('AWS::S3::BucketPolicy'))
      expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    web.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    web.resourceCountIs('Custom::CDKBucketDeployment', 1);
  });

  it('serves pages and the API from API Gateway, the files from S3, over HTTPS only, with security headers', () => {
    const distribution = ofType('AWS::CloudFront::Distribution')[0]!.Properties.DistributionConfig as {
      DefaultCacheBehavior: Record<string, unknown>;
      CacheBehaviors: Array<Record<string, unknown>>;
      Restrictions: unknown;
      Logging: unknown;
    };
    const behaviors = [distribution.DefaultCacheBehavior, ...distribution.CacheBehaviors];
    for (const behavior of behaviors) {
      expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(behavior.ResponseHeadersPolicyId).toBeDefined();
    }
    expect(distribution.CacheBehaviors.map((b) => b.PathPattern).sort()).toEqual(
      ['/api/*', '/assets/*', '/javascripts/*', '/stylesheets/*'].sort(),
    );
    const dynamic = behaviors.filter(
      (b) => b === distribution.DefaultCacheBehavior || b.PathPattern === '/api/*',
    );
    for (const behavior of dynamic)
      expect(behavior.FunctionAssociations).toEqual([
        { EventType: 'viewer-request', FunctionARN: expect.anything() },
      ]);
    expect(distribution.Restrictions).toEqual({
      GeoRestriction: { RestrictionType: 'whitelist', Locations: ['GB'] },
    });
    expect(distribution.Logging).toBeDefined();
    web.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ IncludeSubdomains: true, Override: true }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentTypeOptions: { Override: true },
        }),
      },
    });
  });
});
