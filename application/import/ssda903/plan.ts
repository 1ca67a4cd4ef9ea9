import { type LocalDate, londonDateOf, londonInstant } from '../../../domain/calendar';
import type { ChildCommand, ChildState } from '../../../domain/child';
import type { ChildEvent } from '../../../events/contracts/child';
import { ETHNICITY } from '../../../events/contracts/ethnicity';
import { LEFT_CARE_REASONS, labelOf, SEX } from '../../labels';
import type { Recorded } from '../../records';
import { type Reason, reason } from '../reasons';
import type { HeaderRow } from './files';
import type { Fact, FactKind, Source } from './histories';

/*
 * What an import adds to a child's record: the facts of the extract that are not on record yet. A later extract
 * changes nothing already recorded; facts dated after the last recorded one of their kind are appended; anything in
 * the extract that contradicts the record (an episode whose dates moved, a different reason for leaving) is never
 * rewritten, only listed as a conflict for a person to resolve.
 */

/** A fact of the kinds an import manages, as it stands on the child's record. */
export interface RecordedFact {
  kind: FactKind;
  on: LocalDate;
  inArea?: boolean;
  reason?: string;
}

/** The periods of care, placements, reviews and leavings on a child's record, in the order they were recorded. */
export function recordedFactsOf(events: readonly Recorded<ChildEvent>[]): RecordedFact[] {
  const facts: RecordedFact[] = [];
  for (const event of events) {
    const on = londonDateOf(event.metadata.occurredAt);
    const area = (inArea: boolean | undefined) => (inArea === undefined ? {} : { inArea });
    switch (event.type) {
      case 'ChildEnteredCare':
      case 'ChildReEnteredCare':
        facts.push({ kind: 'period-start', on, ...area(event.data.placementInLaArea) });
        break;
      case 'ChildPlacementChanged':
        facts.push({ kind: 'placement', on, ...area(event.data.placementInLaArea) });
        break;
      case 'LookedAfterReviewHeld':
        facts.push({ kind: 'review', on });
        break;
      case 'ChildLeftCare':
        facts.push({ kind: 'left', on, reason: event.data.reason });
        break;
      case 'ChildDetailsCorrected': {
        // A correction of the area is a correction of the placement the child was in.
        const corrected = event.data.changes.placementInLaArea;
        const placed = facts.findLast((f) => f.kind === 'period-start' || f.kind === 'placement');
        if (corrected !== undefined && placed) placed.inArea = corrected;
        break;
      }
      default:
        break;
    }
  }
  return facts;
}

export interface Conflict {
  reason: Reason;
  source?: Source;
}

export interface ChildPlan {
  /** Facts of the extract not on record yet, in the order to record them. */
  additions: Fact[];
  /** Facts of the extract already on record as they are. */
  unchanged: number;
  conflicts: Conflict[];
}

/** Episodes and reviews are compared each among their own kind: their dates are independent of each other. */
const groupOf = (kind: FactKind) => (kind === 'review' ? 'reviews' : 'episodes');

const matches = (fact: Fact, recorded: RecordedFact) =>
  fact.kind === recorded.kind ||
  (fact.startsBeforeExtract === true && (recorded.kind === 'placement' || recorded.kind === 'period-start'));

/** Compares a child's history in the extract with their record; a new child's whole history is additions. */
export function planChild(facts: readonly Fact[], recorded: readonly RecordedFact[]): ChildPlan {
  const plan: ChildPlan = { additions: [], unchanged: 0, conflicts: [] };
  const matched = new Set<RecordedFact>();
  for (const group of ['episodes', 'reviews'] as const) {
    const mine = recorded.filter((r) => groupOf(r.kind) === group);
    const theirs = facts.filter((f) => groupOf(f.kind) === group);
    const last = mine.reduce<LocalDate | undefined>((d, r) => (!d || r.on > d ? r.on : d), undefined);
    for (const fact of theirs) {
      if (last === undefined || fact.on > last) {
        plan.additions.push(fact);
        continue;
      }
      const same = mine.find((r) => !matched.has(r) && r.on === fact.on && matches(fact, r));
      if (!same) {
        plan.conflicts.push({
          reason: reason('notOnRecord', { fact: fact.kind }, { on: fact.on }),
          source: fact.source,
        });
        continue;
      }
      matched.add(same);
      const difference = differs(fact, same);
      if (difference) plan.conflicts.push({ reason: difference, source: fact.source });
      else plan.unchanged++;
    }
    // What is on record within the extract's span but missing from it: moved, or taken out of the case system.
    const first = theirs[0];
    const end = theirs.at(-1)?.on;
    if (first && end) {
      // An extract that starts with a child starting to be looked after speaks for the whole of that period, so a
      // start on record earlier in it is missing from the extract; one that starts part-way speaks from its date.
      const from =
        first.kind === 'period-start' && !first.startsBeforeExtract
          ? mine.filter((r) => r.kind === 'left' && r.on < first.on).at(-1)?.on
          : first.on;
      for (const r of mine)
        if (!matched.has(r) && (from === undefined || r.on >= from) && r.on <= end)
          plan.conflicts.push({
            reason: reason('notInExtract', { fact: r.kind }, { on: r.on }),
          });
    }
  }
  // Additions keep the extract's order (its facts are in the order they happened).
  plan.additions.sort((a, b) => facts.indexOf(a) - facts.indexOf(b));
  return plan;
}

