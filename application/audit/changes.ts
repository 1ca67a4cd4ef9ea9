import { type LocalDate, londonDateOf } from '../../domain/calendar';
import { DUTY_LABELS } from '../tasks';
import { eventTitle } from '../timeline';
import { ENGLISH_WORDS, type Words } from '../words';
import type { HistoryEntry } from './history';

/*
 * What changed in a record, in plain English: each fact after a moment as a sentence, with the day it happened and
 * the day it was recorded ("A second looked-after review was held" on 17 November 2026).
 */

export interface ChangeSentence {
  version: number;
  text: string;
  /** The London day it happened. */
  on?: LocalDate;
  /** The London day it was recorded, when that is another day (a late or backdated record). */
  recordedOn?: LocalDate;
}

/** The sentences of what changed, in English, each its own key in the web's catalogues (`sentences`). */
export const CHANGE_WORDS = {
  entered: 'The child entered care',
  reEntered: 'The child came back into care',
  placementInside: 'The child’s placement changed: now inside the local authority’s area',
  placementOutside: 'The child’s placement changed: now outside the local authority’s area',
  review: '{{A}} {{ordinal}} looked-after review was held{{considered}}',
  reviewConsidered: ', and it considered an Independent Visitor',
  told: 'The child was told about their entitlement to an Independent Visitor',
  offered: 'The child was offered an Independent Visitor',
  accepted: 'The child accepted an Independent Visitor',
  declined: 'The child declined an Independent Visitor',
  objected: 'The child objected to an Independent Visitor',
  decided: 'The child made a decision',
  referred: 'The child was referred to the Independent Visitor service',
  referralWithdrawn: 'The referral was withdrawn',
  matched: 'The child was matched with an Independent Visitor',
  visitHeld: 'A visit was held',
  visitCancelled: 'A visit was cancelled',
  visitMissed: 'A visit was missed',
  visitRecorded: 'A visit was recorded',
  matchReviewed: 'The match was reviewed',
  resigned: 'The Independent Visitor resigned',
  terminated: 'The local authority ended the Independent Visitor’s appointment',
  objectedToContinuing: 'The child objected to their Independent Visitor continuing',
  planned: 'A plan for the child’s 18th birthday was recorded',
  leftCare: 'The child left care',
  careLeaver: 'The Independent Visitor carries on under the care-leaver offer',
  ended: 'The Independent Visitor relationship ended',
  corrected: 'The child’s details were corrected',
  reminder: 'A reminder was sent: {{duty}}',
  missed: 'A deadline was missed: {{duty}}',
  escalated: 'It was escalated to a manager: {{duty}}',
  aDuty: 'a duty',
  a: 'A',
  an: 'An',
} as const;
const W = CHANGE_WORDS;
/** "second", said after "A" in English: in words up to the tenth. */
export const ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];
const ordinal = (n: number, w: Words) => (ORDINALS[n - 1] ? w.say(ORDINALS[n - 1]!) : `${n}th`);
const a = (n: number) => (n === 8 || n === 11 || n === 18 ? W.an : W.a);

const DECISIONS: Record<string, string> = {
  accepted: W.accepted,
  declined: W.declined,
  objected: W.objected,
};
const VISITS: Record<string, string> = {
  held: W.visitHeld,
  cancelled: W.visitCancelled,
  missed: W.visitMissed,
};

type Data = Record<string, unknown>;

function sentenceOf(type: string, data: Data, reviews: number, w: Words): string {
  const duty = () => {
    const label = DUTY_LABELS[String(data.kind)];
    return label ? w.term(label) : w.say(W.aDuty);
  };
  const fixed: Record<string, string> = {
    ChildEnteredCare: W.entered,
    ChildReEnteredCare: W.reEntered,
    ChildToldOfEntitlement: W.told,
    IndependentVisitorOffered: W.offered,
    ReferredToIvService: W.referred,
    ReferralWithdrawn: W.referralWithdrawn,
    VisitorMatched: W.matched,
    MatchReviewed: W.matchReviewed,
    IndependentVisitorResigned: W.resigned,
    AppointmentTerminatedByLa: W.terminated,
    ChildObjectedToContinuing: W.objectedToContinuing,
    EighteenthBirthdayPlanned: W.planned,
    ChildLeftCare: W.leftCare,
    IvContinuedUnderCareLeaverOffer: W.careLeaver,
    RelationshipEnded: W.ended,
    ChildDetailsCorrected: W.corrected,
  };
  if (fixed[type]) return w.say(fixed[type]);
  switch (type) {
    case 'ChildPlacementChanged':
      return w.say(data.placementInLaArea ? W.placementInside : W.placementOutside);
    case 'LookedAfterReviewHeld':
      return w.say(W.review, {
        A: w.say(a(reviews)),
        ordinal: ordinal(reviews, w),
        considered: data.ivConsidered ? w.say(W.reviewConsidered) : '',
      });
    case 'ChildDecisionRecorded':
      return w.say(DECISIONS[String(data.decision)] ?? W.decided);
    case 'VisitRecorded':
      return w.say(VISITS[String(data.outcome)] ?? W.visitRecorded);
    case 'ObligationReminderSent':
      return w.say(W.reminder, { duty: duty() });
    case 'ObligationDeadlineMissed':
      return w.say(W.missed, { duty: duty() });
    case 'ObligationEscalated':
      return w.say(W.escalated, { duty: duty() });
    default:
      return w.say(eventTitle(type));
  }
}

/**
 * Sentences for the entries after `afterVersion`, given the whole history (the entries before it count the reviews
 * already held, so the next one is called the "second").
 */
export function changesSince(
  entries: readonly HistoryEntry[],
  afterVersion: number,
  w: Words = ENGLISH_WORDS,
): ChangeSentence[] {
  let reviews = 0;
  const out: ChangeSentence[] = [];
  for (const entry of entries) {
    const data = ('data' in entry.upcast ? entry.upcast.data : entry.stored.data) as Data;
    if (entry.type === 'ChildEnteredCare' || entry.type === 'ChildReEnteredCare') reviews = 0;
    if (entry.type === 'LookedAfterReviewHeld') reviews++;
    if (entry.version <= afterVersion) continue;
    const on = entry.occurredAt ? londonDateOf(entry.occurredAt) : undefined;
    const recordedOn = entry.recordedAt ? londonDateOf(entry.recordedAt) : undefined;
    out.push({
      version: entry.version,
      text: sentenceOf(entry.type, data ?? {}, reviews, w),
      ...(on ? { on } : {}),
      ...(recordedOn && recordedOn !== on ? { recordedOn } : {}),
    });
  }
  return out;
}
