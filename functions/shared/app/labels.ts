import { ETHNICITY } from '../../../events/contracts/ethnicity';

/** Plain-English labels for the domain's coded values, for forms, timelines and reports. */
const opts = (entries: Record<string, string>) =>
  Object.entries(entries).map(([value, text]) => ({ value, text }));

export const SEX = opts({ female: 'Female', male: 'Male' });
export const ETHNICITY_OPTIONS = Object.entries(ETHNICITY).map(([value, e]) => ({
  value,
  text: `${e.group}: ${e.label}`,
}));
export const REVIEW_OUTCOMES = opts({
  'iv-to-be-offered': 'An IV is to be offered',
  'iv-offered-awaiting-decision': 'IV offered, waiting for the child’s decision',
  'referral-in-progress': 'Referred, waiting for a match',
  'iv-in-place': 'The child has an IV',
  'child-declined': 'The child declined an IV',
  'child-objected': 'The child objected to an IV',
  'not-in-childs-interests-now': 'Not in the child’s interests now',
  'not-considered': 'The IV question was not considered',
});
export const CHILD_DECISIONS = opts({ accepted: 'Accepted', declined: 'Declined', objected: 'Objected' });
export const WITHDRAWAL_REASONS = opts({
  'child-declined': 'The child declined',
  'child-objected': 'The child objected',
  'no-longer-appropriate': 'No longer appropriate',
  'left-care': 'The child left care',
  other: 'Other',
});
export const VISIT_OUTCOMES = opts({ held: 'Held', cancelled: 'Cancelled', missed: 'Missed' });
export const VISIT_MODES = opts({ 'in-person': 'In person', remote: 'Remote' });
export const MATCH_REVIEW_OUTCOMES = opts({
  continuing: 'Continuing',
  'continuing-with-support': 'Continuing, with support',
  'ending-planned': 'An ending is planned',
});
export const TERMINATION_REASONS = opts({
  safeguarding: 'Safeguarding',
  'visitor-not-independent': 'The visitor is not independent',
  'child-wishes': 'The child’s wishes',
  'not-working': 'The match is not working',
  other: 'Other',
});
export const EIGHTEEN_PLANS = opts({
  'continue-under-care-leaver-offer': 'Continue under the care-leaver offer',
  'end-at-18': 'End at 18',
});
export const LEFT_CARE_REASONS = opts({
  'reached-18': 'Reached 18',
  'returned-home': 'Returned home',
  adopted: 'Adopted',
  'special-guardianship-order': 'Special guardianship order',
  'child-arrangements-order': 'Child arrangements order',
  'moved-to-independent-living': 'Moved to independent living',
  'transferred-to-another-la': 'Transferred to another local authority',
  other: 'Other',
});

export const labelOf = (options: ReadonlyArray<{ value: string; text: string }>, value: string | undefined) =>
  options.find((o) => o.value === value)?.text ?? value ?? '';
