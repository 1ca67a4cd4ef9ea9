import { shownValue } from '../../application/personal-data/visibility';
import type { ChildState } from '../../domain/child';
import type { Policy } from '../../domain/policy';
import { childRetention } from '../../domain/retention';
import { ETHNICITY } from '../../events/contracts/ethnicity';
import { longDate } from './dates';
import { sentence, t, term } from './i18n';

const STATUS: Record<string, string> = {
  'looked-after': 'lookedAfter',
  'left-care': 'leftCare',
  'not-recorded': 'notRecorded',
};
const DECISIONS: Record<string, string> = {
  accepted: 'Accepted',
  declined: 'Declined',
  objected: 'Objected',
};
const s = (key: string, values?: Record<string, unknown>) => t(`audit.summary.${key}`, values);
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
  // A withheld value ("Erased", "Not shown: special category data") is said in the page's language too.
  const row = (key: string, value: string | undefined) => ({
    key: s(key),
    value: value === undefined ? s('notRecorded') : sentence(value),
  });
  return [
    row('status', STATUS[state.status] && s(STATUS[state.status]!)),
    row('dateOfBirth', shownValue(state.details?.dateOfBirth, day)),
    row(
      'ethnicity',
      shownValue(state.details?.ethnicity, (code) => term(ETHNICITY[code]?.label ?? '')),
    ),
    row(
      'placement',
      state.placementInLaArea === undefined ? undefined : s(state.placementInLaArea ? 'inside' : 'outside'),
    ),
    row('inCareSince', day(period?.startedOn)),
    ...(state.importedFrom
      ? [
          row(
            'ivOffer',
            state.ivStatusUnknown ? s('notOnRecord', { on: day(state.importedFrom.on) }) : s('onRecord'),
          ),
        ]
      : []),
    row('personalData', personalDataLine(state, policy)),
    row('told', day(period?.toldOn)),
    row('offered', day(period?.offeredOn)),
    row('decision', state.decision && term(DECISIONS[state.decision.decision]!)),
    row('referred', day(state.referral?.referredOn)),
    row(
      'independentVisitor',
      state.relationship
        ? s('matchedOn', { on: day(state.relationship.matchedOn), visits: state.relationship.visitsHeld })
        : s('none'),
    ),
  ];
}

/** As GOV.UK summary list rows. */
export const summaryRows = (rows: ReturnType<typeof childSummary>) =>
  rows.map((r) => ({ key: { text: r.key }, value: { text: r.value } }));
