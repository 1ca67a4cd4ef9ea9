import { shownValue } from '../../application/personal-data/visibility';
import type { ChildState } from '../../domain/child';
import type { Policy } from '../../domain/policy';
import { childRetention } from '../../domain/retention';
import { ETHNICITY } from '../../events/contracts/ethnicity';
import { longDate } from './dates';
import { t } from './i18n';

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

/** The retention date, shown on the record: computed from the law and the LA's policy. */
export function personalDataLine(state: ChildState, policy: Policy): string | undefined {
  const { erased, holds } = state.personalData;
  if (erased) return t('child.erasedOn', { on: longDate(erased.on) });
  const until = childRetention(state, policy)?.until;
  if (!until) return undefined;
  return t(holds.length ? 'child.keptUntilHeld' : 'child.keptUntil', { until: longDate(until) });
}

/**
 * The summary of a child's record, as the child's page shows it and as the audit shows the record on a past day: one
 * place, so the two always read the same.
 */
export function childSummary(state: ChildState, policy: Policy): Array<{ key: string; value: string }> {
  const period = state.period;
  const row = (key: string, value: string | undefined) => ({ key, value: value ?? 'Not recorded' });
  return [
    row('Status', STATUS[state.status]),
    row('Date of birth', shownValue(state.details?.dateOfBirth, day)),
    row(
      'Ethnicity',
      shownValue(state.details?.ethnicity, (code) => ETHNICITY[code]?.label),
    ),
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
          row(
            'Independent Visitor offer',
            state.ivStatusUnknown
              ? `Not on record: imported from the case system on ${day(state.importedFrom.on)}`
              : 'On record',
          ),
        ]
      : []),
    row('Personal data', personalDataLine(state, policy)),
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
