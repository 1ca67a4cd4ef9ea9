import { type ChildState, childDecider } from '../../domain/child';
import { fold } from '../../domain/decider';
import type { ChildEvent } from '../../events/contracts/child';
import { streamKind } from '../../events/stream-id';
import { childRow, type JourneyStage } from '../projections/child-row';
import { asFact, CHILD, typedEvents } from '../records';
import { toCsv } from '../reports/csv';
import { toDmy } from './dates';
import type { ImportDeps } from './ssda903/import';

/*
 * Back to the case system: each imported child's Independent Visitor status, keyed by the LA's own id for the
 * child (CHILD), for the LA to load into its case system. Dates are dd/mm/yyyy, as the SSDA903 writes them.
 */

/** The IV status as the export names it; `unknown` is an imported child with nothing recorded about the offer. */
export type IvStatus =
  | 'unknown'
  | 'not-offered'
  | 'told'
  | 'offered'
  | 'declined'
  | 'objected'
  | 'waiting'
  | 'matched'
  | 'left-care'
  | 'care-leaver-matched';

const STATUS_OF_STAGE: Record<JourneyStage, IvStatus> = {
  'left-care': 'left-care',
  'care-leaver-with-iv': 'care-leaver-matched',
  matched: 'matched',
  waiting: 'waiting',
  objected: 'objected',
  declined: 'declined',
  offered: 'offered',
  told: 'told',
  'not-yet-offered': 'not-offered',
};

export const EXPORT_COLUMNS = [
  'CHILD',
  'LOOKED_AFTER',
  'PERIOD_START',
  'PERIOD_END',
  'LEFT_CARE_REASON',
  'REVIEWS',
  'LAST_REVIEW',
  'IV_STATUS',
  'IV_STATUS_SINCE',
  'OFFERED',
  'DECISION',
  'DECISION_DATE',
  'REFERRED',
  'MATCHED',
  'VOLUNTEER',
] as const;

export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string>;

/** One row per imported child of the LA, by CHILD. Reads every child record of the LA (strongly consistent). */
export async function ivStatusExport(
  deps: ImportDeps,
  la: string,
): Promise<{ rows: ExportRow[]; csv: string }> {
  const rows: ExportRow[] = [];
  for await (const streamId of deps.store.listStreams(la)) {
    if (streamKind(streamId) !== 'child') continue;
    const stored = await deps.store.read(streamId);
    if (stored[0]?.la !== la) continue;
    const events = typedEvents<ChildEvent>(CHILD, stored);
    const state: ChildState = fold(childDecider, events.map(asFact));
    const row = childRow(stored, deps.now(), deps.policies);
    if (!state.importedFrom || !row) continue;
    rows.push(exportRow(state, row));
  }
  rows.sort((a, b) => a.CHILD.localeCompare(b.CHILD, 'en', { numeric: true }));
  return { rows, csv: toCsv([EXPORT_COLUMNS, ...rows.map((r) => EXPORT_COLUMNS.map((c) => r[c]))]) };
}

function exportRow(state: ChildState, row: NonNullable<ReturnType<typeof childRow>>): ExportRow {
  const dmy = (date: string | undefined) => (date ? toDmy(date) : '');
  const period = row.periods.at(-1);
  const decision = period?.decisions.at(-1);
  const referral = row.referrals.at(-1);
  const match = row.matches.at(-1);
  const current = match && !match.endedOn ? match : undefined;
  const status: IvStatus =
    state.ivStatusUnknown && row.status === 'looked-after' ? 'unknown' : STATUS_OF_STAGE[row.stage];
  const since: Record<IvStatus, string | undefined> = {
    unknown: state.importedFrom?.on,
    'not-offered': period?.startedOn,
    told: period?.toldOn,
    offered: period?.offeredOn,
    declined: decision?.on,
    objected: decision?.on,
    waiting: referral?.referredOn,
    matched: current?.matchedOn,
    'left-care': period?.endedOn,
    'care-leaver-matched': current?.matchedOn,
  };
  return {
    CHILD: state.importedFrom!.caseSystemId,
    LOOKED_AFTER: row.status === 'looked-after' ? 'yes' : 'no',
    PERIOD_START: dmy(period?.startedOn),
    PERIOD_END: dmy(period?.endedOn),
    LEFT_CARE_REASON: period?.leftReason ?? '',
    REVIEWS: String(period?.reviewsHeld ?? 0),
    LAST_REVIEW: dmy(state.period?.reviews.at(-1)?.heldOn),
    IV_STATUS: status,
    IV_STATUS_SINCE: dmy(since[status]),
    OFFERED: dmy(period?.offeredOn),
    DECISION: decision?.decision ?? '',
    DECISION_DATE: dmy(decision?.on),
    REFERRED: dmy(referral?.referredOn),
    MATCHED: dmy(current?.matchedOn),
    VOLUNTEER: current?.volunteerId ?? '',
  };
}
