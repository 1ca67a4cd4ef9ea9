import { paginateListExecutions, type SFNClient } from '@aws-sdk/client-sfn';

/** The names of every running execution of a state machine, for the reconciler, page by page through the SDK. */
export async function runningExecutions(client: SFNClient, stateMachineArn: string): Promise<Set<string>> {
  const names = new Set<string>();
  for await (const page of paginateListExecutions(
    { client, pageSize: 1000 },
    { stateMachineArn, statusFilter: 'RUNNING' },
  ))
    for (const execution of page.executions ?? []) if (execution.name) names.add(execution.name);
  return names;
}
