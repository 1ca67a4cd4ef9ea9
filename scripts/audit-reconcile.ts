import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { runningExecutions } from '../adapters/step-functions/running-executions';
import { StepFunctionsStarter } from '../adapters/step-functions/workflow-starter';
import type { ReconcileReport } from '../application/deadlines/reconcile';
import { systemClock } from '../application/ports/clock';
import { quietLog } from '../application/ports/log';
import { reconcilerOf } from '../functions/composition';
import { optionalSetting, setting } from '../functions/environment';
import { startLocalRuntime } from '../infra/local/runtime';
import { CONTROL_TOKEN_FILE, CONTROL_TOKEN_HEADER } from '../infra/local/server';
import { LOCAL_DIR, runningLocalSystem, UsageError } from './audit-connection';

/**
 * `npm run audit -- reconcile`: the reconciler, now. Locally it asks the running `npm start` (or, when none runs,
 * starts the local runtime over .local/ for the run); in AWS it runs here against the tables and the deadline state
 * machine named by the environment, as the daily function does.
 */
export async function reconcileNow(options: { local?: boolean; region?: string }): Promise<{
  report: ReconcileReport;
  where: string;
}> {
  if (options.local) {
    if (await runningLocalSystem()) {
      const token = await readFile(join(LOCAL_DIR, CONTROL_TOKEN_FILE), 'utf8');
      const response = await fetch(`http://localhost:${process.env.PORT ?? 3000}/local/reconcile`, {
        method: 'POST',
        headers: { [CONTROL_TOKEN_HEADER]: token.trim() },
      });
      if (!response.ok) throw new Error(`the running system answered ${response.status}`);
      return { report: (await response.json()) as ReconcileReport, where: 'the running npm start' };
    }
    const runtime = await startLocalRuntime({ dataDir: LOCAL_DIR, paused: true, tickMs: 0 });
    try {
      return { report: await runtime.reconcile(), where: `the local data in ${LOCAL_DIR}` };
    } finally {
      await runtime.stop();
    }
  }
  const env = process.env;
  if (!optionalSetting(env, 'eventsTable') || !optionalSetting(env, 'deadlineStateMachineArn'))
    throw new UsageError(
      'Say where: --local, or for AWS set EVENTS_TABLE, COMMANDS_TABLE, CHILD_SUMMARY_TABLE, VOLUNTEER_SUMMARY_TABLE and DEADLINE_STATE_MACHINE_ARN.',
    );
  const region = options.region ?? env.AWS_REGION ?? 'eu-west-2';
  const dynamo = new DynamoDBClient({ region });
  const sfn = new SFNClient({ region });
  const machine = setting(env, 'deadlineStateMachineArn');
  try {
    const reconcile = reconcilerOf(
      { dynamo, env, clock: systemClock, log: quietLog },
      {
        workflows: new StepFunctionsStarter(sfn, machine),
        runningExecutions: () => runningExecutions(sfn, machine),
      },
    );
    return { report: await reconcile(), where: `AWS ${region}` };
  } finally {
    dynamo.destroy();
    sfn.destroy();
  }
}

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** The report as a person reads it: what was checked, then what had to be repaired, one line each. */
export function reconcileLines(report: ReconcileReport): string[] {
  const lines = [
    `Checked ${count(report.streams, 'record')} at ${report.at}: ${count(report.obligations, 'open obligation')} against the running deadline workflows, ${count(report.rows, 'list row')} against their records.`,
  ];
  if (report.repaired === 0) {
    lines.push('Repaired nothing: every open obligation has its deadline workflow and every row is current.');
    return lines;
  }
  lines.push(`Repaired ${count(report.repaired, 'thing')}:`);
  for (const r of report.rearmed)
    lines.push(`  re-armed      ${r.streamId}  ${r.obligationId}  (execution ${r.execution})`);
  for (const r of report.reprojected)
    lines.push(
      `  re-projected  ${r.streamId}  row ${r.rowVersion === undefined ? 'missing' : `at v${r.rowVersion}`}, record at v${r.streamVersion}`,
    );
  return lines;
}
