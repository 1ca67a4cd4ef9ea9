import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { type EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { ReadModelKeys } from '../../adapters/dynamodb/read-models';
import {
  CHILD_INDEXES,
  FILTER_PROJECTION,
  SEARCH_INDEXES,
  SEARCH_PROJECTION,
  VOLUNTEER_INDEXES,
  WHOLE_ROW_INDEXES,
} from '../../application/lists/keys';
import { DOMAIN_EVENT_SOURCE } from '../../application/ports/bus';
import { environmentOf } from '../../functions/environment';
import { DeadLetterQueue, nodeFunction } from '../constructs/node-function';
import { grantOpenPersonalData, grantProjectRows } from '../constructs/record-access';
import type { DataStack } from './data-stack';

export interface ReadModelStackProps extends StackProps {
  data: DataStack;
  bus: EventBus;
}

/**
 * The read models: disposable tables computed from the events (rebuild them with `npm run rebuild`), and the
 * projector that keeps them current from the domain bus. They hold special-category data (date of birth, sex,
 * ethnicity), so they are encrypted with a key of their own; they are not backed up, because the events are.
 */
export class ReadModelStack extends Stack {
  readonly key: Key;
  readonly childSummary: Table;
  readonly volunteerSummary: Table;
  readonly projector: NodejsFunction;

  constructor(scope: Construct, id: string, props: ReadModelStackProps) {
    super(scope, id, props);
    const data = props.data.importInto(this);

    this.key = new Key(this, 'ReadModelKey', {
      description: 'Encrypts the read models (child and volunteer summaries) at rest',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const summaryTable = (tableId: string) => {
      const table = new Table(this, tableId, {
        partitionKey: { name: ReadModelKeys.partitionKey, type: AttributeType.STRING },
        billingMode: BillingMode.PAY_PER_REQUEST,
        encryption: TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.key,
        // Disposable: everything here is rebuilt from the events.
        removalPolicy: RemovalPolicy.DESTROY,
      });
      table.addGlobalSecondaryIndex({
        indexName: ReadModelKeys.byLaIndex,
        partitionKey: { name: ReadModelKeys.laKey, type: AttributeType.STRING },
        sortKey: { name: ReadModelKeys.listKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
      return table;
    };
    this.childSummary = summaryTable('ChildSummary');
    // The national return reads every child of the country: only the fields it reads, packed, in a narrow index.
    this.childSummary.addGlobalSecondaryIndex({
      indexName: ReadModelKeys.returnByLaIndex,
      partitionKey: { name: ReadModelKeys.laKey, type: AttributeType.STRING },
      sortKey: { name: ReadModelKeys.partitionKey, type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: [ReadModelKeys.returnFacts],
    });
    // The lists and the search: one index each, so a page is one query, never a read of the whole LA.
    for (const [indexName, keys] of Object.entries(CHILD_INDEXES))
      this.childSummary.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: keys.partition, type: AttributeType.STRING },
        sortKey: { name: keys.sort, type: AttributeType.STRING },
        // Caseloads hold whole rows; search and the other lists what they filter on (lists/keys.ts).
        ...(WHOLE_ROW_INDEXES.includes(indexName)
          ? { projectionType: ProjectionType.ALL }
          : {
              projectionType: ProjectionType.INCLUDE,
              nonKeyAttributes: SEARCH_INDEXES.includes(indexName) ? SEARCH_PROJECTION : FILTER_PROJECTION,
            }),
      });
    this.volunteerSummary = summaryTable('VolunteerSummary');
    for (const [indexName, keys] of Object.entries(VOLUNTEER_INDEXES))
      this.volunteerSummary.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: keys.partition, type: AttributeType.STRING },
        sortKey: { name: keys.sort, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });

    this.projector = nodeFunction(this, 'Projector', 'projector', {
      description: 'Re-projects a stream into its read-model row whenever the stream changes',
      environment: environmentOf({
        eventsTable: data.eventsTable.tableName,
        commandsTable: data.commandsTable.tableName,
        personalDataKeysTable: data.personalData.keysTable.tableName,
        personalDataKeyArn: data.personalData.key.keyArn,
        childSummaryTable: this.childSummary.tableName,
        volunteerSummaryTable: this.volunteerSummary.tableName,
      }),
    });
    // Least privilege: read the events; conditional puts of rows, and the list counts beside them.
    data.eventsTable.grantReadData(this.projector);
    grantOpenPersonalData(this.projector, data.personalData);
    grantProjectRows(this.projector, this.childSummary, this.volunteerSummary);
    this.key.grantEncryptDecrypt(this.projector);

    const failures = new DeadLetterQueue(
      this,
      'ProjectorFailures',
      'Stream changes the projector could not apply',
    );
    new Rule(this, 'ProjectEveryEvent', {
      eventBus: props.bus,
      description: 'Every domain event re-projects its stream',
      eventPattern: { source: [DOMAIN_EVENT_SOURCE] },
      targets: [
        new LambdaFunction(this.projector, {
          deadLetterQueue: failures.queue,
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });
  }
}
