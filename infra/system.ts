import { App, type Environment } from 'aws-cdk-lib';
import { AuditStack } from './stacks/audit-stack';
import { DataStack } from './stacks/data-stack';
import { MessagingStack } from './stacks/messaging-stack';
import { ReadModelStack } from './stacks/read-model-stack';
import { WebStack } from './stacks/web-stack';
import { WorkflowStack } from './stacks/workflow-stack';

export interface SystemStacks {
  app: App;
  data: DataStack;
  audit: AuditStack;
  messaging: MessagingStack;
  workflow: WorkflowStack;
  readModels: ReadModelStack;
  web: WebStack;
}

/** Data stays in London unless an operator deliberately chooses otherwise. */
export const DEFAULT_REGION = 'eu-west-2';

/**
 * Builds the whole system as a CDK app. The CLI, the infra tests and the local runtime all call this, so the tables,
 * rules and state machines are defined once. `bundle: false` skips esbuild bundling for in-process synthesis.
 */
export function buildSystem(
  options: { env?: Environment; bundle?: boolean; outdir?: string } = {},
): SystemStacks {
  const app = new App({
    outdir: options.outdir,
    context: options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {},
  });
  const env = options.env ?? { region: DEFAULT_REGION };
  const data = new DataStack(app, 'IvData', { env });
  const audit = new AuditStack(app, 'IvAudit', { env, data });
  const messaging = new MessagingStack(app, 'IvMessaging', { env, data });
  const workflow = new WorkflowStack(app, 'IvWorkflow', { env, data, bus: messaging.bus });
  const readModels = new ReadModelStack(app, 'IvReadModels', { env, data, bus: messaging.bus });
  const web = new WebStack(app, 'IvWeb', { env, data, audit });
  return { app, data, audit, messaging, workflow, readModels, web };
}
