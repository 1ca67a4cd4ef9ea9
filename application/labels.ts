import { ETHNICITY, type EthnicityCode } from '../events/contracts/ethnicity';

/** Plain-English labels for the domain's coded values, for forms, timelines and reports. */
const opts = <V extends string>(entries: Record<V, string>) =>
  (Object.entries(entries) as Array<[V, string]>).map(([value, text]) => ({ value, text }));

export const SEX = opts({ female: 'Female', male: 'Male' });
export const VISITOR_SEX = opts({ female: 'A woman', male: 'A man', 'no-preference': 'No preference' });
export const AVAILABILITY = opts({
  'weekday-daytime': 'Weekday daytimes',
  'weekday-evenings': 'Weekday evenings',
  weekends: 'Weekends',
});
export const ALLOCATED_ROLES = opts({
  'social-worker': 'social worker',
  iro: 'independent reviewing officer',
});
export const ETHNICITY_OPTIONS = opts(
  Object.fromEntries(
    Object.entries(ETHNICITY).map(([value, e]) => [value, `${e.group}: ${e.label}`]),
  ) as Record<EthnicityCode, string>,
);
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
/** s.23ZB(8): whether an objection is to one visitor or to having anyone as the child's Independent Visitor. */
export const OBJECTION_AT_OFFER = opts({
  'any-visitor': 'To having any Independent Visitor',
  'proposed-visitor': 'To the visitor proposed',
});
export const OBJECTION_TO_CONTINUING = opts({
  'this-visitor': 'To this visitor',
  'any-visitor': 'To having any Independent Visitor',
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
export const CONCERN_SUBJECTS = opts({
  child: 'A concern about the child',
  visitor: 'An allegation about the child’s Independent Visitor',
});
export const CHILD_CONCERN_OUTCOMES = opts({
  'no-further-action': 'No further action',
  'support-in-place': 'Support put in place',
  'child-protection-enquiry': 'A child protection enquiry (section 47)',
});
export const ALLEGATION_OUTCOMES = opts({
  substantiated: 'Substantiated',
  unsubstantiated: 'Unsubstantiated',
  unfounded: 'Unfounded',
  false: 'False',
  malicious: 'Malicious',
});
export const CONCERN_OUTCOMES = [...CHILD_CONCERN_OUTCOMES, ...ALLEGATION_OUTCOMES];
export const HOW_IT_WENT = opts({
  well: 'It went well',
  mixed: 'Some good, some not',
  difficult: 'It was difficult',
});
export const MATCH_REVIEW_OUTCOMES = opts({
  continuing: 'Continuing',
  'continuing-with-support': 'Continuing, with support',
  'ending-planned': 'An ending is planned',
});
/** The match review's five-point scale, best first, as the child, the visitor and the carer answer it. */
export const MATCH_GOING = opts({
  'really-well': 'Going really well',
  well: 'Going well',
  okay: 'Going okay',
  'not-so-well': 'Not going so well',
  'not-well': 'Not going well',
});
export const CHILDS_MATCH_GOING = [...MATCH_GOING, ...opts({ 'did-not-want-to-say': 'Did not want to say' })];
/** How a volunteer wants the service's messages, and in which language. */
export const CONTACT_CHANNELS = opts({ email: 'Email', sms: 'Text message' });
export const CORRESPONDENCE_LANGUAGES = opts({ en: 'English', cy: 'Welsh (Cymraeg)' });
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
  died: 'The child died',
  other: 'Other',
});

export const labelOf = (options: ReadonlyArray<{ value: string; text: string }>, value: string | undefined) =>
  options.find((o) => o.value === value)?.text ?? value ?? '';

