import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { EVENT_ITEM_CHANGES } from '../../infra/stacks/data-stack';
import { buildSystem, DEFAULT_REGION } from '../../infra/system';

const system = buildSystem({ bundle: false });
const data = Template.fromStack(system.data);
const messaging = Template.fromStack(system.messaging);
const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  system.data.getLogicalId(construct.node.defaultChild as never);
const tableProperties = (construct: { node: { defaultChild?: unknown } }) =>
  data.toJSON().Resources[logicalId(construct)] as {
    Properties: Record<string, unknown>;
    DeletionPolicy: string;
  };

describe('the data stack: the system of record', () => {
  it('puts every stack in London by default', () => {
    const stacks = system.app.node.children.filter((c): c is Stack => c instanceof Stack);
    expect(stacks.length).toBeGreaterThanOrEqual(8);
    for (const stack of stacks) expect(stack.region).toBe(DEFAULT_REGION);
    expect(DEFAULT_REGION).toBe('eu-west-2');
  });

  it('encrypts with a customer-managed key that rotates and is kept if the stack goes', () => {
    data.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ EnableKeyRotation: true }),
      DeletionPolicy: 'Retain',
    });
  });

  it('keeps the events with a stream of new images, point-in-time recovery, deletion protection and the key', () => {
    const events = tableProperties(system.data.eventsTable);
    expect(events.DeletionPolicy).toBe('Retain');
    expect(events.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [logicalId(system.data.key), 'Arn'] },
      },
    });
  });

  it('denies changing or deleting any event to every principal, whatever their IAM permissions', () => {
    const events = tableProperties(system.data.eventsTable);
    expect(events.Properties.ResourcePolicy).toMatchObject({
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: [...EVENT_ITEM_CHANGES],
            Resource: '*',
          },
        ],
      },
    });
    expect(EVENT_ITEM_CHANGES).toEqual(
      expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']),
    );
  });

  it('keeps the idempotency records (commands) and the access log as carefully as the events', () => {
    for (const table of [system.data.commandsTable, system.data.accessLogTable]) {
      const { Properties, DeletionPolicy } = tableProperties(table);
      expect(DeletionPolicy).toBe('Retain');
      expect(Properties).toMatchObject({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      });
    }
  });

  it('has read-model tables of its own (disposable, encrypted, rebuilt from the events)', () => {
    const readModels = Template.fromStack(system.readModels);
    readModels.resourceCountIs('AWS::DynamoDB::Table', 2);
    readModels.allResourcesProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
    });
  });
});

describe('the messaging stack: replay and the Notify key', () => {
  it('archives every domain event on the bus for a year, for replay', () => {
    messaging.hasResourceProperties('AWS::Events::Archive', {
      SourceArn: Match.anyValue(),
      EventPattern: { source: [Match.anyValue()] },
      RetentionDays: 365,
    });
  });

  it('keeps the Notify API key in Secrets Manager, readable by the notifier alone', () => {
    messaging.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const readers = Object.entries(
      Template.fromStack(system.messaging).findResources('AWS::IAM::Policy'),
    ).filter(([, policy]) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('secretsmanager:GetSecretValue'),
    );
    expect(readers.map(([id]) => id)).toEqual([expect.stringMatching(/^NotifierServiceRoleDefaultPolicy/)]);
  });
});
