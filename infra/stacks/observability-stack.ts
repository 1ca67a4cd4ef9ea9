import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct, IConstruct } from 'constructs';
import type { DeadLetterQueue } from '../constructs/node-function';

export interface AlertsStackProps extends StackProps {
  /** Who hears about alarms: an operations mailbox (confirm the subscription email once). */
  alarmEmail?: string;
}

/**
 * The one place alarms go: an encrypted SNS topic. A stack of its own so that every other stack's alarms can point
 * at it while the dashboard (which reads every other stack) depends on them, without a cycle.
 */
export class AlertsStack extends Stack {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlertsStackProps = {}) {
    super(scope, id, props);
    const key = new Key(this, 'AlertsKey', {
      description: 'Encrypts alarm notifications',
      enableKeyRotation: true,
    });
    // CloudWatch publishes to an encrypted topic only if the key lets it (an AWS managed key would not).
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    this.topic = new Topic(this, 'Alarms', {
      displayName: 'Independent Visitors alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
  }
}

/** Every CloudWatch alarm in the app (the dead-letter queues', the workflow's, these) notifies the topic. */
export function routeAlarmsTo(root: IConstruct, topic: Topic): void {
  const action = new SnsAction(topic);
  for (const construct of root.node.findAll())
    if (construct instanceof Alarm && Stack.of(construct) !== Stack.of(topic))
      construct.addAlarmAction(action);
}

export interface ObservabilityStackProps extends StackProps {
  functions: NodejsFunction[];
  deadLetterQueues: DeadLetterQueue[];
  stateMachines: StateMachine[];
  httpApi: HttpApi;
  tables: ITable[];
  /** The function reading the events table's stream: its iterator age is how far behind publishing is. */
  publisher: NodejsFunction;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * What an operator looks at: one dashboard (requests, errors and latency; functions; queues; workflows; tables) and
 * the alarms not already beside their resources: function errors, API 5xx, publishing falling behind.
 */
export class ObservabilityStack extends Stack {
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    const { httpApi } = props;
    const alarm = (alarmId: string, description: string, metric: IMetric, threshold: number) => {
      const created = new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      this.alarms.push(created);
      return created;
    };

    for (const fn of props.functions) {
      const name = fn.node.id;
      alarm(
        `${name}Errors`,
        `The ${name} function failed (an unhandled error): look at its logs`,
        fn.metricErrors({ period: FIVE_MINUTES }),
        1,
      );
    }
    alarm(
      'Api5xx',
      'Five or more server errors from the site or the API in five minutes',
      httpApi.metricServerError({ period: FIVE_MINUTES }),
      5,
    );
    alarm(
      'PublishingBehind',
      'The publisher is more than five minutes behind the events table: lists, deadlines and emails are late',
      props.publisher.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
      5 * 60 * 1000,
    );

    const byFunction = (metric: (fn: NodejsFunction) => IMetric) => props.functions.map(metric);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${this.stackName}-IndependentVisitors`,
      defaultInterval: Duration.hours(24),
      widgets: [
        [
          new TextWidget({
            markdown:
              '# Independent Visitors\nRequests, errors, latency; functions; dead-letter queues (any message is a failure to look at); deadline workflows; table throttling. Runbook: docs/operating.md',
            width: 24,
            height: 2,
          }),
        ],
        [
          new GraphWidget({
            title: 'Site and API: requests and errors',
            left: [
              httpApi.metricCount({ period: FIVE_MINUTES }),
              httpApi.metricClientError({ period: FIVE_MINUTES }),
              httpApi.metricServerError({ period: FIVE_MINUTES }),
            ],
            width: 12,
          }),
          new GraphWidget({
            title: 'Site and API: latency (ms)',
            left: [
              httpApi.metricLatency({ statistic: 'p50', period: FIVE_MINUTES }),
              httpApi.metricLatency({ statistic: 'p99', period: FIVE_MINUTES }),
            ],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Function errors',
            left: byFunction((fn) => fn.metricErrors({ period: FIVE_MINUTES, label: fn.node.id })),
            width: 8,
          }),
          new GraphWidget({
            title: 'Function duration p99 (ms)',
            left: byFunction((fn) =>
              fn.metricDuration({ statistic: 'p99', period: FIVE_MINUTES, label: fn.node.id }),
            ),
            width: 8,
          }),
          new GraphWidget({
            title: 'Function throttles',
            left: byFunction((fn) => fn.metricThrottles({ period: FIVE_MINUTES, label: fn.node.id })),
            width: 8,
          }),
        ],
        [
          new GraphWidget({
            title: 'Dead-letter queues: messages waiting',
            left: props.deadLetterQueues.map((dlq) =>
              dlq.queue.metricApproximateNumberOfMessagesVisible({
                period: Duration.minutes(1),
                statistic: 'Maximum',
                label: `${Stack.of(dlq).stackName}/${dlq.node.id}`,
              }),
            ),
            width: 8,
          }),
          new GraphWidget({
            title: 'Deadline workflows',
            left: props.stateMachines.flatMap((sm) => [
              sm.metricStarted({ period: FIVE_MINUTES }),
              sm.metricSucceeded({ period: FIVE_MINUTES }),
              sm.metricFailed({ period: FIVE_MINUTES }),
              sm.metricTimedOut({ period: FIVE_MINUTES }),
            ]),
            width: 8,
          }),
          new GraphWidget({
            title: 'Publishing lag: iterator age (ms)',
            left: [
              props.publisher.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
            ],
            width: 8,
          }),
        ],
        [
          new GraphWidget({
            title: 'DynamoDB throttled reads and writes',
            left: props.tables.map(
              (table, i) =>
                new MathExpression({
                  expression: `r${i} + w${i}`,
                  usingMetrics: {
                    [`r${i}`]: table.metric('ReadThrottleEvents', { statistic: 'Sum', period: FIVE_MINUTES }),
                    [`w${i}`]: table.metric('WriteThrottleEvents', {
                      statistic: 'Sum',
                      period: FIVE_MINUTES,
                    }),
                  },
                  label: table.node.id,
                  period: FIVE_MINUTES,
                }),
            ),
            width: 24,
          }),
        ],
      ],
    });
  }
}
