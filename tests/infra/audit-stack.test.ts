import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildSystem } from '../../infra/system';

const { data, audit } = buildSystem({ bundle: false });
const auditTemplate = Template.fromStack(audit);
const dataTemplate = Template.fromStack(data);

describe('the audit infrastructure', () => {
  it('keeps anchors in a versioned, encrypted, private, SSL-only bucket under Object Lock in compliance mode', () => {
    auditTemplate.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: Match.anyValue() } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: Match.objectLike({ ServerSideEncryptionConfiguration: Match.anyValue() }),
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    auditTemplate.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    auditTemplate.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
  });

  it('anchors on a schedule with a Node 22 function that can only read the tables and add anchors', () => {
    auditTemplate.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs22.x' });
    auditTemplate.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)' });
    const actions = Object.values(auditTemplate.findResources('AWS::IAM::Policy')).flatMap((policy) =>
      (policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>).flatMap((s) =>
        [s.Action].flat(),
      ),
    );
    expect(actions).toContain('s3:PutObject');
    expect(actions).toContain('dynamodb:Query');
    const writes = actions.filter((a) =>
      /^dynamodb:(Put|Update|Delete|BatchWrite|Transact)|^s3:(Delete|PutObjectRetention|PutObjectLegalHold|Bypass)/.test(
        a,
      ),
    );
    expect(writes).toEqual([]);
  });

  it('lets no one but the anchor function add an anchor, so nobody can forge a newer one (finding 9)', () => {
    const anchorRole = Object.entries(auditTemplate.findResources('AWS::IAM::Role')).find(([id]) =>
      id.startsWith('AnchorServiceRole'),
    )![0];
    auditTemplate.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:PutObject',
            Condition: { ArnNotEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': [anchorRole, 'Arn'] } } },
          }),
        ]),
      },
    });
  });

  it('keeps the access log like the records themselves: encrypted with the data key, recoverable, protected', () => {
    dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'recordId', KeyType: 'HASH' },
        { AttributeName: 'seq', KeyType: 'RANGE' },
      ],
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
  });
});
