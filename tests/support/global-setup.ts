import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb';
import type { LocalTables } from '../../infra/local/template';
import {
  createTables,
  localTables,
  synthesizeTemplates,
  tablesFromTemplates,
} from '../../infra/local/template';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    tables: LocalTables;
    readModelTables: { childSummary: string; volunteerSummary: string };
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
  const tables = localTables(templates);
  project.provide('tables', tables);
  project.provide('readModelTables', {
    childSummary: tables.childSummary,
    volunteerSummary: tables.volunteerSummary,
  });
  console.log(`DynamoDB Local ready at ${dynamo.endpoint} in ${Date.now() - started} ms`);
  return () => dynamo.stop();
}
