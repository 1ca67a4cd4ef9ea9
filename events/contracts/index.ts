import { EventCatalog } from '../catalog';
import { childEvents } from './child';
import { obligationEvents } from './obligations';
import { personalDataEvents } from './personal-data';
import { volunteerEvents } from './volunteer';

export type { ChildEvent } from './child';
export type { VolunteerEvent } from './volunteer';

/** Every event contract the system writes and reads. Obligation and personal-data events appear on both kinds. */
export const catalog = new EventCatalog([
  ...childEvents,
  ...volunteerEvents,
  ...obligationEvents,
  ...personalDataEvents,
]);
