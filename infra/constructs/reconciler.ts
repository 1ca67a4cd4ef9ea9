import { Duration, type Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { METRICS_NAMESPACE, RECONCILER_REPAIRS_METRIC } from '../../adapters/observability/metrics';
import { environmentOf } from '../../functions/environment';
import type { PersonalDataRefs } from '../stacks/data-stack';
import { DeadLetterQueue, nodeFunction } from './node-function';
import { grantOpenPersonalData, grantProjectRows, grantReadEvents, type RecordTables } from './record-access';

/** The read models the reconciler compares with the streams, and re-projects into. */
export interface ReconciledReadModels {
  childSummary: ITable;
  volunteerSummary: ITable;
  key: IKey;
}

/**
 * The reconciler, daily: compares every open obligation with its running deadline execution and every read-model
 * row with its stream's version, and re-arms or re-projects what is missing. It may read the events, list and start
 * the deadline executions, and put read-model rows (conditionally, as the projector does); nothing else. Whenever a
 * run had to repair anything, an alarm: something had been lost on the way and should be understood.
 */
export function addReconciler(
  stack: Stack,
  props: {
    data: RecordTables & { personalData: PersonalDataRefs };
    readModels: ReconciledReadModels;
    deadline: StateMachine;
  },
): NodejsFunction {
  const { data, readModels, deadline } = props;
  // In the stack's own scope, so the local runtime finds it by its construct id, as every other function.
  const reconciler = nodeFunction(stack, 'Reconciler', 'reconciler', {
    description:
      'Daily: re-arms any open obligation without a deadline workflow, re-projects any row behind its stream',
    memorySize: 1024,
    // One read per stream and one listing of the running executions: about 80,000 children fit well inside.
    timeout: Duration.minutes(15),
    environment: environmentOf({
      eventsTable: data.eventsTable.tableName,
      commandsTable: data.commandsTable.tableName,
      // Rows and obligations are computed from the facts, dates of birth among them: it opens them as the projector.
      personalDataKeysTable: data.personalData.keysTable.tableName,
      personalDataKeyArn: data.personalData.key.keyArn,
      childSummaryTable: readModels.childSummary.tableName,
      volunteerSummaryTable: readModels.volunteerSummary.tableName,
      deadlineStateMachineArn: deadline.stateMachineArn,
    }),
  });
  grantReadEvents(reconciler, data);
  grantOpenPersonalData(reconciler, data.personalData);
  reconciler.addToRolePolicy(
    new PolicyStatement({
      actions: ['dynamodb:GetItem'],
      resources: [readModels.childSummary.tableArn, readModels.volunteerSummary.tableArn],
    }),
  );
  grantProjectRows(reconciler, readModels.childSummary, readModels.volunteerSummary);
  reconciler.addToRolePolicy(
    new PolicyStatement({
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      resources: [readModels.key.keyArn],
    }),
  );
  reconciler.addToRolePolicy(
    new PolicyStatement({
      actions: ['states:ListExecutions', 'states:StartExecution'],
      resources: [deadline.stateMachineArn],
    }),
  );

  new Rule(stack, 'ReconcileDaily', {
    description:
      'Proves every open obligation is watched and every list row is current, repairing what is not',
    schedule: Schedule.rate(Duration.days(1)),
    targets: [
      new LambdaFunction(reconciler, {
        retryAttempts: 2,
        deadLetterQueue: new DeadLetterQueue(stack, 'ReconcilerFailures', 'Reconciler runs that failed')
          .queue,
      }),
    ],
  });
  new Alarm(stack, 'ReconcilerRepaired', {
    alarmDescription:
      'The reconciler had to re-arm a deadline or re-project a row: something was lost on the way. Look at its logs.',
    metric: new Metric({
      namespace: METRICS_NAMESPACE,
      metricName: RECONCILER_REPAIRS_METRIC,
      dimensionsMap: { service: 'reconciler' },
      statistic: 'Maximum',
      period: Duration.days(1),
    }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  return reconciler;
}
