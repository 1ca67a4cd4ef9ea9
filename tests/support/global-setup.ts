import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb';
import {
  createTables,
  synthesizeTemplates,
  tableLogicalId,
  tablesFromTemplates,
} from '../../infra/local/template';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    tables: { events: string; commands: string; accessLog: string };
  }
}

/** One DynamoDB Local for the whole run, with the tables made from the synthesized template. */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const [dynamo, templates] = await Promise.all([
    startDynamoDbLocal(),
    Promise.resolve(synthesizeTemplates()),
  ]);
  await createTables(dynamo.client, tablesFromTemplates(templates));
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('tables', {
    events: tableLogicalId(templates, 'IvData/Events'),
    commands: tableLogicalId(templates, 'IvData/Commands'),
    accessLog: tableLogicalId(templates, 'IvData/AccessLog'),
  });
  console.log(`DynamoDB Local ready at ${dynamo.endpoint} in ${Date.now() - started} ms`);
  return () => dynamo.stop();
}
