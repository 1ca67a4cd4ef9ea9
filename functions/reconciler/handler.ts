import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { lambdaLog } from '../../adapters/observability/log';
import { RECONCILER_REPAIRS_METRIC } from '../../adapters/observability/metrics';
import { observability, observed } from '../../adapters/observability/observability';
import { runningExecutions } from '../../adapters/step-functions/running-executions';
import { StepFunctionsStarter } from '../../adapters/step-functions/workflow-starter';
import { systemClock } from '../../application/ports/clock';
import { reconcilerOf } from '../composition';
import { setting } from '../environment';

const env = process.env;
const tools = observability('reconciler');
const sfn = new SFNClient({});
const machine = setting(env, 'deadlineStateMachineArn');
const reconcile = reconcilerOf(
  {
    dynamo: new DynamoDBClient({}),
    env,
    clock: systemClock,
    log: lambdaLog('reconciler', tools.logger),
  },
  {
    workflows: new StepFunctionsStarter(sfn, machine),
    runningExecutions: () => runningExecutions(sfn, machine),
  },
);

/**
 * On a schedule: every open obligation must have its running deadline execution and every read-model row its
 * stream's version. What had to be repaired is a metric, alarmed on at 1: something had been lost. Counts only.
 */
export const handler = observed(tools, async () => {
  const report = await reconcile();
  tools.metrics.addMetric(RECONCILER_REPAIRS_METRIC, MetricUnit.Count, report.repaired);
  return {
    at: report.at,
    streams: report.streams,
    obligations: report.obligations,
    rows: report.rows,
    rearmed: report.rearmed.length,
    reprojected: report.reprojected.length,
  };
});
