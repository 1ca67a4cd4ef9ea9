import type { PolicySource } from '../../../domain/policy';
import type { EventStore } from '../event-store/port';

/** What the API and the pages need from the outside world; built once per Lambda container or local process. */
export interface App {
  store: EventStore;
  /** The clock: real in AWS, controllable locally. Read here, never in the domain. */
  now(): Date;
  policies: PolicySource;
  /** The name of a local authority by its code, for headings; undefined shows the code. */
  laName?: (code: string) => string | undefined;
}
