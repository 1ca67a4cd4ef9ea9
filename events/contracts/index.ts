import { EventCatalog } from '../catalog';
import { childEvents } from './child';
import { obligationEvents } from './obligations';

/** Every event contract the system writes and reads. */
export const catalog = new EventCatalog([...childEvents, ...obligationEvents]);
