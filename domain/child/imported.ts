import type { ChildEvent } from '../../events/contracts/child';
import { type LocalDate, londonDateOf } from '../calendar';
import { type Decided, DomainRuleBroken, type FactMeta } from '../decider';
import type { RecordImport } from './commands';
import type { ChildState } from './state';

/**
 * A record started from the LA's case system. The SSDA903 extract it came from gives the periods of care,
 * placements and reviews, but nothing about Independent Visitors: until a coordinator records what happened about
 * the offer, the child's IV status is unknown (not "never offered"). Deadlines still run from the imported dates.
 */
export interface ImportedFrom {
  source: 'ssda903';
  caseSystemId: string;
  on: LocalDate;
}

/** Keeps the case system's id once, right after the record starts; the same id again records nothing. */
export function decideImport(command: RecordImport, state: ChildState): Decided<ChildEvent>[] {
  if (state.importedFrom) {
    if (state.importedFrom.caseSystemId === command.caseSystemId) return [];
    throw new DomainRuleBroken(
      'This record was imported with another case system id.',
      409,
      'imported-with-another-id',
    );
  }
  return [
    { type: 'ChildRecordImported', data: { source: command.source, caseSystemId: command.caseSystemId } },
  ];
}

/** Facts that put on record what happened about the offer of an IV: after any of them the status is known. */
const settlesTheOffer = (event: ChildEvent): boolean =>
  event.type === 'IndependentVisitorOffered' ||
  event.type === 'ChildDecisionRecorded' ||
  event.type === 'ChildWishesAndFeelingsRecorded' ||
  event.type === 'ReferredToIvService' ||
  event.type === 'VisitorMatched' ||
  (event.type === 'LookedAfterReviewHeld' && event.data.ivConsidered === true);

/** The import's part of the child's state, applied after every event. */
export function evolveImport(state: ChildState, event: ChildEvent, meta: FactMeta): ChildState {
  if (event.type === 'ChildRecordImported')
    return {
      ...state,
      // The case system's id is the one staff search by: the record's own, unless entering care named another.
      ...(state.details && !state.details.caseSystemId
        ? { details: { ...state.details, caseSystemId: event.data.caseSystemId } }
        : {}),
      importedFrom: { ...event.data, on: londonDateOf(meta.occurredAt) },
      ivStatusUnknown: true,
    };
  return state.ivStatusUnknown && settlesTheOffer(event) ? { ...state, ivStatusUnknown: false } : state;
}
