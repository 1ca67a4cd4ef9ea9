import { type LocalDate, londonDateOf } from '../../domain/calendar';
import { DUTY_LABELS } from '../tasks';
import { eventTitle } from '../timeline';
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

const ORDINALS = [
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
const ordinal = (n: number) => ORDINALS[n - 1] ?? `${n}th`;
const a = (n: number) => (n === 8 || n === 11 || n === 18 ? 'An' : 'A');

const DECISIONS: Record<string, string> = {
  accepted: 'accepted an Independent Visitor',
  declined: 'declined an Independent Visitor',
  objected: 'objected to an Independent Visitor',
};
const VISITS: Record<string, string> = { held: 'held', cancelled: 'cancelled', missed: 'missed' };

type Data = Record<string, unknown>;
const duty = (data: Data) => DUTY_LABELS[String(data.kind)] ?? 'a duty';

function sentenceOf(type: string, data: Data, reviews: number): string {
  switch (type) {
    case 'ChildEnteredCare':
      return 'The child entered care';
    case 'ChildReEnteredCare':
      return 'The child came back into care';
    case 'ChildPlacementChanged':
      return `The child’s placement changed: now ${data.placementInLaArea ? 'inside' : 'outside'} the local authority’s area`;
    case 'LookedAfterReviewHeld':
      return `${a(reviews)} ${ordinal(reviews)} looked-after review was held${data.ivConsidered ? ', and it considered an Independent Visitor' : ''}`;
    case 'ChildToldOfEntitlement':
      return 'The child was told about their entitlement to an Independent Visitor';
    case 'IndependentVisitorOffered':
      return 'The child was offered an Independent Visitor';
    case 'ChildDecisionRecorded':
      return `The child ${DECISIONS[String(data.decision)] ?? 'made a decision'}`;
    case 'ReferredToIvService':
      return 'The child was referred to the Independent Visitor service';
    case 'ReferralWithdrawn':
      return 'The referral was withdrawn';
    case 'VisitorMatched':
      return 'The child was matched with an Independent Visitor';
    case 'VisitRecorded':
      return `A visit was ${VISITS[String(data.outcome)] ?? 'recorded'}`;
    case 'MatchReviewed':
      return 'The match was reviewed';
    case 'IndependentVisitorResigned':
      return 'The Independent Visitor resigned';
    case 'AppointmentTerminatedByLa':
      return 'The local authority ended the Independent Visitor’s appointment';
    case 'ChildObjectedToContinuing':
      return 'The child objected to their Independent Visitor continuing';
    case 'EighteenthBirthdayPlanned':
      return 'A plan for the child’s 18th birthday was recorded';
    case 'ChildLeftCare':
      return 'The child left care';
    case 'IvContinuedUnderCareLeaverOffer':
      return 'The Independent Visitor carries on under the care-leaver offer';
    case 'RelationshipEnded':
      return 'The Independent Visitor relationship ended';
    case 'ChildDetailsCorrected':
      return 'The child’s details were corrected';
    case 'ObligationReminderSent':
      return `A reminder was sent: ${duty(data)}`;
    case 'ObligationDeadlineMissed':
      return `A deadline was missed: ${duty(data)}`;
    case 'ObligationEscalated':
      return `It was escalated to a manager: ${duty(data)}`;
    default:
      return eventTitle(type);
  }
}

/**
 * Sentences for the entries after `afterVersion`, given the whole history (the entries before it count the reviews
 * already held, so the next one is called the "second").
 */
export function changesSince(entries: readonly HistoryEntry[], afterVersion: number): ChangeSentence[] {
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
      text: sentenceOf(entry.type, data ?? {}, reviews),
      ...(on ? { on } : {}),
      ...(recordedOn && recordedOn !== on ? { recordedOn } : {}),
    });
  }
  return out;
}
