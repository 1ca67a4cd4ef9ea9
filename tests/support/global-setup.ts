import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { LocalKeyWrapper } from '../../adapters/crypto/local-key-wrapper';
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
    /** The run's key-encryption key file, in a temporary folder: every test process wraps data keys with it. */
    kekFile: string;
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
  const kekDir = mkdtempSync(join(tmpdir(), 'iv-test-kek-'));
  const kekFile = join(kekDir, 'personal-data.key');
  LocalKeyWrapper.atPath(kekFile); // made once here, before any test process reads it
  project.provide('kekFile', kekFile);
  console.log(`DynamoDB Local ready at ${dynamo.endpoint} in ${Date.now() - started} ms`);
  return async () => {
    await dynamo.stop();
    rmSync(kekDir, { recursive: true, force: true });
  };
}
