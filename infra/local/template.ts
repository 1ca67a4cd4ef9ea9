import {
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { Stack } from 'aws-cdk-lib';
import { buildSystem } from '../system';

/** A CloudFormation template as JSON. */
export interface Template {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

/** Synthesizes every stack in-process (no CLI, no bundling) and returns the templates by stack name. */
export function synthesizeTemplates(): Record<string, Template> {
  const { app } = buildSystem({ bundle: false });
  const assembly = app.synth();
  const templates: Record<string, Template> = {};
  for (const stack of app.node.children) {
    if (stack instanceof Stack)
      templates[stack.stackName] = assembly.getStackByName(stack.stackName).template as Template;
  }
  return templates;
}

/** Locally a table is named after its logical id, the same id `Ref` points at in the template. */
export const localTableName = (logicalId: string): string => logicalId;

/** Turns every AWS::DynamoDB::Table of the templates into a CreateTable request, keeping keys, indexes and streams. */
export function tablesFromTemplates(templates: Record<string, Template>): CreateTableCommandInput[] {
  const tables: CreateTableCommandInput[] = [];
  for (const template of Object.values(templates)) {
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== 'AWS::DynamoDB::Table') continue;
      const p = resource.Properties as Record<string, never>;
      tables.push({
        TableName: localTableName(logicalId),
        KeySchema: p.KeySchema,
        AttributeDefinitions: p.AttributeDefinitions,
        BillingMode: 'PAY_PER_REQUEST',
        GlobalSecondaryIndexes: (p.GlobalSecondaryIndexes as Array<Record<string, unknown>> | undefined)?.map(
          (gsi) => ({
            IndexName: gsi.IndexName as string,
            KeySchema: gsi.KeySchema as never,
            Projection: gsi.Projection as never,
          }),
        ),
        StreamSpecification: p.StreamSpecification
          ? {
              StreamEnabled: true,
              StreamViewType: (p.StreamSpecification as { StreamViewType: never }).StreamViewType,
            }
          : undefined,
      });
    }
  }
  return tables;
}

/** Creates the tables that do not exist yet; existing ones (a kept local database) are left as they are. */
export async function createTables(
  client: DynamoDBClient,
  tables: readonly CreateTableCommandInput[],
): Promise<void> {
  for (const table of tables) {
    try {
      await client.send(new CreateTableCommand(table));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
}

/** Finds the logical id of the one table a construct path names, e.g. 'IvData/Events'. */
export function tableLogicalId(templates: Record<string, Template>, pathPrefix: string): string {
  const [stackName, ...rest] = pathPrefix.split('/');
  const template = templates[stackName!];
  if (!template) throw new Error(`no stack ${stackName}`);
  const wanted = rest.join('');
  const ids = Object.entries(template.Resources)
    .filter(([id, r]) => r.Type === 'AWS::DynamoDB::Table' && id.startsWith(wanted))
    .map(([id]) => id);
  if (ids.length !== 1)
    throw new Error(`expected one table for ${pathPrefix}, found ${ids.join(', ') || 'none'}`);
  return ids[0]!;
}

/** Every table the application uses, by its local name: the one place that maps construct paths to tables. */
export function localTables(templates: Record<string, Template>) {
  return {
    events: tableLogicalId(templates, 'IvData/Events'),
    commands: tableLogicalId(templates, 'IvData/Commands'),
    accessLog: tableLogicalId(templates, 'IvData/AccessLog'),
    personalDataKeys: tableLogicalId(templates, 'IvData/PersonalDataKeys'),
    childSummary: tableLogicalId(templates, 'IvReadModels/ChildSummary'),
    volunteerSummary: tableLogicalId(templates, 'IvReadModels/VolunteerSummary'),
  };
}
export type LocalTables = ReturnType<typeof localTables>;
