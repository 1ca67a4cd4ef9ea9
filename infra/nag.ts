import { Stack, Validations } from 'aws-cdk-lib';
import { Policy } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { DeadLetterQueue } from './constructs/node-function';
import type { WebStack } from './stacks/web-stack';
import type { SystemStacks } from './system';

/**
 * cdk-nag's AwsSolutions pack on the whole app, and every finding we accept, each with the reason it is acceptable.
 * Findings in the web, observability and data stacks are acknowledged beside the construct; the ones that recur on
 * every function (runtime, logging role, tracing) and those in other teams' stacks are acknowledged here, by
 * construct, so that their stacks stay as their owners wrote them. A new finding anywhere fails `cdk synth` and
 * tests/infra/nag.test.ts.
 */
export function applyNag(system: SystemStacks): void {
  acknowledgeAcceptedFindings(system);
  Validations.of(system.app).addPlugins(new AwsSolutionsChecks(system.app));
}

const ack = (construct: IConstruct, id: string, reason: string) =>
  Validations.of(construct).acknowledge({ id, reason });

/**
 * Actions that IAM cannot scope to a resource: X-Ray segments, CloudWatch Logs delivery for Step Functions, and
 * DynamoDB's ListStreams (which a stream event source mapping needs).
 */
const UNSCOPABLE_ACTIONS = new Set([
  'dynamodb:ListStreams',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
]);

/**
 * `Resource: *` is acknowledged on a policy only if every statement granting on `*` is one IAM cannot scope; a
 * statement like `dynamodb:*` on `*` would not be acknowledged and would fail the check.
 */
function acknowledgeUnscopableWildcards(policy: Policy): void {
  const document = Stack.of(policy).resolve(policy.document.toJSON()) as
    | { Statement: Array<{ Action: string | string[]; Resource: unknown }> }
    | undefined;
  const onAnything = (document?.Statement ?? []).filter((s) => [s.Resource].flat().includes('*'));
  if (
    onAnything.length > 0 &&
    onAnything.every((s) => [s.Action].flat().every((a) => UNSCOPABLE_ACTIONS.has(a)))
  )
    ack(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      'Only X-Ray tracing, CloudWatch Logs delivery and dynamodb:ListStreams, which do not support resource-level permissions.',
    );
}

function acknowledgeAcceptedFindings({
  app,
  audit,
  readModels,
  retention,
  workflow,
  messaging,
  web,
}: SystemStacks): void {
  acknowledgeBucketDeploymentHandler(web);
  for (const construct of app.node.findAll()) {
    if (construct instanceof NodejsFunction) {
      ack(
        construct,
        'AwsSolutions-L1',
        'Node.js 22 is pinned on purpose: the code is built and tested on Node 22 (package.json engines); moving to a newer runtime is a tested change, not a silent one.',
      );
      ack(
        construct,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'The AWS managed basic execution role only lets the function write its own CloudWatch logs.',
      );
    }
    if (construct instanceof Policy) acknowledgeUnscopableWildcards(construct);
    if (construct instanceof DeadLetterQueue)
      ack(
        construct.queue,
        'AwsSolutions-SQS3',
        'This queue IS a dead-letter queue (for an EventBridge target or a stream mapping), with an alarm on any message.',
      );
  }

  // Other teams' stacks: accepted as they are.
  ack(
    audit.anchorBucket,
    'AwsSolutions-S1',
    'Only the anchor function writes and only the audit views read this Object Lock bucket; S3 access logs would add a second bucket to protect for no extra evidence. Enable CloudTrail S3 data events for it if your organisation requires object-level access records.',
  );
  ack(
    audit.anchorFunction,
    `AwsSolutions-IAM5[Resource::<${logicalIdOf(audit.anchorBucket)}.Arn>/anchors/*]`,
    'Anchors are new objects named by time; the prefix is as narrow as a put of new objects can be.',
  );
  // The names CDK gives the data stack's exports of the two table ARNs (stable while the logical ids are).
  for (const exported of [
    'IvData:ExportsOutputFnGetAttEventsD32975C2Arn3A906F6E',
    'IvData:ExportsOutputFnGetAttAccessLogD598EBE9ArnD04D062B',
  ])
    ack(
      audit.anchorFunction,
      `AwsSolutions-IAM5[Resource::${exported}/index/*]`,
      "Read-only access to the table's indexes: the anchor lists streams and access logs by LA through them.",
    );

  // The name CDK gives the web stack's export of the receipt bucket's ARN (stable while its logical id is).
  ack(
    retention.sweep,
    'AwsSolutions-IAM5[Resource::IvWeb:ExportsOutputFnGetAttReceiptsBucket3F658C3DArn32D2F7B4/receipts/*]',
    'An erasure deletes the volunteer’s receipts by the keys their claims recorded, under one prefix; delete only.',
  );
  ack(
    readModels.projector,
    'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
    "grantEncryptDecrypt on the read models' own key, which encrypts nothing but the two disposable summary tables.",
  );
  ack(
    readModels.projector,
    'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
    "grantEncryptDecrypt on the read models' own key, which encrypts nothing but the two disposable summary tables.",
  );
  for (const table of [readModels.childSummary, readModels.volunteerSummary]) {
    ack(
      readModels.projector,
      `AwsSolutions-IAM5[Resource::<${logicalIdOf(table)}.Arn>/index/*]`,
      'The grant covers the summary table and its one index (byLa); the projector only puts rows.',
    );
    ack(
      table,
      'AwsSolutions-DDB3',
      'A read model is disposable: it is rebuilt from the events (npm run rebuild), which are the backed-up record.',
    );
  }

  ack(
    workflow.deadline,
    `AwsSolutions-IAM5[Resource::<${logicalIdOf(workflow.tasks)}.Arn>:*]`,
    "Invoking the deadline-tasks function's versions and aliases: CDK's grant for a LambdaInvoke task.",
  );

  ack(
    messaging.node.findChild('NotifyApiKey'),
    'AwsSolutions-SMG4',
    'A GOV.UK Notify API key is issued by Notify, not generated by AWS, so it cannot rotate itself; docs/operating.md gives the manual rotation.',
  );
}

function logicalIdOf(construct: IConstruct): string {
  const resource = construct.node.defaultChild ?? construct;
  return Stack.of(construct).getLogicalId(resource as never);
}

/** The CDK-provided BucketDeployment handler: its code and role are CDK's, scoped to the deployment's buckets. */
function acknowledgeBucketDeploymentHandler(stack: WebStack): void {
  for (const child of stack.node.children) {
    if (!(child instanceof LambdaFunction) || !child.node.id.startsWith('Custom::CDKBucketDeployment'))
      continue;
    const reason =
      "CDK's own BucketDeployment handler (it copies the static files from the CDK asset bucket into the site bucket); its runtime and role are CDK's.";
    for (const id of [
      'AwsSolutions-L1',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AwsSolutions-IAM5[Action::s3:Abort*]',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
      'AwsSolutions-IAM5[Resource::*]',
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stack.region}/*]`,
      `AwsSolutions-IAM5[Resource::<${logicalIdOf(stack.assets)}.Arn>/*]`,
    ])
      ack(child, id, reason);
  }
}
