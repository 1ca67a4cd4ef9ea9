import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { FileReceiptStore } from '../../adapters/files/receipt-store';
import type { Principal } from '../../application/access';
import type { App } from '../../application/app';
import type { StaffMember } from '../../application/ports/staff-directory';
import { buildApp } from '../../functions/composition';
import { localStaffDirectory, WELSH_DEMO_LA } from '../../infra/local/personas';
import {
  createTables,
  type LocalTables,
  localTables,
  synthesizeTemplates,
  tablesFromTemplates,
} from '../../infra/local/template';
import { localClient, testKeys } from './store';

export const NORTHVALE = 'E09999001';
export const SOUTHMERE = 'E09999002';

const LA_NAMES: Record<string, string> = {
  [NORTHVALE]: 'Northvale (demo)',
  [SOUTHMERE]: 'Southmere (demo)',
  [WELSH_DEMO_LA.code]: WELSH_DEMO_LA.name,
};

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

/**
 * An Independent Visitor: a volunteer, not staff, so not among `people` (whose every member the fuzzer signs in as).
 * Linked to a volunteer record nobody has, so they visit no child unless a test links them (`{ ...visitor, volunteerId }`).
 */
export const visitor: Principal = {
  id: 'visitor-1',
  name: 'Test Visitor',
  role: 'independent-visitor',
  la: NORTHVALE,
  volunteerId: '01JH0000000000000000000009',
};

/** Staff the tests allocate children to: a social worker and an IRO of each test LA, besides the people above. */
export const staff = {
  socialWorker: {
    id: 'sw-test-1',
    name: 'Dana Whitlock',
    role: 'social-worker',
    la: NORTHVALE,
    team: 'Children in Care Team North',
  },
  otherSocialWorker: {
    id: 'sw-test-2',
    name: 'Kofi Mensah',
    role: 'social-worker',
    la: NORTHVALE,
    team: 'Leaving Care Team',
  },
  iro: {
    id: 'iro-test-1',
    name: 'Ruth Pemberton',
    role: 'iro',
    la: NORTHVALE,
    team: 'Independent Reviewing Service',
  },
  southmereSocialWorker: { id: 'sw-test-3', name: 'Gwen Bevan', role: 'social-worker', la: SOUTHMERE },
  southmereIro: { id: 'iro-test-3', name: 'Bryn Howells', role: 'iro', la: SOUTHMERE },
} satisfies Record<string, StaffMember>;

/** The local directory (personas and the demo LAs' staff) with the test people and staff in it too. */
export const testDirectory = () =>
  localStaffDirectory([
    ...Object.values(people).map((p) => ({
      ...p,
      team: p.role === 'manager' ? 'Children in Care Team North' : undefined,
    })),
    ...Object.values(staff),
    visitor,
  ]);

/** Where the tests' receipts are kept: a folder of the run's own, as `npm start` keeps them in .local/receipts. */
export const TEST_RECEIPT_FOLDER = join(tmpdir(), `iv-test-receipts-${process.pid}`);
export const testReceipts = () => new FileReceiptStore(TEST_RECEIPT_FOLDER);

/** The application over DynamoDB Local with the real event catalog, at a fixed or moving time. */
export function testApp(now: () => Date = () => new Date()): App {
  return buildApp({
    client: localClient(),
    tables: inject('tables'),
    now,
    keys: testKeys(),
    laName: (code) => LA_NAMES[code],
    staff: testDirectory(),
    receipts: testReceipts(),
  });
}

/**
 * An application over its own set of tables (same template, names prefixed), for tests that fill a whole LA and
 * must neither see nor disturb what other tests write to the shared tables.
 */
export async function isolatedApp(
  prefix: string,
  now: () => Date = () => new Date(),
): Promise<{ app: App; tables: LocalTables }> {
  const client = localClient();
  const templates = synthesizeTemplates();
  await createTables(
    client,
    tablesFromTemplates(templates).map((t) => ({ ...t, TableName: `${prefix}${t.TableName}` })),
  );
  const tables = Object.fromEntries(
    Object.entries(localTables(templates)).map(([k, v]) => [k, `${prefix}${v}`]),
  ) as LocalTables;
  return {
    app: buildApp({
      client,
      tables,
      now,
      keys: testKeys(),
      laName: (code) => LA_NAMES[code],
      staff: testDirectory(),
      receipts: testReceipts(),
    }),
    tables,
  };
}
