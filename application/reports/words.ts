import { DUTY_LABELS } from '../tasks';
import { ENGLISH_WORDS, type Words } from '../words';
import type { Figure, LaReport } from './la-report';

/*
 * The report in words, as a corporate parenting panel reads it (GOV.UK style): every figure has a label a person
 * reads, rates are percentages, waits are days, and nothing shows a key of the code or a raw fraction.
 */

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** "1,234". */
export const number = (n: number): string => whole.format(n);

/** "4.2%": one decimal place, as NIVN publishes access rates. */
export const percent = (rate: number): string => `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;

/** The report's sentences in English, each its own key in the web's catalogues (`sentences`), where the Welsh is. */
export const REPORT_WORDS = {
  oneChild: '{{n}} child',
  children: '{{n}} children',
  oneDay: '{{n}} day',
  days: '{{n}} days',
  cannotBeCompared: 'Cannot be compared',
  noChange: 'No change',
  pointsUp: 'Up {{points}} percentage points',
  pointsDown: 'Down {{points}} percentage points',
  up: 'Up {{n}}',
  down: 'Down {{n}}',
  noAccessRate: 'No children were looked after on this date, so there is no access rate.',
  meetsTarget:
    '{{rate}} of children in care have an Independent Visitor ({{matched}} of {{children}}), against a target of {{target}}. This meets the target.',
  belowTarget:
    '{{rate}} of children in care have an Independent Visitor ({{matched}} of {{children}}), against a target of {{target}}. This is below the target.',
  noneMatched: 'No child was matched in this period.',
  oneMatched:
    '{{children}} was matched in this period. Half waited {{median}} or less from referral to match, and 9 in 10 waited {{p90}} or less.',
  matched:
    '{{children}} were matched in this period. Half waited {{median}} or less from referral to match, and 9 in 10 waited {{p90}} or less.',
  aged: 'Aged {{band}}',
  waited: 'Waited {{band}}',
  figureBy: '{{who}} {{by}}',
  yes: 'Yes',
  no: 'No',
  none: 'None',
} as const;
const R = REPORT_WORDS;

/** "1 child", "21 children". */
export const children = (n: number, w: Words = ENGLISH_WORDS): string =>
  w.say(n === 1 ? R.oneChild : R.children, { n: number(n) });

/** "1 day", "120 days". */
export const days = (n: number, w: Words = ENGLISH_WORDS): string =>
  w.say(n === 1 ? R.oneDay : R.days, { n: number(n) });

/** A change in a rate, in percentage points, in words: "up 1.2 percentage points". */
export function pointsChange(now: number | null, before: number | null, w: Words = ENGLISH_WORDS): string {
  if (now === null || before === null) return w.say(R.cannotBeCompared);
  const points = Math.round((now - before) * 1000) / 10;
  if (points === 0) return w.say(R.noChange);
  return w.say(points > 0 ? R.pointsUp : R.pointsDown, { points: Math.abs(points).toFixed(1) });
}

/** A change in a count, in words: "up 3", "down 12", "no change". */
export function countChange(now: number | null, before: number | null, w: Words = ENGLISH_WORDS): string {
  if (now === null || before === null) return w.say(R.cannotBeCompared);
  if (now === before) return w.say(R.noChange);
  return w.say(now > before ? R.up : R.down, { n: number(Math.abs(now - before)) });
}

/** The headline, as NIVN asks panels: the share of children in care with an IV, against the 10% target. */
export function accessSentence(report: LaReport, w: Words = ENGLISH_WORDS): string {
  const c = report.children;
  if (c.accessRate === null) return w.say(R.noAccessRate);
  return w.say(c.meetsTarget ? R.meetsTarget : R.belowTarget, {
    rate: percent(c.accessRate),
    matched: number(c.matched),
    children: children(c.lookedAfter, w),
    target: percent(c.accessTarget),
  });
}

export function waitSentence(report: LaReport, w: Words = ENGLISH_WORDS): string {
  const m = report.waits.matchedInPeriod;
  if (m.count === 0 || m.medianDays === null) return w.say(R.noneMatched);
  return w.say(m.count === 1 ? R.oneMatched : R.matched, {
    children: children(m.count, w),
    median: days(m.medianDays, w),
    p90: days(m.p90Days ?? m.medianDays, w),
  });
}

const SECTIONS: Record<string, string> = {
  children: 'Children',
  waits: 'Waiting times',
  breakdowns: 'Who is matched and who is waiting',
  flows: 'During the period',
  volunteers: 'Volunteers',
  compliance: 'Deadlines',
  safeguarding: 'Safeguarding (counts only)',
};

const MEASURES: Record<string, string> = {
  // children, at the snapshot
  lookedAfter: 'Children looked after',
  told: 'Told about their entitlement to an Independent Visitor',
  offered: 'Offered an Independent Visitor',
  declined: 'Declined an Independent Visitor',
  objected: 'Objected to an Independent Visitor',
  declinedOrObjected: 'Declined or objected',
  referred: 'Referred to the Independent Visitor service',
  waiting: 'Waiting for a match',
  matched: 'Matched with an Independent Visitor',
  accessRate: 'Share of children in care with an Independent Visitor',
  accessTarget: 'Target (National Independent Visitor Network)',
  meetsTarget: 'Meets the target',
  matchesOverTwoYears: 'Matches lasting over 2 years',
  careLeaversWithContinuingIv: 'Care leavers with a continuing Independent Visitor',
  // waits
  matchedInPeriod: 'Matches made in the period',
  matchedInArea: 'Matches made in the period, child placed in the area',
  matchedOutOfArea: 'Matches made in the period, child placed out of the area',
  waitingNow: 'Children waiting now',
  waitingNowInArea: 'Children waiting now, placed in the area',
  waitingNowOutOfArea: 'Children waiting now, placed out of the area',
  'matchedInPeriod.distribution': 'Matches made in the period, by how long the child waited',
  // flows
  referrals: 'Referrals made',
  referralsWithdrawn: 'Referrals withdrawn',
  matchesMade: 'Matches made',
  matchesEnded: 'Matches ended',
  endReasons: 'Matches ended, by reason',
  // volunteers
  recruited: 'Volunteers who applied',
  approved: 'Volunteers approved',
  awaitingApproval: 'Volunteers going through checks now',
  approvedNow: 'Approved volunteers now',
  unmatched: 'Approved volunteers not matched with a child',
  // compliance
  firstReviews: 'First looked-after reviews held',
  offeredBeforeFirstReview: 'Offered an Independent Visitor by their first review',
  shareOfferedBeforeFirstReview: 'Share offered by their first review',
  remindersSent: 'Reminders sent',
  deadlinesMissed: 'Deadlines missed',
  escalations: 'Escalations to a manager',
  missedByKind: 'Deadlines missed, by duty',
  // safeguarding
  concernsRaised: 'Safeguarding concerns raised',
  allegationsRaised: 'Allegations about an Independent Visitor raised',
  openNow: 'Safeguarding concerns still open',
};

const WAIT_PARTS: Record<string, string> = {
  count: 'number',
  medianDays: 'median wait',
  p90Days: 'wait within which 9 in 10 fall',
};

const WHO: Record<string, string> = {
  matched: 'Matched children',
  waiting: 'Children waiting',
  lookedAfter: 'Children looked after',
};
const BY: Record<string, string> = {
  sex: 'by sex',
  ageBand: 'by age',
  ethnicity: 'by ethnic group',
  placement: 'by placement',
};

const END_REASONS: Record<string, string> = {
  'child-left-care': 'The child left care',
  'iv-resigned': 'The Independent Visitor resigned',
  'la-terminated': 'The local authority ended the appointment',
  'child-objected': 'The child objected',
  'care-leaver-offer-ended': 'The care-leaver offer ended',
};

/** The labels the report's figures and groups are named by, for the web's catalogues (`terms`). */
export const REPORT_LABELS = [
  ...Object.values(SECTIONS),
  ...Object.values(MEASURES),
  ...Object.values(WAIT_PARTS),
  ...Object.values(WHO),
  ...Object.values(BY),
  ...Object.values(END_REASONS),
  'Male',
  'Female',
  'Placed in the area',
  'Placed out of the area',
  'Placement area not known',
];

/** A category of a breakdown, as a person reads it. */
export function categoryLabel(category: string, w: Words = ENGLISH_WORDS): string {
  if (category === 'male') return w.term('Male');
  if (category === 'female') return w.term('Female');
  if (category === 'in area') return w.term('Placed in the area');
  if (category === 'out of area') return w.term('Placed out of the area');
  if (category === 'not known') return w.term('Placement area not known');
  if (/^(under 1|1 to 4|5 to 9|10 to 15|16 and over)$/.test(category))
    return w.say(R.aged, { band: w.term(category) });
  if (category in END_REASONS) return w.term(END_REASONS[category]!);
  if (category in DUTY_LABELS) return w.term(DUTY_LABELS[category]!);
  if (/^(up to|over|\d)/.test(category)) return w.say(R.waited, { band: w.term(category) });
  return w.term(category);
}

/** How a figure's value reads: a rate as a percentage, a wait in days, yes or no, "none" for nothing to show. */
export function valueText(f: Figure, w: Words = ENGLISH_WORDS): string {
  const { value } = f;
  if (typeof value === 'boolean') return w.say(value ? R.yes : R.no);
  if (typeof value === 'string') return value;
  if (value === null) return w.say(R.none);
  if (isRate(f)) return percent(value);
  if (f.category === 'medianDays' || f.category === 'p90Days') return days(value, w);
  return number(value);
}

const isRate = (f: Figure) =>
  ['accessRate', 'accessTarget', 'shareOfferedBeforeFirstReview'].includes(f.measure);

export interface FigureInWords {
  section: string;
  figure: string;
  /** The group within the figure (a category of a breakdown), or '' for the figure as a whole. */
  group: string;
  value: string;
}

/** One figure of the report as a person reads it. */
export function figureInWords(f: Figure, w: Words = ENGLISH_WORDS): FigureInWords {
  const section = w.term(SECTIONS[f.section] ?? f.section);
  const measure = w.term(MEASURES[f.measure] ?? f.measure);
  if (f.section === 'breakdowns') {
    const [who, by] = f.measure.split('.');
    return {
      section,
      figure: w.say(R.figureBy, { who: w.term(WHO[who!]!), by: w.term(BY[by!]!) }),
      group: categoryLabel(f.category, w),
      value: valueText(f, w),
    };
  }
  if (f.section === 'waits' && f.category in WAIT_PARTS)
    return { section, figure: measure, group: w.term(WAIT_PARTS[f.category]!), value: valueText(f, w) };
  return {
    section,
    figure: measure,
    group: f.category ? categoryLabel(f.category, w) : '',
    value: valueText(f, w),
  };
}

/** A key for machines: lower case words joined by underscores ("lookedAfter" becomes "looked_after"). */
export const machineKey = (text: string): string =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_')
    .replace(/^_|_$/g, '');
