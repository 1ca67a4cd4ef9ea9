import { Match, Template } from 'aws-cdk-lib/assertions';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { describe, expect, it } from 'vitest';
import type { Templates } from '../../infra/local/resources';
import { synthesizeTemplates } from '../../infra/local/template';
import { buildSystem } from '../../infra/system';

const system = buildSystem({ bundle: false });
const observability = Template.fromStack(system.observability);
const alerts = Template.fromStack(system.alerts);
const templates = synthesizeTemplates() as Templates;
const functionCount = system.app.node.findAll().filter((c) => c instanceof NodejsFunction).length;

describe('alarms and the dashboard', () => {
  it('sends alarms to an SNS topic encrypted with a rotating key, SSL only', () => {
    alerts.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    alerts.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    alerts.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('routes every alarm in every stack to that topic', () => {
    const alarms = Object.entries(templates).flatMap(([stack, t]) =>
      Object.entries(t.Resources)
        .filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm')
        .map(([id, r]) => ({
          id: `${stack}/${id}`,
          actions: r.Properties?.AlarmActions as unknown[] | undefined,
        })),
    );
    // Five dead-letter queues, the deadline workflow, one per function, API 5xx, publishing lag.
    expect(alarms.length).toBeGreaterThanOrEqual(5 + 1 + functionCount + 2);
    const silent = alarms.filter((a) => !a.actions || !JSON.stringify(a.actions).includes('Alarms'));
    expect(silent.map((a) => a.id)).toEqual([]);
  });

  it('alarms on errors in every function, on API server errors, and on publishing falling behind', () => {
    expect(functionCount).toBe(10);
    const alarms = Object.values(observability.findResources('AWS::CloudWatch::Alarm'));
    const errorAlarms = alarms.filter((a) => a.Properties.MetricName === 'Errors');
    expect(errorAlarms).toHaveLength(functionCount);
    observability.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: '5xx',
      Namespace: 'AWS/ApiGateway',
    });
    observability.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge' });
  });

  it('has one dashboard showing API errors and latency, function errors, queue depths, workflow failures, throttles', () => {
    const dashboards = Object.values(observability.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]!.Properties.DashboardBody);
    for (const metric of [
      '5xx',
      'Latency',
      'Errors',
      'ApproximateNumberOfMessagesVisible',
      'ExecutionsFailed',
      'ReadThrottleEvents',
      'WriteThrottleEvents',
    ])
      expect(body).toContain(metric);
  });
});
