import { inject } from 'vitest';
import type { Principal } from '../../functions/shared/access';
import type { App } from '../../functions/shared/app/app';
import { buildApp } from '../../functions/shared/app/build';
import { localClient } from './store';

export const NORTHVALE = 'E09999001';
export const SOUTHMERE = 'E09999002';

const LA_NAMES: Record<string, string> = { [NORTHVALE]: 'Northvale (demo)', [SOUTHMERE]: 'Southmere (demo)' };

export const people = {
  coordinator: { id: 'coordinator-1', name: 'Test Coordinator', role: 'coordinator', la: NORTHVALE },
  socialWorker: { id: 'social-worker-1', name: 'Test Social Worker', role: 'social-worker', la: NORTHVALE },
  iro: { id: 'iro-1', name: 'Test IRO', role: 'iro', la: NORTHVALE },
  manager: { id: 'manager-1', name: 'Test Manager', role: 'manager', la: NORTHVALE },
  auditor: { id: 'auditor-1', name: 'Test Auditor', role: 'auditor', la: NORTHVALE },
  admin: { id: 'admin-1', name: 'Test Admin', role: 'admin', la: NORTHVALE },
  otherCoordinator: { id: 'coordinator-2', name: 'Other Coordinator', role: 'coordinator', la: SOUTHMERE },
  nationalAnalyst: { id: 'analyst-1', name: 'Test Analyst', role: 'national-analyst', la: 'national' },
} satisfies Record<string, Principal>;

/** The application over DynamoDB Local with the real event catalog, at a fixed or moving time. */
export function testApp(now: () => Date = () => new Date()): App {
  return buildApp({ client: localClient(), tables: inject('tables'), now, laName: (code) => LA_NAMES[code] });
}
