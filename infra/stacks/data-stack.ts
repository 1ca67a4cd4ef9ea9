import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  type ITable,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { AccessLogTableKeys } from '../../adapters/dynamodb/access-log-layout';
import { DataKeysTableKeys } from '../../adapters/dynamodb/data-keys';
import { CommandsTableKeys, EventsTableKeys } from '../../adapters/dynamodb/layout';

/** Every DynamoDB action that could change or delete an existing item (BatchWriteItem can delete too). */
export const EVENT_ITEM_CHANGES = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
] as const;

/** The personal-data key and the keys table, as another stack's functions are granted them. */
export interface PersonalDataRefs {
  key: IKey;
  keysTable: ITable;
}

/** The system of record: the append-only events and the command records that make commands idempotent. */
export class DataStack extends Stack {
  readonly key: Key;
  readonly eventsTable: Table;
  readonly commandsTable: Table;
  readonly accessLogTable: Table;
  /** Wraps each person's own data key; the personal fields of the events are sealed with those keys. */
  readonly personalDataKey: Key;
  /** One wrapped data key per person (child, volunteer); erasing a person overwrites theirs with a tombstone. */
  readonly personalDataKeysTable: Table;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.key = new Key(this, 'DataKey', {
      description: 'Encrypts the children and volunteer records at rest',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const recordTable = {
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    } as const;

    this.eventsTable = new Table(this, 'Events', {
      ...recordTable,
      partitionKey: { name: EventsTableKeys.partitionKey, type: AttributeType.STRING },
      sortKey: { name: EventsTableKeys.sortKey, type: AttributeType.NUMBER },
      // New images only: the publisher forwards each new event; events are never updated or deleted.
      stream: StreamViewType.NEW_IMAGE,
    });
    // Events are facts. Whatever IAM permissions anyone is given, in this account or any other, no item of this table
    // can be changed or removed: appends (conditional puts in a transaction) are the only writes. Resource '*' means
    // this table; a policy cannot name its own table's ARN without a circular reference.
    this.eventsTable.addToResourcePolicy(
      new PolicyStatement({
        sid: 'EventsAreNeverChangedOrDeleted',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: [...EVENT_ITEM_CHANGES],
        resources: ['*'],
      }),
    );
    this.eventsTable.addGlobalSecondaryIndex({
      indexName: EventsTableKeys.streamsByLaIndex,
      partitionKey: { name: EventsTableKeys.streamLa, type: AttributeType.STRING },
      sortKey: { name: EventsTableKeys.partitionKey, type: AttributeType.STRING },
      projectionType: ProjectionType.KEYS_ONLY,
    });

    this.commandsTable = new Table(this, 'Commands', {
      ...recordTable,
      partitionKey: { name: CommandsTableKeys.partitionKey, type: AttributeType.STRING },
    });

    // Who viewed which child's record: personal data about staff and children, kept as carefully as the events.
    this.accessLogTable = new Table(this, 'AccessLog', {
      ...recordTable,
      partitionKey: { name: AccessLogTableKeys.partitionKey, type: AttributeType.STRING },
      sortKey: { name: AccessLogTableKeys.sortKey, type: AttributeType.NUMBER },
    });
    this.accessLogTable.addGlobalSecondaryIndex({
      indexName: AccessLogTableKeys.recordsByLaIndex,
      partitionKey: { name: AccessLogTableKeys.recordLa, type: AttributeType.STRING },
      sortKey: { name: AccessLogTableKeys.partitionKey, type: AttributeType.STRING },
      projectionType: ProjectionType.KEYS_ONLY,
    });

    // A key of its own, apart from the tables' key: the publisher reads the events table's stream (so may use that
    // key) but is never granted this one, so it cannot open a personal field. Only GenerateDataKey and Decrypt are
    // ever granted on it, and only with a person named in the encryption context.
    this.personalDataKey = new Key(this, 'PersonalDataKey', {
      description:
        "Wraps each child's and volunteer's own data key (their personal fields are sealed with it)",
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.personalDataKeysTable = new Table(this, 'PersonalDataKeys', {
      ...recordTable,
      // Losing this table would lose every person's data, so it is backed up; a destroyed key stays in the backups
      // for this many days, after which the erasure is beyond recovery (docs/data-protection.md).
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 14 },
      partitionKey: { name: DataKeysTableKeys.partitionKey, type: AttributeType.STRING },
    });
  }

  /**
   * The tables and key as another stack should use them: imported, so that granting a function in that stack access
   * changes only the function's own policy (the key policy delegates to IAM) and no reference points back here.
   */
  importInto(scope: Construct): {
    eventsTable: ITable;
    commandsTable: ITable;
    key: IKey;
    personalData: PersonalDataRefs;
  } {
    const key = Key.fromKeyArn(scope, 'DataKeyRef', this.key.keyArn);
    return {
      key,
      personalData: {
        key: Key.fromKeyArn(scope, 'PersonalDataKeyRef', this.personalDataKey.keyArn),
        keysTable: Table.fromTableAttributes(scope, 'PersonalDataKeysRef', {
          tableArn: this.personalDataKeysTable.tableArn,
          encryptionKey: key,
        }),
      },
      eventsTable: Table.fromTableAttributes(scope, 'EventsRef', {
        tableArn: this.eventsTable.tableArn,
        tableStreamArn: this.eventsTable.tableStreamArn,
        encryptionKey: key,
      }),
      commandsTable: Table.fromTableAttributes(scope, 'CommandsRef', {
        tableArn: this.commandsTable.tableArn,
        encryptionKey: key,
      }),
    };
  }
}
