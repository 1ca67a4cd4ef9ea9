import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { RECONCILER_REPAIRS_METRIC } from '../../adapters/observability/metrics';
import { buildSystem } from '../../infra/system';

/** The reconciler in AWS: a daily job, an alarm whenever it repaired anything, and no more access than it needs. */
const workflow = Template.fromStack(buildSystem({ bundle: false }).workflow);
const resources = workflow.toJSON().Resources as Record<
  string,
  { Type: string; Properties: Record<string, unknown> }
>;
const reconcilerId = Object.keys(resources).find(
  (id) => resources[id]!.Type === 'AWS::Lambda::Function' && /^Reconciler[0-9A-F]{8}$/.test(id),
)!;

describe('the reconciler', () => {
  it('is a function run daily by a scheduled rule, with retries and a dead-letter queue', () => {
    expect(reconcilerId).toBeDefined();
    workflow.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 day)',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [reconcilerId, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 2 },
          DeadLetterConfig: Match.anyValue(),
        }),
      ],
    });
  });

  it('raises an alarm whenever a run repaired anything', () => {
    workflow.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: RECONCILER_REPAIRS_METRIC,
      Namespace: 'IndependentVisitors',
      Dimensions: [{ Name: 'service', Value: 'reconciler' }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('may read events, put read-model rows (and their LA list counts), and list and start deadline executions, and nothing more', () => {
    const role = (resources[reconcilerId]!.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    const policy = Object.values(resources).find(
      (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(role),
    )!;
    const statements = (
      policy.Properties.PolicyDocument as {
        Statement: Array<{ Action: string | string[]; Condition?: unknown }>;
      }
    ).Statement;
    const actions = statements.flatMap((s) => [s.Action].flat());
    // Updates only of the count items, by their key; reading back rows only what their counts depend on.
    expect(statements.find((s) => s.Action === 'dynamodb:UpdateItem')?.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['counts#*'] },
    });
    expect(JSON.stringify(statements.find((s) => s.Action === 'dynamodb:BatchGetItem')?.Condition)).toContain(
      'dynamodb:Attributes',
    );
    expect(new Set(actions)).toEqual(
      new Set([
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:UpdateItem',
        'dynamodb:Query',
        'dynamodb:Scan',
        'dynamodb:PutItem',
        'kms:Decrypt',
        'kms:DescribeKey',
        'kms:Encrypt',
        'kms:GenerateDataKey',
        'states:ListExecutions',
        'states:StartExecution',
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
      ]),
    );
  });
});
