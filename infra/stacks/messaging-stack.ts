import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { NotificationsTableKeys } from '../../adapters/dynamodb/notification-ledger';
import { NOTIFIED_EVENT_TYPES } from '../../application/notifications/notifications';
import { VISITOR_NOTIFIED_EVENT_TYPES } from '../../application/notifications/visitor-notices';
import { DOMAIN_EVENT_SOURCE } from '../../application/ports/bus';
import { environmentOf } from '../../functions/environment';
import { DeadLetterQueue, nodeFunction } from '../constructs/node-function';
import { grantOpenVolunteersPersonalData } from '../constructs/record-access';
import type { DataStack } from './data-stack';

export interface MessagingStackProps extends StackProps {
  data: DataStack;
  /** Notify template ids by reminder kind, and the link a recipient follows to the record (never the child's name). */
  notify?: { templates?: Record<string, string>; recordBaseUrl?: string; teamMailboxes?: string };
}

/**
 * How facts leave the events table: the stream -> the publisher -> one EventBridge event per domain event on the
 * domain bus (archived for replay) -> rules -> targets. Every hop that can fail ends in a retry or an alarmed queue.
 */
export class MessagingStack extends Stack {
  readonly bus: EventBus;
  readonly publisher: NodejsFunction;
  readonly notifier: NodejsFunction;

  constructor(scope: Construct, id: string, props: MessagingStackProps) {
    super(scope, id, props);
    const data = props.data.importInto(this);

    this.bus = new EventBus(this, 'DomainBus', { description: 'Domain events of the IV records, ids only' });
    // Replay: any consumer (a new read model, a fixed bug) can be fed the past again from the archive.
    this.bus.archive('DomainArchive', {
      description: 'Every domain event, for replay',
      eventPattern: { source: [DOMAIN_EVENT_SOURCE] },
      retention: Duration.days(365),
    });

    const publisherFailures = new DeadLetterQueue(
      this,
      'PublisherFailures',
      'Events the publisher could not put',
    );
    this.publisher = nodeFunction(this, 'Publisher', 'publisher', {
      description: 'Puts each new domain event from the events table stream on the domain bus',
      environment: environmentOf({ eventBusName: this.bus.eventBusName }),
    });
    this.bus.grantPutEventsTo(this.publisher);
    this.publisher.addEventSource(
      new DynamoEventSource(data.eventsTable, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 10,
        parallelizationFactor: 1,
        onFailure: new SqsDlq(publisherFailures.queue),
        filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT') })],
      }),
    );

    // The notifier: one email per reminder, missed deadline or escalation, and one email or text message to the
    // Independent Visitor a fact is news for, each sent at most once per recorded fact.
    const notifications = new Table(this, 'Notifications', {
      partitionKey: { name: NotificationsTableKeys.partitionKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      // Ids and timestamps only: the AWS-owned key is enough, and keeps this stack free of the data key's policy.
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: NotificationsTableKeys.expiresAt,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const notifyKey = new Secret(this, 'NotifyApiKey', {
      description: 'GOV.UK Notify API key (set by an operator; never in code or config)',
    });
    this.notifier = nodeFunction(this, 'Notifier', 'notifier', {
      description:
        'Tells the right team through GOV.UK Notify of a deadline reminder, miss or escalation, and the ' +
        'Independent Visitor of a visit falling due or an expense decision',
      environment: environmentOf({
        eventsTable: data.eventsTable.tableName,
        commandsTable: data.commandsTable.tableName,
        notificationsTable: notifications.tableName,
        notifyApiKeySecret: notifyKey.secretArn,
        notifyTemplates: JSON.stringify(props.notify?.templates ?? {}),
        recordBaseUrl: props.notify?.recordBaseUrl ?? 'https://iv.example.gov.uk',
        teamMailboxes: props.notify?.teamMailboxes ?? '{}',
        // Volunteers' keys only (grantOpenVolunteersPersonalData): never the keys table's name for every key.
        volunteerDataKeysTable: data.personalData.keysTable.tableName,
        personalDataKeyArn: data.personalData.key.keyArn,
      }),
    });
    data.eventsTable.grantReadData(this.notifier);
    notifications.grantReadWriteData(this.notifier);
    notifyKey.grantRead(this.notifier);
    grantOpenVolunteersPersonalData(this.notifier, data.personalData);

    const notifierFailures = new DeadLetterQueue(
      this,
      'NotifierFailures',
      'Notifications that could not be sent',
    );
    new Rule(this, 'NotifyOnDeadlineFacts', {
      eventBus: this.bus,
      description: 'Reminders, missed deadlines, escalations and what visitors hear of go to the notifier',
      eventPattern: {
        source: [DOMAIN_EVENT_SOURCE],
        detailType: [...new Set([...NOTIFIED_EVENT_TYPES, ...VISITOR_NOTIFIED_EVENT_TYPES])],
      },
      targets: [
        new LambdaFunction(this.notifier, {
          deadLetterQueue: notifierFailures.queue,
          retryAttempts: 8,
          maxEventAge: Duration.hours(12),
        }),
      ],
    });
  }
}
