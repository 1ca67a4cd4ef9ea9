import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildSystem } from '../../../infra/system';

const { readModels } = buildSystem({ bundle: false });
const template = Template.fromStack(readModels);

describe('the read-model stack', () => {
  it('has encrypted, on-demand summary tables, each with an index by LA sorted by list key', () => {
    const tables = template.findResources('AWS::DynamoDB::Table');
    expect(Object.keys(tables)).toHaveLength(2);
    for (const table of Object.values(tables)) {
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byLa',
            KeySchema: [
              { AttributeName: 'la', KeyType: 'HASH' },
              { AttributeName: 'listKey', KeyType: 'RANGE' },
            ],
          },
        ],
      });
    }
  });

  it('runs the projector on Node 22 for every domain event, retrying and then dead-lettering', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs22.x' });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['iv.records'] },
      Targets: [{ RetryPolicy: { MaximumRetryAttempts: 8 }, DeadLetterConfig: { Arn: Match.anyValue() } }],
    });
  });

  it('lets the projector only read events and put rows: no delete, update or scan of the read models', () => {
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('dynamodb:PutItem');
    for (const action of ['dynamodb:DeleteItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'])
      expect(policies).not.toContain(action);
  });
});
