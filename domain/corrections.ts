import type { DomainEvent, FactMeta } from './decider';
import { DomainRuleBroken } from './decider';

/**
 * Entries made by mistake. Nothing recorded is ever edited or deleted: an EntryRecordedInError names the earlier
 * entry, and every fold reads the stream as if that entry had never been made (the history still shows both).
 * Only entries nothing later depends on can be marked: marking an offer that a decision followed would leave a
 * decision without an offer, so the later entry must be marked first.
 */
export const CORRECTION_EVENT = 'EntryRecordedInError';

/** The entries staff may mark as a mistake, and the later entries that would depend on each. */
export const MARKABLE: Readonly<Record<string, readonly string[]>> = {
  ChildToldOfEntitlement: [],
  IndependentVisitorOffered: ['ChildDecisionRecorded', 'ReferredToIvService', 'VisitorMatched'],
  ChildDecisionRecorded: ['ReferredToIvService', 'VisitorMatched', 'ObjectionWithdrawn'],
  ChildWishesAndFeelingsRecorded: [],
  LookedAfterReviewHeld: [],
  VisitRecorded: [],
  MatchReviewed: [],
  ChildPlacementChanged: [],
  EighteenthBirthdayPlanned: [],
};

/** The versions of a stream that a later EntryRecordedInError marks as a mistake. */
export function versionsInError(events: ReadonlyArray<{ event: DomainEvent }>): Set<number> {
  const versions = new Set<number>();
  for (const { event } of events)
    if (event.type === CORRECTION_EVENT)
      versions.add((event.data as { correctsVersion: number }).correctsVersion);
  return versions;
}

/** The facts a fold reads: every one but those marked as made by mistake. */
export function withoutEntriesInError<F extends { event: DomainEvent; meta: Pick<FactMeta, 'version'> }>(
  facts: readonly F[],
): readonly F[] {
  const inError = versionsInError(facts);
  return inError.size === 0 ? facts : facts.filter((f) => !inError.has(f.meta.version));
}

/** One entry of a stream as the state remembers it: its version and type. */
export interface EntryRef {
  version: number;
  type: string;
}

/** The entry a correction names, checked against the rules above; throws a DomainRuleBroken when it may not be marked. */
export function entryToMark(entries: readonly EntryRef[], version: number): EntryRef {
  const entry = entries.find((e) => e.version === version);
  if (!entry)
    throw new DomainRuleBroken(
      'There is no such entry in this record to mark as a mistake.',
      422,
      'no-such-entry',
    );
  const dependents = MARKABLE[entry.type];
  if (!dependents)
    throw new DomainRuleBroken(
      'This kind of entry cannot be marked as a mistake. Record what really happened instead, or ask an administrator.',
      422,
      'entry-not-markable',
    );
  const later = entries.find((e) => e.version > version && dependents.includes(e.type));
  if (later)
    throw new DomainRuleBroken(
      'Something recorded later depends on this entry. Mark the later entry as a mistake first.',
      409,
      'entry-has-dependents',
    );
  return entry;
}
