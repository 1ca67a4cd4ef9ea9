import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type NodejsFunctionProps, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../adapters/observability/metrics';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A Lambda from `functions/<name>/handler.ts`: Node 22, CommonJS, ARM, X-Ray tracing, logs kept a year.
 * The local runtime finds the same function in the template by its construct id and binds the same handler code.
 */
export function nodeFunction(
  scope: Construct,
  id: string,
  name: string,
  props: Omit<NodejsFunctionProps, 'entry'> = {},
): NodejsFunction {
  const hooks = props.bundling?.commandHooks;
  return new NodejsFunction(scope, id, {
    entry: join(ROOT, 'functions', name, 'handler.ts'),
    depsLockFilePath: join(ROOT, 'package-lock.json'),
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    memorySize: 512,
    timeout: Duration.seconds(30),
    tracing: Tracing.ACTIVE,
    logGroup: new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_YEAR }),
    ...props,
    bundling: {
      // CommonJS, so the AWS SDK (CommonJS in the runtime) is loaded by require(). Imported from an ES module, Node
      // first parses each SDK package to find its exports: that was about half of a function's module load
      // (projector 268 ms as ESM, 141 ms as CommonJS, at load 6).
      format: OutputFormat.CJS,
      mainFields: ['module', 'main'],
      sourceMap: true,
      minify: true,
      // The code's few `import.meta.url` (files beside the bundle: views, catalogues) read the bundle's own path.
      define: { 'import.meta.url': 'importMetaUrl' },
      banner: "const importMetaUrl = require('url').pathToFileURL(__filename).href;",
      ...props.bundling,
      commandHooks: {
        beforeBundling: (inputDir, outputDir) => hooks?.beforeBundling(inputDir, outputDir) ?? [],
        beforeInstall: (inputDir, outputDir) => hooks?.beforeInstall(inputDir, outputDir) ?? [],
        afterBundling: (inputDir, outputDir) => [
          `node "${join(inputDir, 'infra/bundling/mark-commonjs.mjs')}" "${outputDir}"`,
          ...(hooks?.afterBundling(inputDir, outputDir) ?? []),
        ],
      },
    },
    environment: {
      NODE_OPTIONS: '--enable-source-maps',
      // Powertools: the service name on every log line and metric, one namespace for the dashboard.
      POWERTOOLS_SERVICE_NAME: name,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      ...props.environment,
    },
  });
}

/**
 * A dead-letter queue that someone hears about: anything landing in it raises an alarm, because a message there is
 * an event or a notification the system could not handle on its own.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue;
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, description: string) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.alarm = new Alarm(this, 'NotEmpty', {
      alarmDescription: `${description}: a message is waiting in the dead-letter queue`,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
