import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { environmentOf } from '../../functions/environment';
import { DeadLetterQueue, nodeFunction } from '../constructs/node-function';
import { grantAppendEvents, grantReadModels, grantSealPersonalData } from '../constructs/record-access';
import type { DataStack } from './data-stack';
import type { ReadModelStack } from './read-model-stack';

export interface RetentionStackProps extends StackProps {
  data: DataStack;
  readModels: ReadModelStack;
}

/**
 * Retention: once a day, the records whose retention period has ended are erased (PersonalDataErased recorded, then
 * the person's data key overwritten by a tombstone), unless a legal hold keeps them. It reads the read models to find
 * them, re-checks each against its stream, and appends through the event store like any command.
 */
export class RetentionStack extends Stack {
  readonly sweep: NodejsFunction;

  constructor(scope: Construct, id: string, props: RetentionStackProps) {
    super(scope, id, props);
    const data = props.data.importInto(this);
    const { childSummary, volunteerSummary, key } = props.readModels;

    this.sweep = nodeFunction(this, 'RetentionSweep', 'retention-sweep', {
      description:
        'Erases the personal data of records past their retention period, unless a legal hold keeps them',
      timeout: Duration.minutes(15),
      environment: environmentOf({
        eventsTable: data.eventsTable.tableName,
        commandsTable: data.commandsTable.tableName,
        personalDataKeysTable: data.personalData.keysTable.tableName,
        personalDataKeyArn: data.personalData.key.keyArn,
        childSummaryTable: childSummary.tableName,
        volunteerSummaryTable: volunteerSummary.tableName,
      }),
    });
    grantAppendEvents(this.sweep, data);
    grantSealPersonalData(this.sweep, data.personalData);
    grantReadModels(this.sweep, [childSummary, volunteerSummary], key);

    new Rule(this, 'RetentionSchedule', {
      description: 'Every night: erase the records whose retention period has ended',
      schedule: Schedule.cron({ hour: '2', minute: '0' }),
      // A run that fails after its retries is kept and alarmed on; the next night's run picks up what it missed.
      targets: [
        new LambdaFunction(this.sweep, {
          retryAttempts: 2,
          deadLetterQueue: new DeadLetterQueue(this, 'RetentionFailures', 'Retention runs that failed').queue,
        }),
      ],
    });
  }
}
