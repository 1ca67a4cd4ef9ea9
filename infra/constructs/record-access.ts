import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { AccessLogTableKeys } from '../../adapters/dynamodb/access-log-layout';
import { EventsTableKeys } from '../../adapters/dynamodb/layout';
import { COUNT_KEY_PREFIX, ReadModelKeys } from '../../adapters/dynamodb/read-models';
import { COUNTED_ATTRIBUTES } from '../../application/lists/counts';
import { CHILD_INDEXES, VOLUNTEER_INDEXES } from '../../application/lists/keys';
import type { PersonalDataRefs } from '../stacks/data-stack';

/**
 * Exactly the DynamoDB actions the event store and the access log use, named one by one (no grantReadWriteData):
 *
 * - Appending is one TransactWriteItems of `Put`s with `attribute_not_exists` plus `ConditionCheck`s. IAM authorises
 *   each part of a transaction as its own action, so an appender needs `dynamodb:PutItem` and
 *   `dynamodb:ConditionCheckItem` on the events table. It never gets UpdateItem, DeleteItem, BatchWriteItem or any
 *   PartiQL write, and the events table's resource policy denies those to everyone (see DataStack). IAM cannot require
 *   the condition expression, so the guarantee that a Put never replaces an event rests on the store's
 *   `attribute_not_exists` (tested) and is backed by the hash chain and the anchors, which would show a replaced item.
 * - Reading is GetItem and Query on the table, and Query/Scan on the named index only (listing streams by LA).
 */
export interface RecordTables {
  eventsTable: ITable;
  commandsTable: ITable;
  key: IKey;
}

const useKey = (grantee: IGrantable, key: IKey) =>
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
      resources: [key.keyArn],
    }),
  );

export function grantReadEvents(grantee: IGrantable, tables: RecordTables): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:Query'],
      resources: [tables.eventsTable.tableArn],
    }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['dynamodb:Query', 'dynamodb:Scan'],
      resources: [`${tables.eventsTable.tableArn}/index/${EventsTableKeys.streamsByLaIndex}`],
    }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:Query'],
      resources: [tables.commandsTable.tableArn],
    }),
  );
  useKey(grantee, tables.key);
}

/** Reading, plus appending new events through the store's transaction; see above for why PutItem is needed. */
export function grantAppendEvents(grantee: IGrantable, tables: RecordTables): void {
  grantReadEvents(grantee, tables);
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['dynamodb:PutItem', 'dynamodb:ConditionCheckItem'],
      resources: [tables.eventsTable.tableArn, tables.commandsTable.tableArn],
    }),
  );
}

/** The access log: entries are added with a conditional PutItem and read back; never changed. */
export function grantAccessLog(grantee: IGrantable, accessLog: ITable, key: IKey): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
      resources: [accessLog.tableArn],
    }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['dynamodb:Query', 'dynamodb:Scan'],
      resources: [`${accessLog.tableArn}/index/${AccessLogTableKeys.recordsByLaIndex}`],
    }),
  );
  useKey(grantee, key);
}

/**
 * Opening personal fields: read a person's wrapped key and unwrap it with the personal-data key (kms:Decrypt), only
 * with a child or a volunteer named in the encryption context. The publisher and the notifier are never given this
 * (the notifier has grantOpenVolunteersPersonalData).
 */
export function grantOpenPersonalData(grantee: IGrantable, personal: PersonalDataRefs): void {
  personalDataGrant(grantee, personal, ['dynamodb:GetItem'], ['kms:Decrypt']);
}

/**
 * Opening volunteers' personal fields only: the notifier's, for a visitor's email address or phone number. It may
 * read the wrapped key item of a volunteer (the table's partition key is the stream id, `volunteer#…`) and unwrap it
 * only with a volunteer named in the encryption context, so no child's key can be read or unwrapped.
 */
export function grantOpenVolunteersPersonalData(grantee: IGrantable, personal: PersonalDataRefs): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['dynamodb:GetItem'],
      resources: [personal.keysTable.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['volunteer#*'] } },
    }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [personal.key.keyArn],
      conditions: { StringLike: { 'kms:EncryptionContext:subject': ['volunteer#*'] } },
    }),
  );
}

/**
 * Opening, and sealing new personal fields: make a person's key (kms:GenerateDataKey, a conditional PutItem) and,
 * at erasure, overwrite it with a tombstone (PutItem too). Nothing may delete a key item or read the table whole.
 */
export function grantSealPersonalData(grantee: IGrantable, personal: PersonalDataRefs): void {
  personalDataGrant(
    grantee,
    personal,
    ['dynamodb:GetItem', 'dynamodb:PutItem'],
    ['kms:Decrypt', 'kms:GenerateDataKey'],
  );
}

/**
 * The keys table and the personal-data key. The table is encrypted at rest with the tables' key, which every caller
 * already uses for the events it reads.
 */
function personalDataGrant(
  grantee: IGrantable,
  personal: PersonalDataRefs,
  tableActions: string[],
  keyActions: string[],
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: tableActions, resources: [personal.keysTable.tableArn] }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: keyActions,
      resources: [personal.key.keyArn],
      conditions: { StringLike: { 'kms:EncryptionContext:subject': ['child#*', 'volunteer#*'] } },
    }),
  );
}

/** Reading the lists and reports: GetItem and Query on each read-model table and its LA index, decrypting with its key. */
export function grantReadModels(grantee: IGrantable, tables: readonly ITable[], key: IKey): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      // BatchGetItem: a page of search results reads its rows at once; Query: every list index, named one by one.
      actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
      resources: tables.flatMap((t) => [
        t.tableArn,
        ...[
          ReadModelKeys.byLaIndex,
          ReadModelKeys.returnByLaIndex,
          ...Object.keys(CHILD_INDEXES),
          ...Object.keys(VOLUNTEER_INDEXES),
        ].map((index) => `${t.tableArn}/index/${index}`),
      ]),
    }),
  );
  key.grantDecrypt(grantee);
}

/**
 * Writing read-model rows, as the projector and the reconciler do: a conditional PutItem of each row; reading back
 * only the attributes a row's list counts depend on (never a name: the put is conditional on the row read, so the
 * counts add up); and UpdateItem (ADD to a number) on the LA's list count items alone, by their key prefix.
 */
export function grantProjectRows(grantee: IGrantable, childSummary: ITable, volunteerSummary: ITable): void {
  const policy = (statement: ConstructorParameters<typeof PolicyStatement>[0]) =>
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement(statement));
  policy({ actions: ['dynamodb:PutItem'], resources: [childSummary.tableArn, volunteerSummary.tableArn] });
  policy({
    actions: ['dynamodb:BatchGetItem'],
    resources: [childSummary.tableArn],
    conditions: {
      'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...COUNTED_ATTRIBUTES] },
      StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
    },
  });
  policy({
    actions: ['dynamodb:UpdateItem'],
    resources: [childSummary.tableArn],
    conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${COUNT_KEY_PREFIX}*`] } },
  });
}
