import { DUTY_LABELS } from '../tasks';
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

/** "1 child", "21 children". */
export const children = (n: number): string => `${number(n)} ${n === 1 ? 'child' : 'children'}`;

/** "1 day", "120 days". */
export const days = (n: number): string => `${number(n)} ${n === 1 ? 'day' : 'days'}`;

/** A change in a rate, in percentage points, in words: "up 1.2 percentage points". */
export function pointsChange(now: number | null, before: number | null): string {
  if (now === null || before === null) return 'Cannot be compared';
  const points = Math.round((now - before) * 1000) / 10;
  if (points === 0) return 'No change';
  return `${points > 0 ? 'Up' : 'Down'} ${Math.abs(points).toFixed(1)} percentage points`;
}

/** A change in a count, in words: "up 3", "down 12", "no change". */
export function countChange(now: number | null, before: number | null): string {
  if (now === null || before === null) return 'Cannot be compared';
  if (now === before) return 'No change';
  return `${now > before ? 'Up' : 'Down'} ${number(Math.abs(now - before))}`;
}

/** The headline, as NIVN asks panels: the share of children in care with an IV, against the 10% target. */
export function accessSentence(report: LaReport): string {
  const c = report.children;
  if (c.accessRate === null) return 'No children were looked after on this date, so there is no access rate.';
  const target = percent(c.accessTarget);
  return (
    `${percent(c.accessRate)} of children in care have an Independent Visitor (${number(c.matched)} of ${children(c.lookedAfter)}), ` +
    `against a target of ${target}. ${c.meetsTarget ? 'This meets the target.' : 'This is below the target.'}`
  );
}

export function waitSentence(report: LaReport): string {
  const w = report.waits.matchedInPeriod;
  if (w.count === 0 || w.medianDays === null) return 'No child was matched in this period.';
  return (
    `${children(w.count)} ${w.count === 1 ? 'was' : 'were'} matched in this period. Half waited ${days(w.medianDays)} or less ` +
    `from referral to match, and 9 in 10 waited ${days(w.p90Days ?? w.medianDays)} or less.`
  );
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

/** A category of a breakdown, as a person reads it. */
export function categoryLabel(category: string): string {
  if (category === 'male') return 'Male';
  if (category === 'female') return 'Female';
  if (category === 'in area') return 'Placed in the area';
  if (category === 'out of area') return 'Placed out of the area';
  if (category === 'not known') return 'Placement area not known';
  if (/^(under 1|1 to 4|5 to 9|10 to 15|16 and over)$/.test(category)) return `Aged ${category}`;
  if (category in END_REASONS) return END_REASONS[category]!;
  if (category in DUTY_LABELS) return DUTY_LABELS[category]!;
  if (/^(up to|over|\d)/.test(category)) return `Waited ${category}`;
  return category;
}

/** How a figure's value reads: a rate as a percentage, a wait in days, yes or no, "none" for nothing to show. */
export function valueText(f: Figure): string {
  const { value } = f;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value;
  if (value === null) return 'None';
  if (isRate(f)) return percent(value);
  if (f.category === 'medianDays' || f.category === 'p90Days') return days(value);
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
export function figureInWords(f: Figure): FigureInWords {
  const section = SECTIONS[f.section] ?? f.section;
  if (f.section === 'breakdowns') {
    const [who, by] = f.measure.split('.');
    return {
      section,
      figure: `${WHO[who!]} ${BY[by!]}`,
      group: categoryLabel(f.category),
      value: valueText(f),
    };
  }
  if (f.section === 'waits' && f.category in WAIT_PARTS)
    return {
      section,
      figure: MEASURES[f.measure] ?? f.measure,
      group: WAIT_PARTS[f.category]!,
      value: valueText(f),
    };
  return {
    section,
    figure: MEASURES[f.measure] ?? f.measure,
    group: f.category ? categoryLabel(f.category) : '',
    value: valueText(f),
  };
}

/** A key for machines: lower case words joined by underscores ("lookedAfter" becomes "looked_after"). */
export const machineKey = (text: string): string =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_')
    .replace(/^_|_$/g, '');
