import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { inject } from 'vitest';
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

export function testStore(
  options: { catalog?: EventCatalog; client?: DynamoDBClient; now?: () => Date } = {},
) {
  return new DynamoEventStore({
    client: options.client ?? localClient(),
    tables: inject('tables'),
    catalog: options.catalog ?? testCatalog,
    now: options.now,
  });
}

/** Every test works in streams of its own, so tests share one database without touching each other's data. */
export const newChildStream = (): string => `child#${ulid()}`;
export const newCommand = (overrides: Partial<CommandInfo> = {}): CommandInfo => ({
  commandId: ulid(),
  actor: coordinator,
  ...overrides,
});