/** Tags people typed, read back: the known ones by their own label, the rest as the words they were. */
const TAG_LABELS: Record<string, string> = {
  bsl: 'British Sign Language',
  'british-sign-language': 'British Sign Language',
  'bsl-signer': 'BSL signer',
  english: 'English',
  welsh: 'Welsh',
  polish: 'Polish',
  romanian: 'Romanian',
  urdu: 'Urdu',
  punjabi: 'Punjabi',
  arabic: 'Arabic',
  somali: 'Somali',
  tigrinya: 'Tigrinya',
  pashto: 'Pashto',
  kurdish: 'Kurdish',
  portuguese: 'Portuguese',
  spanish: 'Spanish',
  french: 'French',
  bengali: 'Bengali',
  gujarati: 'Gujarati',
  'wheelchair-access': 'Wheelchair access',
};
export const tagLabel = (tag: string): string => {
  const known = TAG_LABELS[tag];
  if (known) return known;
  const words = tag.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
/** A list of tags as a sentence fragment: "Football, drawing and music". */
export const tagList = (tags: readonly string[]): string => {
  const labels = tags.map((t, i) => (i === 0 ? tagLabel(t) : lowerUnlessProper(tagLabel(t))));
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
};
const lowerUnlessProper = (label: string) =>
  Object.values(TAG_LABELS).includes(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);

// The volunteer's record.
export const VOLUNTEER_STATUS = opts({
  applied: 'Applied',
  approved: 'Approved',
  paused: 'Paused',
  suspended: 'Suspended',
  withdrawn: 'Withdrawn',
});
export const DBS_LEVELS = opts({
  enhanced: 'Enhanced',
  'enhanced-with-childrens-barred-list': 'Enhanced, with the children’s barred list',
});
export const UPDATE_SERVICE_RESULTS = opts({
  'no-change': 'No change: the certificate still stands',
  'new-information': 'New information: a new check is needed',
});
/** The wording of the independence declaration, by version: the version is what the event records (reg 47). */
export const INDEPENDENCE_WORDINGS = opts({
  '2026-01':
    'Version 2026-01: “I am not an elected member or an employee of the local authority, nor a relative or a member of the household of one.”',
});
export const TRAINING_COURSES = opts({
  'iv-induction': 'Independent Visitor induction',
  'safeguarding-children': 'Safeguarding children',
  'trauma-informed-practice': 'Trauma-informed practice',
  'online-safety': 'Keeping children safe online',
});
/** An Independent Visitor's expense claims (issue 16). */
export const EXPENSE_CATEGORIES = opts({
  travel: 'Travel',
  activity: 'An activity',
  'food-and-drink': 'Food and drink',
  other: 'Something else',
});
export const CLAIM_STATUS = opts({
  waiting: 'Waiting for a decision',
  approved: 'Approved',
  rejected: 'Rejected',
});
export const PAUSE_REASONS = opts({ personal: 'Personal', health: 'Health', work: 'Work', other: 'Other' });
export const SUSPENSION_REASONS = opts({
  'safeguarding-concern': 'A safeguarding concern',
  'dbs-new-information': 'New information on the DBS Update Service',
  conduct: 'Conduct',
  other: 'Other',
});
export const VOLUNTEER_WITHDRAWAL_REASONS = opts({
  'own-choice': 'Their own choice',
  'not-approved': 'Not approved',
  removed: 'Removed by the service',
  other: 'Other',
});

/** What must happen, by obligation: the same task as its duty, said for the occasion. */
export const OBLIGATION_LABELS: Record<string, string> = {
  'offer-iv-by-first-review': 'Offer an Independent Visitor by the first review',
  'reconsider-after-ending': 'Consider a new Independent Visitor after an ending',
  'reconsider-at-review': 'Consider an Independent Visitor at the review',
  'referral-waiting-too-long': 'Find a match for the referral',
  'visit-overdue': 'Visit by the Independent Visitor',
  'match-review-due': 'Review the match',
  'plan-before-18': 'Plan for the 18th birthday',
  'dbs-recheck-due': 'Renew the DBS check',
  'renew-training': 'Renew the volunteer’s training',
  'reconsider-after-withdrawal':
    'Consider an Independent Visitor now the child has withdrawn their objection',
  'record-leaving-care': 'Record leaving care at 18',
  'acknowledge-concern': 'Acknowledge the safeguarding concern',
  'inform-social-worker-of-concern': 'Tell the child’s social worker about the safeguarding concern',
  'refer-allegation-to-lado': 'Refer the allegation about the Independent Visitor to the LADO',
};
