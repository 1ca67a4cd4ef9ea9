import type { PolicySource } from '../domain/policy';
import type { AuditService } from './audit/service';
import type { Notification } from './notifications/notifications';
import type { AccessLog } from './ports/access-log';
import type { EventStore } from './ports/event-store';
import type { PersonalDataKeys } from './ports/personal-data';
import type { ReadModels } from './ports/read-models';
import type { ReceiptStore } from './ports/receipts';
import type { StaffDirectory } from './ports/staff-directory';

/** What the API and the pages need from the outside world; built once per Lambda container or local process. */
export interface App {
  store: EventStore;
  /** The clock: real in AWS, controllable locally. Read here, never in the domain. */
  now(): Date;
  policies: PolicySource;
  /** The name of a local authority by its code, for headings; undefined shows the code. */
  laName?: (code: string) => string | undefined;
  /** Every view of a child's record by a person is written here before it is shown. */
  accessLog: AccessLog;
  /** The auditors' read-only views: history, state as of a moment, differences, verification, export. */
  audit: AuditService;
  /** Each person's data key: destroyed when their personal data is erased. */
  personalData: PersonalDataKeys;
  /** The lists and reports, projected from the events. */
  readModels: ReadModels;
  /** Expense receipts: S3 in AWS, a folder locally. */
  receipts: ReceiptStore;
  /** Who works for each LA: the people children are allocated to, and the names shown for staff ids. */
  staff: StaffDirectory;
  /** Every local authority that has records, for the national return. */
  las(): Promise<string[]>;
  /** Only on one machine: the controllable clock and the outbox that stands in for GOV.UK Notify. */
  local?: {
    advanceClock(duration: string): Promise<Date>;
    setClock(instant: Date): Promise<Date>;
    outbox(): Promise<Notification[]>;
  };
}
