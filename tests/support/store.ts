import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { inject } from 'vitest';
import { PersonalDataKeyring } from '../../adapters/crypto/keyring';
import { LocalKeyWrapper } from '../../adapters/crypto/local-key-wrapper';
import { DynamoDataKeys } from '../../adapters/dynamodb/data-keys';
import { DynamoEventStore } from '../../adapters/dynamodb/event-store';
import type { CommandInfo } from '../../application/ports/event-store';
import type { EventCatalog } from '../../events/catalog';
import type { Actor } from '../../events/envelope';
import { localClientConfig } from '../../infra/local/dynamodb';
import { testCatalog } from './test-catalog';

export const TEST_LA = 'E08000035';
export const coordinator: Actor = { id: 'user-coordinator-1', role: 'coordinator', la: TEST_LA };

export function localClient(): DynamoDBClient {
  return new DynamoDBClient(localClientConfig(inject('dynamoEndpoint')));
}

/** The run's stand-in for KMS: one temporary key-encryption key shared by every test process. */
export const testKeys = () => LocalKeyWrapper.atPath(inject('kekFile'));

export function testKeyring(options: { catalog?: EventCatalog; client?: DynamoDBClient } = {}) {
  return new PersonalDataKeyring({
    keys: new DynamoDataKeys(options.client ?? localClient(), inject('tables').personalDataKeys),
    wrapper: testKeys(),
    catalog: options.catalog ?? testCatalog,
  });
}

export function testStore(
  options: { catalog?: EventCatalog; client?: DynamoDBClient; now?: () => Date } = {},
) {
  const client = options.client ?? localClient();
  return new DynamoEventStore({
    client,
    tables: inject('tables'),
    catalog: options.catalog ?? testCatalog,
    now: options.now,
    personalData: testKeyring({ catalog: options.catalog, client }),
  });
}

/** Every test works in streams of its own, so tests share one database without touching each other's data. */
export const newChildStream = (): string => `child#${ulid()}`;
export const newCommand = (overrides: Partial<CommandInfo> = {}): CommandInfo => ({
  commandId: ulid(),
  actor: coordinator,
  ...overrides,
});
