import { inject } from 'vitest';
import { DynamoReadModels } from '../../adapters/dynamodb/read-models';

import { quietLog } from '../../application/ports/log';
import { createStreamProjector } from '../../application/projections/project';
import { catalog } from '../../events/contracts';
import { localClient, testStore } from './store';

export const readModels = (client = localClient()) => new DynamoReadModels(client, inject('readModelTables'));

/** A store over the real event catalog, for streams written through the real deciders. */
export const domainStore = (now?: () => Date) => testStore({ catalog, now });

/** A local authority code of its own for one test, so list queries see only that test's rows. */
export const freshLa = (prefix: 'E' | 'W' = 'E'): string =>
  `${prefix}9${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

export function testProjector(now: () => Date, client = localClient()) {
  return createStreamProjector({
    store: testStore({ catalog, client }),
    readModels: readModels(client),
    now,
    log: quietLog,
  });
}
