import type { Template } from './template';

/**
 * Reading the synthesized templates the way the local runtime needs them: intrinsic functions resolved to plain
 * values, where a `Ref` becomes the logical id (the local name of a table, function or bus) and an `Fn::GetAtt ...Arn`
 * a local ARN that still names the logical id. Nothing here restates a resource; it only reads what CDK produced.
 */
export const LOCAL_REGION = 'eu-west-2';
export const LOCAL_ACCOUNT = '000000000000';

export type Templates = Record<
  string,
  Template & { Outputs?: Record<string, { Value: unknown; Export?: { Name: string } }> }
>;

export interface LocatedResource {
  stack: string;
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
}

export function resourcesOfType(templates: Templates, type: string): LocatedResource[] {
  return Object.entries(templates).flatMap(([stack, template]) =>
    Object.entries(template.Resources)
      .filter(([, resource]) => resource.Type === type)
      .map(([logicalId, resource]) => ({ stack, logicalId, type, properties: resource.Properties ?? {} })),
  );
}

/** A local ARN for a resource: the service from its type, the logical id as its name. */
export function localArn(type: string, logicalId: string): string {
  switch (type) {
    case 'AWS::Lambda::Function':
      return `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${logicalId}`;
    case 'AWS::StepFunctions::StateMachine':
      return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${logicalId}`;
    case 'AWS::SQS::Queue':
      return `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${logicalId}`;
    case 'AWS::Events::EventBus':
      return `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT}:event-bus/${logicalId}`;
    case 'AWS::DynamoDB::Table':
      return `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${logicalId}`;
    default:
      return `arn:aws:local:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${logicalId}`;
  }
}

/** The logical id a local ARN (or a plain logical id) names. */
export const logicalIdOfArn = (arn: string): string => arn.split(/[:/]/).at(-1)!;

/** Resolves Ref, Fn::GetAtt, Fn::Join, Fn::Sub (simple), Fn::ImportValue and Fn::Select in a template value. */
export function resolve(value: unknown, templates: Templates, stack: string): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(v, templates, stack));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1) {
    const [fn, arg] = entries[0]!;
    switch (fn) {
      case 'Ref':
        return ref(arg as string);
      case 'Fn::GetAtt': {
        const [id, attribute] = arg as [string, string];
        const type = templates[stack]?.Resources[id]?.Type ?? 'unknown';
        if (attribute === 'Arn' || attribute.endsWith('Arn')) return localArn(type, id);
        if (attribute === 'Name') return id;
        return `${id}.${attribute}`;
      }
      case 'Fn::Join': {
        const [separator, parts] = arg as [string, unknown[]];
        return parts.map((p) => String(resolve(p, templates, stack))).join(separator);
      }
      case 'Fn::Split': {
        const [separator, text] = arg as [string, unknown];
        return String(resolve(text, templates, stack)).split(separator);
      }
      case 'Fn::Select': {
        const [index, list] = arg as [number, unknown];
        return (resolve(list, templates, stack) as unknown[])[index];
      }
      case 'Fn::Sub':
        return String(typeof arg === 'string' ? arg : (arg as [string])[0]).replace(
          /\$\{([^}]+)\}/g,
          (_, name: string) => String(name.includes('.') ? name : ref(name)),
        );
      case 'Fn::ImportValue': {
        const name = resolve(arg, templates, stack) as string;
        for (const [other, template] of Object.entries(templates)) {
          for (const output of Object.values(template.Outputs ?? {}))
            if (output.Export?.Name === name) return resolve(output.Value, templates, other);
        }
        throw new Error(`no stack exports ${name}`);
      }
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v, templates, stack)]));

  function ref(name: string): string {
    switch (name) {
      case 'AWS::Region':
        return LOCAL_REGION;
      case 'AWS::AccountId':
        return LOCAL_ACCOUNT;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return stack;
      default: {
        // Locally a resource is named after its logical id, which is what Ref points at; a state machine's Ref
        // is its ARN, as in CloudFormation.
        const type = templates[stack]?.Resources[name]?.Type;
        return type === 'AWS::StepFunctions::StateMachine' ? localArn(type, name) : name;
      }
    }
  }
}

/** Every state machine of the templates, with its definition as plain JSON. */
export function stateMachines(templates: Templates) {
  return resourcesOfType(templates, 'AWS::StepFunctions::StateMachine').map((sm) => {
    const body = sm.properties.DefinitionString ?? sm.properties.Definition;
    const resolved = resolve(body, templates, sm.stack);
    return {
      ...sm,
      name: (sm.properties.StateMachineName as string | undefined) ?? sm.logicalId,
      arn: localArn(sm.type, sm.logicalId),
      definition: (typeof resolved === 'string' ? JSON.parse(resolved) : resolved) as Record<string, unknown>,
    };
  });
}

export interface LocalRule {
  logicalId: string;
  /** Absent on a scheduled rule, which no event matches. */
  eventPattern?: Record<string, unknown>;
  schedule?: string;
  targets: Array<{ functionLogicalId: string; maxRetries: number; deadLetterQueue?: string }>;
}

/** Every EventBridge rule, its pattern and its Lambda targets with their retry policy and dead-letter queue. */
export function eventRules(templates: Templates): LocalRule[] {
  return resourcesOfType(templates, 'AWS::Events::Rule').map((rule) => {
    const p = resolve(rule.properties, templates, rule.stack) as {
      EventPattern?: Record<string, unknown>;
      ScheduleExpression?: string;
      Targets: Array<{
        Arn: string;
        RetryPolicy?: { MaximumRetryAttempts?: number };
        DeadLetterConfig?: { Arn: string };
      }>;
    };
    return {
      logicalId: rule.logicalId,
      eventPattern: p.EventPattern,
      schedule: p.ScheduleExpression,
      targets: p.Targets.map((t) => ({
        functionLogicalId: logicalIdOfArn(t.Arn),
        // EventBridge's default when a target sets no policy: 185 retries over 24 hours.
        maxRetries: t.RetryPolicy?.MaximumRetryAttempts ?? 185,
        deadLetterQueue: t.DeadLetterConfig && logicalIdOfArn(t.DeadLetterConfig.Arn),
      })),
    };
  });
}

export interface LocalEventSourceMapping {
  functionLogicalId: string;
  tableLogicalId: string;
  batchSize: number;
  maxRetries: number;
  bisectOnError: boolean;
  reportBatchItemFailures: boolean;
  onFailureQueue?: string;
  filterPatterns: Array<Record<string, unknown>>;
}

/** The DynamoDB stream -> Lambda mappings, with the settings the local poller honours. */
export function streamMappings(templates: Templates): LocalEventSourceMapping[] {
  return resourcesOfType(templates, 'AWS::Lambda::EventSourceMapping').map((m) => {
    const p = resolve(m.properties, templates, m.stack) as Record<string, unknown>;
    const source = p.EventSourceArn as string;
    return {
      functionLogicalId: p.FunctionName as string,
      // A stream ARN is <table ARN>/stream/<label>; locally the table part names the table's logical id.
      tableLogicalId: source
        .split('/stream/')[0]!
        .split('/')
        .at(-1)!
        .replace(/\.StreamArn$/, ''),
      batchSize: (p.BatchSize as number | undefined) ?? 100,
      maxRetries: (p.MaximumRetryAttempts as number | undefined) ?? -1,
      bisectOnError: Boolean(p.BisectBatchOnFunctionError),
      reportBatchItemFailures: ((p.FunctionResponseTypes as string[] | undefined) ?? []).includes(
        'ReportBatchItemFailures',
      ),
      onFailureQueue: (p.DestinationConfig as { OnFailure?: { Destination: string } } | undefined)?.OnFailure
        ?.Destination
        ? logicalIdOfArn(
            (p.DestinationConfig as { OnFailure: { Destination: string } }).OnFailure.Destination,
          )
        : undefined,
      filterPatterns: (
        (p.FilterCriteria as { Filters?: Array<{ Pattern: string }> } | undefined)?.Filters ?? []
      ).map((f) => JSON.parse(f.Pattern)),
    };
  });
}

/** A function's environment variables as the template sets them, resolved for local use. */
export function functionEnvironment(templates: Templates, logicalId: string): Record<string, string> {
  const fn = resourcesOfType(templates, 'AWS::Lambda::Function').find((f) => f.logicalId === logicalId);
  if (!fn) throw new Error(`no function ${logicalId}`);
  const env =
    (fn.properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
  return resolve(env, templates, fn.stack) as Record<string, string>;
}
