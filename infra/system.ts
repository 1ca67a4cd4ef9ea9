import { App, type Environment } from 'aws-cdk-lib';
import { AuditStack } from './stacks/audit-stack';
import { DataStack } from './stacks/data-stack';

export interface SystemStacks {
  app: App;
  data: DataStack;
  audit: AuditStack;
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
  return { app, data, audit };
}
