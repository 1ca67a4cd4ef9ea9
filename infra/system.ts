import { App, type Environment } from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { DeadLetterQueue } from './constructs/node-function';
import { AuditStack } from './stacks/audit-stack';
import { DataStack } from './stacks/data-stack';
import { MessagingStack } from './stacks/messaging-stack';
import { AlertsStack, ObservabilityStack, routeAlarmsTo } from './stacks/observability-stack';
import { ReadModelStack } from './stacks/read-model-stack';
import { RetentionStack } from './stacks/retention-stack';
import { WebStack, type WebStackProps } from './stacks/web-stack';
import { WorkflowStack } from './stacks/workflow-stack';

export interface SystemStacks {
  app: App;
  data: DataStack;
  audit: AuditStack;
  messaging: MessagingStack;
  workflow: WorkflowStack;
  readModels: ReadModelStack;
  retention: RetentionStack;
  web: WebStack;
  alerts: AlertsStack;
  observability: ObservabilityStack;
}

/** Data stays in London unless an operator deliberately chooses otherwise. */
export const DEFAULT_REGION = 'eu-west-2';

export interface SystemOptions {
  env?: Environment;
  /** false skips esbuild bundling, for in-process synthesis (tests, the local runtime). */
  bundle?: boolean;
  outdir?: string;
  /** An operations mailbox subscribed to every alarm. */
  alarmEmail?: string;
  /** The site's own domain, WAF and the hosted UI's domain prefix: see WebStackProps. */
  web?: Pick<WebStackProps, 'domain' | 'webAclArn' | 'authDomainPrefix' | 'allowedCountries' | 'federation'>;
}

/**
 * Builds the whole system as a CDK app. The CLI, the infra tests and the local runtime all call this, so the tables,
 * rules and state machines are defined once.
 */
export function buildSystem(options: SystemOptions = {}): SystemStacks {
  const app = new App({
    outdir: options.outdir,
    context: options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {},
  });
  const env = options.env ?? { region: DEFAULT_REGION };
  const data = new DataStack(app, 'IvData', { env });
  const audit = new AuditStack(app, 'IvAudit', { env, data });
  const messaging = new MessagingStack(app, 'IvMessaging', { env, data });
  const readModels = new ReadModelStack(app, 'IvReadModels', { env, data, bus: messaging.bus });
  const workflow = new WorkflowStack(app, 'IvWorkflow', { env, data, bus: messaging.bus, readModels });
  const retention = new RetentionStack(app, 'IvRetention', { env, data, readModels });
  const web = new WebStack(app, 'IvWeb', { env, data, audit, readModels, retention, ...options.web });

  const alerts = new AlertsStack(app, 'IvAlerts', { env, alarmEmail: options.alarmEmail });
  const all = app.node.findAll();
  const observability = new ObservabilityStack(app, 'IvObservability', {
    env,
    functions: all.filter((c): c is NodejsFunction => c instanceof NodejsFunction),
    deadLetterQueues: all.filter((c): c is DeadLetterQueue => c instanceof DeadLetterQueue),
    stateMachines: [workflow.deadline],
    httpApi: web.httpApi,
    tables: [
      data.eventsTable,
      data.commandsTable,
      data.accessLogTable,
      data.personalDataKeysTable,
      readModels.childSummary,
      readModels.volunteerSummary,
    ],
    publisher: messaging.publisher,
  });
  routeAlarmsTo(app, alerts.topic);
  return { app, data, audit, messaging, workflow, readModels, retention, web, alerts, observability };
}
