import { ArnFormat, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { type EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  CustomState,
  DefinitionBody,
  LogLevel,
  Pass,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  type TaskStateBase,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { NOTIFIED_EVENT_TYPES } from '../../application/notifications/notifications';
import { DOMAIN_EVENT_SOURCE } from '../../application/ports/bus';
import { environmentOf } from '../../functions/environment';
import { DeadLetterQueue, nodeFunction } from '../constructs/node-function';
import { addReconciler, type ReconciledReadModels } from '../constructs/reconciler';
import { grantAppendEvents, grantOpenPersonalData, grantSealPersonalData } from '../constructs/record-access';
import type { DataStack } from './data-stack';

export interface WorkflowStackProps extends StackProps {
  data: DataStack;
  bus: EventBus;
  /** The read models the reconciler checks against the streams. */
  readModels: ReconciledReadModels;
}

/** The state machine's name is fixed so it can start its own continuation without referring to itself. */
export const deadlineStateMachineName = (stackName: string) => `${stackName}-Deadline`;

/**
 * One Standard execution per obligation: wait, re-check the stream, act. Written in JSONPath (no JSONata, no Assign)
 * because the local runtime runs this exact definition with aws-local-stepfunctions, which supports neither.
 */
export class WorkflowStack extends Stack {
  readonly deadline: StateMachine;
  readonly tasks: NodejsFunction;
  readonly starter: NodejsFunction;
  readonly reconciler: NodejsFunction;

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    const { bus } = props;
    const data = props.data.importInto(this);
    const tables = {
      eventsTable: data.eventsTable.tableName,
      commandsTable: data.commandsTable.tableName,
      personalDataKeysTable: data.personalData.keysTable.tableName,
      personalDataKeyArn: data.personalData.key.keyArn,
    };

    this.tasks = nodeFunction(this, 'DeadlineTasks', 'deadline-tasks', {
      description:
        "The deadline workflow's steps: re-check an obligation, record a reminder, a miss or an escalation",
      environment: environmentOf(tables),
    });
    // Append-only: the tasks record reminders, misses and escalations through the event store; never update or delete.
    grantAppendEvents(this.tasks, data);
    // The tasks read records, and erase at the end of the retention period (a tombstone over the person's key).
    grantSealPersonalData(this.tasks, data.personalData);

    this.deadline = new StateMachine(this, 'Deadline', {
      stateMachineName: deadlineStateMachineName(this.stackName),
      stateMachineType: StateMachineType.STANDARD,
      comment: 'Reminds before an obligation falls due, records the miss, escalates until it is met',
      definitionBody: DefinitionBody.fromChainable(this.definition()),
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'DeadlineLogs', {
          retention: RetentionDays.ONE_YEAR,
          removalPolicy: RemovalPolicy.RETAIN,
        }),
        level: LogLevel.ALL,
        // Inputs carry ids and a summary only, but the logs need none of it to show where an execution is.
        includeExecutionData: false,
      },
    });
    this.deadline.addToRolePolicy(
      new PolicyStatement({
        actions: ['states:StartExecution'],
        resources: [
          Stack.of(this).formatArn({
            service: 'states',
            resource: 'stateMachine',
            resourceName: deadlineStateMachineName(this.stackName),
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );
    new Alarm(this, 'DeadlineExecutionsFailed', {
      alarmDescription: 'A deadline workflow failed after its retries: an obligation may go unwatched',
      metric: this.deadline.metricFailed({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    this.starter = nodeFunction(this, 'ObligationStarter', 'obligation-starter', {
      description:
        "Recomputes a stream's obligations after each event and starts a deadline workflow for each new one",
      environment: environmentOf({ ...tables, deadlineStateMachineArn: this.deadline.stateMachineArn }),
    });
    data.eventsTable.grantReadData(this.starter);
    grantOpenPersonalData(this.starter, data.personalData);
    this.deadline.grantStartExecution(this.starter);

    this.reconciler = addReconciler(this, { data, readModels: props.readModels, deadline: this.deadline });

    // Obligations change only with the facts of a stream; the workflow's own records never open a new one.
    const starterFailures = new DeadLetterQueue(
      this,
      'StarterFailures',
      'Events the obligation starter failed on',
    );
    new Rule(this, 'StartObligationWorkflows', {
      eventBus: bus,
      description: 'Every domain event except the deadline records goes to the obligation starter',
      eventPattern: {
        source: [DOMAIN_EVENT_SOURCE],
        detailType: [{ 'anything-but': [...NOTIFIED_EVENT_TYPES] }] as never,
      },
      targets: [
        new LambdaFunction(this.starter, {
          deadLetterQueue: starterFailures.queue,
          retryAttempts: 8,
          maxEventAge: Duration.hours(12),
        }),
      ],
    });
  }

  private definition() {
    const task = (id: string, action: string, resultPath: string, extra: Record<string, unknown> = {}) =>
      withRetry(
        new LambdaInvoke(this, id, {
          lambdaFunction: this.tasks,
          payloadResponseOnly: true,
          payload: TaskInput.fromObject({ action, 'obligation.$': '$.obligation', ...extra }),
          resultPath,
        }),
      );
    const closed = new Succeed(this, 'ObligationClosed', {
      comment: 'Met or no longer applicable: stop, to save cost',
    });
    const stillOpen = (id: string) => new Choice(this, id).otherwise(closed);
    const check = (id: string) => task(id, 'check', '$.check');

    // The start time travels in the input (set by whoever starts the execution, from its clock) rather than being
    // read from $$.Execution.StartTime, so the local runner's controllable clock governs it too.
    const executionContext = {
      'executionName.$': '$$.Execution.Name',
      'executionStartedAt.$': '$.startedAt',
    };
    const escalationLoop = task('PlanNextEscalation', 'plan-escalation', '$.next', {
      'escalationsDone.$': '$.escalationsDone',
      ...executionContext,
    });
    const continueAsNew = new CustomState(this, 'ContinueAsNewExecution', {
      stateJson: {
        Type: 'Task',
        Comment: 'An execution may run for a year at most: carry on in a new one',
        Resource: 'arn:aws:states:::states:startExecution',
        Parameters: {
          'StateMachineArn.$': '$$.StateMachine.Id',
          'Name.$': '$.next.continueAs',
          Input: {
            'obligation.$': '$.obligation',
            'phase.$': '$.phase',
            'escalationsDone.$': '$.escalationsDone',
            'startedAt.$': '$.next.continuedAt',
          },
        },
        Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 }],
        End: true,
      },
    });
    const recordEscalation = task('RecordEscalation', 'record-escalation', '$.recorded', {
      'number.$': '$.next.number',
    }).next(
      new Pass(this, 'CountEscalation', {
        parameters: {
          'obligation.$': '$.obligation',
          phase: 'escalating',
          'escalationsDone.$': '$.next.number',
          'startedAt.$': '$.startedAt',
        },
      }).next(escalationLoop),
    );
    escalationLoop.next(
      new Choice(this, 'ContinueHereOrAnew')
        .when(Condition.booleanEquals('$.next.done', true), closed)
        .when(Condition.booleanEquals('$.next.continueAsNew', true), continueAsNew)
        .otherwise(
          new Wait(this, 'WaitUntilEscalation', { time: WaitTime.timestampPath('$.next.at') }).next(
            check('CheckBeforeEscalation').next(
              stillOpen('OpenAtEscalation').when(
                Condition.booleanEquals('$.check.open', true),
                recordEscalation,
              ),
            ),
          ),
        ),
    );

    const missed = task('RecordMissedDeadline', 'record-missed', '$.recorded').next(
      new Pass(this, 'StartEscalating', {
        parameters: {
          'obligation.$': '$.obligation',
          phase: 'escalating',
          escalationsDone: 0,
          'startedAt.$': '$.startedAt',
        },
      }).next(escalationLoop),
    );
    const due = new Wait(this, 'WaitUntilDue', { time: WaitTime.timestampPath('$.obligation.dueAt') }).next(
      check('CheckAtDue').next(
        stillOpen('OpenAtDue').when(Condition.booleanEquals('$.check.open', true), missed),
      ),
    );
    const reminder = new Wait(this, 'WaitUntilReminder', { time: WaitTime.timestampPath('$.next.at') }).next(
      check('CheckBeforeReminder').next(
        stillOpen('OpenAtReminder').when(
          Condition.booleanEquals('$.check.open', true),
          task('RecordReminder', 'record-reminder', '$.recorded').next(due),
        ),
      ),
    );
    const planReminder = task('PlanReminder', 'plan-reminder', '$.next', executionContext).next(
      new Choice(this, 'ReminderWithinHorizon')
        .when(
          Condition.booleanEquals('$.next.continueAsNew', true),
          new Wait(this, 'WaitUntilHorizon', { time: WaitTime.timestampPath('$.next.at') }).next(
            continueAsNew,
          ),
        )
        .otherwise(reminder),
    );

    // A continuation may start in the escalating phase; a new obligation starts by planning its reminder.
    return new Choice(this, 'Phase')
      .when(Condition.stringEquals('$.phase', 'escalating'), escalationLoop)
      .otherwise(planReminder);
  }
}

/** Lambda errors and throttles are retried with back-off; an execution that still fails raises the alarm. */
function withRetry<T extends TaskStateBase>(state: T): T {
  state.addRetry({
    errors: ['States.ALL'],
    interval: Duration.seconds(2),
    maxAttempts: 6,
    backoffRate: 2,
  });
  return state;
}
