import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { COUNT_KEY_PREFIX } from '../../../adapters/dynamodb/read-models';
import { COUNTED_ATTRIBUTES } from '../../../application/lists/counts';
import { CHILD_INDEXES, SEARCH_PROJECTION } from '../../../application/lists/keys';
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
      });
      expect(table.Properties.GlobalSecondaryIndexes).toContainEqual(
        expect.objectContaining({
          IndexName: 'byLa',
          KeySchema: [
            { AttributeName: 'la', KeyType: 'HASH' },
            { AttributeName: 'listKey', KeyType: 'RANGE' },
          ],
        }),
      );
    }
  });

  it('gives the child summaries an index per list and per search, each keyed as the lists query them', () => {
    const child = Object.values(template.findResources('AWS::DynamoDB::Table')).find(
      (t) => t.Properties.GlobalSecondaryIndexes.length > 2,
    )!;
    const indexes = child.Properties.GlobalSecondaryIndexes as Array<{
      IndexName: string;
      KeySchema: Array<{ AttributeName: string; KeyType: string }>;
      Projection: { ProjectionType: string; NonKeyAttributes?: string[] };
    }>;
    const byName = Object.fromEntries(indexes.map((i) => [i.IndexName, i]));
    expect(Object.keys(byName).sort()).toEqual(['byLa', 'returnByLa', ...Object.keys(CHILD_INDEXES)].sort());
    expect(indexes.length).toBeLessThanOrEqual(20); // DynamoDB's limit
    expect(byName.bySocialWorker!.KeySchema).toEqual([
      { AttributeName: 'swKey', KeyType: 'HASH' },
      { AttributeName: 'nextDue', KeyType: 'RANGE' },
    ]);
    expect(byName['duty-not-offered']!.KeySchema[1]).toEqual({
      AttributeName: 'dueNotOffered',
      KeyType: 'RANGE',
    });
    // Caseloads hold whole rows; search and the other lists only what filtering needs, within DynamoDB's 100.
    expect(byName.bySocialWorker!.Projection).toEqual({ ProjectionType: 'ALL' });
    expect(byName.byNextDue!.Projection.ProjectionType).toBe('INCLUDE');
    expect(byName.byLastName!.Projection).toEqual({
      ProjectionType: 'INCLUDE',
      NonKeyAttributes: SEARCH_PROJECTION,
    });
    // The national return's index holds each row's packed fields and nothing else.
    expect(byName.returnByLa).toMatchObject({
      KeySchema: [
        { AttributeName: 'la', KeyType: 'HASH' },
        { AttributeName: 'streamId', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['returnFacts'] },
    });
    const projected = indexes.reduce((n, i) => n + (i.Projection.NonKeyAttributes?.length ?? 0), 0);
    expect(projected).toBeLessThanOrEqual(100);
  });

  it('runs the projector on Node 22 for every domain event, retrying and then dead-lettering', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs22.x' });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['iv.records'] },
      Targets: [{ RetryPolicy: { MaximumRetryAttempts: 8 }, DeadLetterConfig: { Arn: Match.anyValue() } }],
    });
  });

  it('lets the projector only read events and put rows: no delete or scan of the read models, and updates of the list counts alone', () => {
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('dynamodb:PutItem');
    for (const action of ['dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'])
      expect(policies).not.toContain(action);
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) =>
        p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Condition?: unknown }>,
    );
    const allowing = (action: string) =>
      statements.filter(
        (s) => [s.Action].flat().includes(`dynamodb:${action}`) && JSON.stringify(s).includes('Summary'),
      );
    // UpdateItem only on the count items, by their key; rows read back only for what their counts depend on.
    expect(allowing('UpdateItem').map((s) => s.Condition)).toEqual([
      { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${COUNT_KEY_PREFIX}*`] } },
    ]);
    expect(allowing('BatchGetItem').map((s) => s.Condition)).toEqual([
      {
        'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...COUNTED_ATTRIBUTES] },
        StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
      },
    ]);
    expect(COUNTED_ATTRIBUTES).not.toContain('firstNames');
    expect(allowing('GetItem')).toEqual([]);
  });
});