/** In area, out of area or not known, as `imports.areas.<key>` words it. */
export const areaKey = (inArea: boolean | undefined) =>
  inArea === undefined ? 'notKnown' : inArea ? 'inArea' : 'outOfArea';

function differs(fact: Fact, recorded: RecordedFact): Reason | undefined {
  const on = { on: fact.on };
  if (fact.kind === 'left' && fact.reason !== recorded.reason)
    return reason('otherLeaving', { code: fact.rec ?? '' }, on, {
      extract: labelOf(LEFT_CARE_REASONS, fact.reason),
      record: labelOf(LEFT_CARE_REASONS, recorded.reason),
    });
  if (fact.inArea !== undefined && fact.inArea !== recorded.inArea)
    return reason('otherArea', { extract: areaKey(fact.inArea), record: areaKey(recorded.inArea) }, on);
  return undefined;
}

/** The Header's details that differ from the child's details on record. */
export function detailConflicts(header: HeaderRow, state: ChildState): Conflict[] {
  const details = state.details;
  if (!details) return [];
  const source = (field: string): Source => ({ file: 'Header', row: header.row, field });
  const out: Conflict[] = [];
  if (header.dateOfBirth !== details.dateOfBirth)
    out.push({
      reason: reason('recordDateOfBirth', {}, { extract: header.dateOfBirth, record: details.dateOfBirth }),
      source: source('DOB'),
    });
  if (header.sex !== details.sex)
    out.push({
      reason: reason(
        'recordSex',
        {},
        {},
        { extract: labelOf(SEX, header.sex), record: labelOf(SEX, details.sex) },
      ),
      source: source('SEX'),
    });
  if (header.ethnicity !== details.ethnicity)
    out.push({
      reason: reason(
        'recordEthnicity',
        {},
        {},
        {
          extract: ETHNICITY[header.ethnicity].label,
          record: ETHNICITY[details.ethnicity]?.label ?? details.ethnicity,
        },
      ),
      source: source('ETHNIC'),
    });
  return out;
}

/** Staff references the extract does not give: the allocated social worker and IRO are not in the SSDA903. */
export const NOT_RECORDED_STAFF = 'not-recorded';

/**
 * An imported fact is known by its date alone: it is recorded as happening at the start of that day in London, so
 * that a fact of today is never "in the future" and the same extract always plans the same instants.
 */
export const occurredOn = (date: LocalDate) => londonInstant(date).toISOString();

export interface PlannedCommand {
  command: ChildCommand;
  source?: Source;
}

/**
 * The commands that record a child's additions, for the real deciders. This is the one place the extract's
 * Header becomes a child's details: when ChildEnteredCare gains the case system's id, the child's name or the
 * allocated staff, they are added to the EnterCare command here.
 */
export function commandsFor(options: {
  childId: string;
  la: string;
  child: string;
  header: HeaderRow;
  additions: readonly Fact[];
  state: ChildState;
}): PlannedCommand[] {
  const { childId, la, header, state } = options;
  const commands: PlannedCommand[] = [];
  let started = state.status !== 'not-recorded';
  for (const fact of options.additions) {
    const occurredAt = occurredOn(fact.on);
    const area = fact.inArea === undefined ? {} : { placementInLaArea: fact.inArea };
    const source = fact.source;
    switch (fact.kind) {
      case 'period-start':
        commands.push({
          source,
          command: started
            ? { type: 'ReEnterCare', ...area, occurredAt }
            : {
                type: 'EnterCare',
                childId,
                la,
                dateOfBirth: header.dateOfBirth,
                sex: header.sex,
                ethnicity: header.ethnicity,
                ...(header.unaccompaniedAsylumSeeking === undefined
                  ? {}
                  : { unaccompaniedAsylumSeeking: header.unaccompaniedAsylumSeeking }),
                ...area,
                socialWorkerRef: NOT_RECORDED_STAFF,
                iroRef: NOT_RECORDED_STAFF,
                occurredAt,
              },
        });
        started = true;
        break;
      case 'placement':
        commands.push({ source, command: { type: 'ChangePlacement', ...area, occurredAt } });
        break;
      case 'review':
        commands.push({ source, command: { type: 'RecordReview', occurredAt } });
        break;
      case 'left':
        commands.push({ source, command: { type: 'LeaveCare', reason: fact.reason!, occurredAt } });
        break;
    }
  }
  // The case system's id, once: after the imported history on a new record, or on a record that lacks it.
  if (!state.importedFrom && (started || commands.length > 0))
    commands.push({ command: { type: 'RecordImport', source: 'ssda903', caseSystemId: options.child } });
  return commands;
}
