import type { ChildState } from '../../domain/child';
import { ETHNICITY } from '../../events/contracts/ethnicity';
import { longDate } from './dates';

const STATUS: Record<string, string> = {
  'looked-after': 'Looked after',
  'left-care': 'Left care',
  'not-recorded': 'Not recorded',
};
const DECISIONS: Record<string, string> = {
  accepted: 'Accepted',
  declined: 'Declined',
  objected: 'Objected',
};
const day = (date: string | undefined) => (date ? longDate(date) : undefined);

/**
 * The summary of a child's record, as the child's page shows it and as the audit shows the record on a past day: one
 * place, so the two always read the same.
 */
export function childSummary(state: ChildState): Array<{ key: string; value: string }> {
  const period = state.period;
  const row = (key: string, value: string | undefined) => ({ key, value: value ?? 'Not recorded' });
  return [
    row('Status', STATUS[state.status]),
    row('Date of birth', day(state.details?.dateOfBirth)),
    row('Ethnicity', state.details && ETHNICITY[state.details.ethnicity]?.label),
    row(
      'Placement',
      state.placementInLaArea === undefined
        ? undefined
        : state.placementInLaArea
          ? 'Inside the local authority’s area'
          : 'Outside the local authority’s area',
    ),
    row('In care since', day(period?.startedOn)),
    ...(state.importedFrom
      ? [
          row('Case system’s id', state.importedFrom.caseSystemId),
          row(
            'Independent Visitor offer',
            state.ivStatusUnknown
              ? `Not on record: imported from the case system on ${day(state.importedFrom.on)}`
              : 'On record',
          ),
        ]
      : []),
    row('Told about Independent Visitors', day(period?.toldOn)),
    row('Offered an Independent Visitor', day(period?.offeredOn)),
    row('Child’s decision', state.decision && DECISIONS[state.decision.decision]),
    row('Referred', day(state.referral?.referredOn)),
    row(
      'Independent Visitor',
      state.relationship
        ? `Matched on ${day(state.relationship.matchedOn)}; visits held: ${state.relationship.visitsHeld}`
        : 'None',
    ),
  ];
}

/** As GOV.UK summary list rows. */
export const summaryRows = (rows: ReturnType<typeof childSummary>) =>
  rows.map((r) => ({ key: { text: r.key }, value: { text: r.value } }));
