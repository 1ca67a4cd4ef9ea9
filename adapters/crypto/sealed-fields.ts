import type { EventCatalog } from '../../events/catalog';
import type { EventMetadata } from '../../events/envelope';
import {
  ERASED,
  mapPersonal,
  type PersonalField,
  personalValues,
  REASON_FIELD,
} from '../../events/personal-fields';
import { isEnvelope } from './field-cipher';

/**
 * Which parts of an event are sealed, and how: every field its contract declares personal, and the metadata's
 * free-text reason. The additional data of each sealed value names its stream, event type and path.
 */
export interface FieldsOf {
  streamId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
}

export const additionalData = (streamId: string, type: string, field: PersonalField): string =>
  `${streamId}\n${type}\n${field.path.join('.')}`;

/** True when the event holds a value that must be sealed: a personal field given, or a reason. */
export function holdsPersonalData(
  catalog: EventCatalog,
  event: { type: string; schemaVersion: number; data: unknown },
  reason: string | undefined,
): boolean {
  if (reason !== undefined) return true;
  return personalValues(event.data, catalog.personalFields(event.type, event.schemaVersion)).length > 0;
}

/** Applies `change` to every personal value of the event (data and reason): a changed copy, or the event itself. */
export function mapSealable<E extends FieldsOf>(
  catalog: EventCatalog,
  event: E,
  change: (value: unknown, field: PersonalField) => unknown,
): E {
  const fields = catalog.personalFields(event.type, event.schemaVersion);
  const { reason } = event.metadata;
  if (fields.length === 0 && reason === undefined) return event;
  const data = mapPersonal(event.data, fields, change);
  const metadata =
    reason === undefined
      ? event.metadata
      : { ...event.metadata, reason: change(reason, REASON_FIELD) as string };
  return { ...event, data, metadata };
}

/** Whether the event still holds a sealed value: a reader finds one only where it could not open it. */
export function holdsSealed(catalog: EventCatalog, event: FieldsOf): boolean {
  if (isEnvelope(event.metadata.reason)) return true;
  return personalValues(event.data, catalog.personalFields(event.type, event.schemaVersion)).some((v) =>
    isEnvelope(v.value),
  );
}

/** The event as read once its person's key is gone: each sealed value is ERASED. */
export const erasedCopy = <E extends FieldsOf>(catalog: EventCatalog, event: E): E =>
  mapSealable(catalog, event, (value) => (isEnvelope(value) ? ERASED : value));
