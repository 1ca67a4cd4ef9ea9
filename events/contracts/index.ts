import { EventCatalog } from '../catalog';
import { childEvents } from './child';
import { obligationEvents } from './obligations';
import { volunteerEvents } from './volunteer';

export type { ChildEvent } from './child';
export type { VolunteerEvent } from './volunteer';

/** Every event contract the system writes and reads. Obligation events appear on both kinds of stream. */
export const catalog = new EventCatalog([...childEvents, ...volunteerEvents, ...obligationEvents]);
