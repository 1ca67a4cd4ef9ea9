import type { EventCatalog } from '../../events/catalog';
import { catalog as allEvents } from '../../events/contracts';
import type { Role } from '../../events/envelope';
import { ERASED, HIDDEN, isErased, mapPersonal } from '../../events/personal-fields';
import { roleMay } from '../access';

type Readable = { type: string; schemaVersion: number; data: unknown };

/**
 * What one role may see of a record's events: every field declared special-category is HIDDEN for a role without
 * `personal:special-category`, whichever event declares it, so a field added to a contract later is covered too;
 * every personal field of a safeguarding concern is HIDDEN for a role without `concern:read`. Applied before a view
 * folds the record, so the state it shows is redacted the same way.
 */
export function visibleTo(
  role: Role,
  catalog: EventCatalog = allEvents,
): <E extends Readable>(event: E) => E {
  const special = roleMay(role, 'personal:special-category');
  const concerns = roleMay(role, 'concern:read');
  if (special && concerns) return (event) => event;
  const withheldOf = (event: Readable) => {
    try {
      return catalog
        .personalFields(event.type, event.schemaVersion)
        .filter(
          (f) =>
            (!concerns && CONCERN_EVENTS.has(event.type)) || (!special && f.category === 'special-category'),
        );
    } catch {
      // A type or version the catalog does not know declares nothing; reading it says why it cannot be read.
      return [];
    }
  };
  return (event) => {
    const withheld = withheldOf(event);
    if (withheld.length === 0) return event;
    return { ...event, data: mapPersonal(event.data, withheld, (v) => (isErased(v) ? v : HIDDEN)) };
  };
}

/** What a safeguarding concern says is read only by the roles that act on concerns (concern:read). */
const CONCERN_EVENTS: ReadonlySet<string> = new Set([
  'SafeguardingConcernRaised',
  'SafeguardingConcernOutcomeRecorded',
]);

const WITHHELD: Record<string, string> = {
  [ERASED]: 'Erased',
  [HIDDEN]: 'Not shown: special category data',
};

/** What staff read for a personal value: "Erased" or "Not shown" in its place, otherwise the value formatted. */
export function shownValue<V>(
  value: V | undefined,
  format: (value: V) => string | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' && value in WITHHELD ? WITHHELD[value] : format(value);
}

/** The plain words for an erased or hidden value, or undefined for any other. */
export const withheldText = (value: unknown): string | undefined =>
  typeof value === 'string' ? WITHHELD[value] : undefined;
