import { type LocalDate, londonDateOf, longDateOf, type WorkingDayCalendar } from '../domain/calendar';
import { versionsInError } from '../domain/corrections';
import type { Obligation } from '../domain/obligations';
import { ETHNICITY, type EthnicityCode } from '../events/contracts/ethnicity';
import type { RecordedEvent } from '../events/envelope';
import type { App } from './app';
import * as L from './labels';
import { OBLIGATION_LABELS } from './labels';
import { AUTOMATED, FORMER_STAFF, nameBook } from './people';
import { withheldText } from './personal-data/visibility';
import { moneyText } from './volunteers/expense-fields';
import { ENGLISH_WORDS, type Words } from './words';

/**
 * A record's history as people read it: every event a sentence naming who did what ("Priya Okafor offered Jay an
 * Independent Visitor"), dates in words, codes as labels, ids never. The sentence of each event is written once,
 * here (sentenceOf), for the child's and the volunteer's pages and for the audit views alike. The reminders and
 * escalations of one obligation read as one entry that opens to show each.
 */

/** Working days from today until a due date: 0 on the day, negative once overdue. */
export function workingDaysLeft(calendar: WorkingDayCalendar, today: LocalDate, due: LocalDate): number {
  if (due === today) return 0;
  // A due date that has passed is overdue even when no working day lies between (due on Saturday, read on Monday).
  if (due < today) return Math.min(-1, -countWorkingDays(calendar, due, today));
  return countWorkingDays(calendar, today, due);
}

/** Working days after `from` up to and including `to` (from < to). */
function countWorkingDays(calendar: WorkingDayCalendar, from: LocalDate, to: LocalDate): number {
  let count = 0;
  for (let day = calendar.addWorkingDays(from, 1); day <= to; day = calendar.addWorkingDays(day, 1)) count++;
  return count;
}

/** "3 working days left", "Due today", "5 working days overdue". */
export function daysLeftText(days: number): string {
  if (days === 0) return 'Due today';
  const n = Math.abs(days);
  return `${n} working ${n === 1 ? 'day' : 'days'} ${days < 0 ? 'overdue' : 'left'}`;
}

export interface ObligationRow {
  summary: string;
  kind: string;
  dueOn: LocalDate;
  daysLeft: number;
}

export const obligationRows = (
  obligations: readonly Obligation[],
  calendar: WorkingDayCalendar,
  now: Date,
): ObligationRow[] =>
  obligations
    .map((o) => {
      const dueOn = o.dueOn ?? londonDateOf(new Date(Date.parse(o.dueAt) - 1));
      return {
        summary: OBLIGATION_LABELS[o.kind] ?? o.summary,
        kind: o.kind,
        dueOn,
        daysLeft: workingDaysLeft(calendar, londonDateOf(now), dueOn),
      };
    })
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));

/** "1 December 2026", from a local date or the London day of an instant. */
export function inWords(date: string): string {
  return longDateOf(date.length === 10 ? date : londonDateOf(date));
}

/** Who and what a sentence names, by name. */
export interface SentenceContext {
  /** The person who recorded it. */
  actor: string;
  /** Their role, where a sentence says it: a visit recorded by the Independent Visitor themselves. */
  actorRole?: string;
  /** The child as a sentence names them ("Jay", "the child"); on a volunteer's record, the volunteer. */
  subject: string;
  staff(id: string): string;
  volunteer(id: string): string;
  child(id: string): string;
  /** An earlier entry of the same record, for a correction that names it. */
  entry(version: number): RecordedEvent | undefined;
}

/**
 * The history's words in English, each its own key in the web's catalogues (`sentences`), where the Welsh is. A
 * sentence names its people by placeholders: {{actor}} who recorded it; {{child}} or {{volunteer}} the record's
 * person, with {{childs}} / {{volunteers}} their possessive ("Jay’s") and {{Childs}} at the start of a sentence.
 */
export const HISTORY_WORDS = {
  enteredCare:
    '{{actor}} recorded {{child}} coming into care, placed {{placement}}, with {{socialWorker}} as social worker and {{iro}} as independent reviewing officer.',
  reEnteredCare: '{{actor}} recorded {{child}} coming back into care, placed {{placement}}.',
  placementChanged: '{{actor}} recorded {{childs}} move to a placement {{placement}}.',
  socialWorkerAllocated: '{{actor}} allocated {{staff}} as {{childs}} social worker.',
  iroAllocated: '{{actor}} allocated {{staff}} as {{childs}} independent reviewing officer.',
  reviewConsidered:
    '{{actor}} recorded {{childs}} looked-after review, which considered an Independent Visitor: {{outcome}}.',
  reviewNotConsidered:
    '{{actor}} recorded {{childs}} looked-after review, which did not consider an Independent Visitor.',
  told: '{{actor}} told {{child}} about Independent Visitors.',
  offered: '{{actor}} offered {{child}} an Independent Visitor.',
  objectedToVisitor:
    '{{actor}} recorded that {{child}} objected to {{volunteer}} as their Independent Visitor{{understanding}}.',
  decided: '{{actor}} recorded that {{child}} {{decision}}{{understanding}}.',
  withUnderstanding: ', with the understanding to decide',
  asWishes: ' (their wishes, recorded before wishes and feelings had their own entry)',
  wishes: '{{actor}} recorded {{childs}} wishes and feelings: {{wishes}}.',
  withdrewObjectionToAny:
    '{{actor}} recorded that {{child}} withdrew their objection to having an Independent Visitor.',
  withdrewObjectionTo: '{{actor}} recorded that {{child}} withdrew their objection to {{volunteer}}.',
  referred: '{{actor}} referred {{child}} to the Independent Visitor service{{asks}}.',
  asksInterests: 'interests: {{tags}}',
  asksLanguages: 'speaks {{tags}}',
  asksWoman: 'would like a woman as their visitor',
  asksMan: 'would like a man as their visitor',
  asksAvailability: 'can be visited at {{times}}',
  asksNeeds: 'needs: {{tags}}',
  asksWishes: 'wishes: {{tags}}',
  referralWithdrawn: '{{actor}} withdrew {{childs}} referral: {{reason}}.',
  matched: '{{actor}} matched {{child}} with {{volunteer}} as their Independent Visitor.',
  visitorRecording: '{{actor}}, {{childs}} Independent Visitor,',
  inPerson: 'in person',
  remotely: 'remotely',
  visitMissed: '{{who}} recorded a visit {{how}} that was missed.',
  visitCancelled: '{{who}} recorded a visit {{how}} that was cancelled.',
  visitHeld: '{{who}} recorded a visit {{how}}{{duration}}{{activities}}.{{howItWent}}',
  visitMinutes: ' of {{minutes}} minutes',
  allegationRaised:
    '{{actor}} raised an allegation about {{childs}} Independent Visitor, {{volunteer}} (concern {{number}}){{what}}. The match is suspended until its outcome is recorded.',
  concernRaised: '{{actor}} raised a safeguarding concern about {{child}} (concern {{number}}){{what}}.',
  concernAcknowledged: '{{actor}} acknowledged safeguarding concern {{number}}.',
  socialWorkerTold:
    '{{actor}} recorded that {{staff}}, {{childs}} social worker, was told about safeguarding concern {{number}}.',
  referredToLado:
    '{{actor}} referred the allegation (concern {{number}}) to the local authority designated officer (LADO).',
  concernOutcome: '{{actor}} recorded the outcome of safeguarding concern {{number}}: {{outcome}}{{note}}.',
  matchReviewed: '{{actor}} reviewed the match: {{outcome}}.',
  childDidNotSay: '{{child}} did not want to say how it is going',
  childSaid: '{{child}} said it is {{going}}',
  visitorSaid: 'the Independent Visitor said it is {{going}}',
  carerSaid: 'the carer said it is {{going}}',
  resigned: '{{actor}} recorded the Independent Visitor’s resignation, by written notice of {{on}}.',
  terminated: '{{actor}} ended the appointment by written notice of {{on}}: {{reason}}.',
  objectedToContinuingAndAny:
    '{{actor}} recorded {{childs}} objection to their Independent Visitor continuing, and to having any Independent Visitor.',
  objectedToContinuing: '{{actor}} recorded {{childs}} objection to their Independent Visitor continuing.',
  plannedEndAt18: '{{actor}} planned that {{childs}} Independent Visitor ends at 18.',
  plannedToContinue:
    '{{actor}} planned that {{childs}} Independent Visitor continues under the care-leaver offer{{until}}.',
  untilAge: ' until {{age}}',
  leftCare: '{{actor}} recorded {{child}} leaving care: {{reason}}.',
  continuesAsCareLeaver:
    '{{Childs}} Independent Visitor continues under the care-leaver offer until {{age}}.',
  relationshipEnded:
    '{{Childs}} relationship with {{volunteer}} as their Independent Visitor ended: {{why}}.',
  endedAsChildLeftCare: '{{child}} left care',
  endedAsVisitorResigned: 'the Independent Visitor resigned',
  endedByLa: 'the local authority ended it',
  endedAsChildObjected: '{{child}} objected to it continuing',
  endedWithCareLeaverOffer: 'the care-leaver offer ended',
  endedOtherwise: 'it ended',
  detailsCorrected: '{{actor}} corrected {{childs}} details: {{changes}}.',
  changedTo: '{{field}} to {{value}}',
  markedAsMistake: '{{actor}} marked {{entry}} as recorded by mistake: “{{explanation}}”.',
  entryOf: '{{entry}} of {{on}}',
  anEarlierEntry: 'an earlier entry',
  reminderSent: '{{actor}} sent a reminder: {{duty}} by {{due}}.',
  deadlineMissed: '{{actor}} recorded that the deadline was missed: {{duty}} by {{due}}.',
  escalated: '{{actor}} escalated it to the manager and the IRO (escalation {{number}}).',
  reminders: 'Automated reminders ({{number}}): {{duty}}, {{state}}.',
  aDuty: 'a duty',
  dueSoon: 'due soon',
  overdue: 'overdue',
  escalatedState: 'escalated',
  applied: '{{actor}} recorded {{volunteers}} application to be an Independent Visitor.',
  volunteerDetailsChanged: '{{actor}} changed {{volunteers}} details: {{changes}}.',
  satisfactoryReference: '{{actor}} recorded a satisfactory reference.',
  unsatisfactoryReference: '{{actor}} recorded an unsatisfactory reference.',
  dbsRecorded: '{{actor}} recorded the {{level}} DBS check, issued on {{on}}{{updateService}}.',
  dbsRenewed: '{{actor}} recorded a renewed {{level}} DBS check, issued on {{on}}{{updateService}}.',
  onTheUpdateService: ', on the Update Service',
  updateServiceNoChange: '{{actor}} checked the DBS Update Service: no change.',
  updateServiceNewInformation:
    '{{actor}} checked the DBS Update Service: new information, so a new check is needed.',
  trainingCompleted: '{{actor}} recorded that {{volunteer}} completed {{course}}.',
  trainingCompletedOwn: '{{actor}} recorded completing {{course}}.',
  aCourse: 'a course',
  courseOn: '{{course}} on {{on}}',
  courseRenewedBy: '{{course}}, to be renewed by {{by}}',
  expenseClaimed: '{{actor}} claimed {{claim}}, spent on {{on}}: “{{description}}”.',
  expenseApproved: '{{actor}} approved {{volunteers}} claim {{claim}}.',
  expenseRejected: '{{actor}} rejected {{volunteers}} claim {{claim}}: “{{reason}}”.',
  amountFor: '{{amount}} for {{category}}',
  claimOf: 'of {{claim}}',
  forExpenses: 'for expenses',
  notIndependent:
    '{{actor}} recorded {{volunteers}} declaration of independence, which says they are {{categories}}, so they cannot be approved.',
  andAlso: ', and ',
  electedMember: 'an elected member of the local authority',
  employee: 'an employee of the local authority',
  relative: 'a relative or household member of either',
  placementProvider: 'connected with the placement provider',
  independent: '{{actor}} recorded {{volunteers}} declaration of independence from the local authority.',
  approvedForOne: '{{actor}} approved {{volunteer}} as an Independent Visitor for up to 1 child at once.',
  approved:
    '{{actor}} approved {{volunteer}} as an Independent Visitor for up to {{capacity}} children at once.',
  capacityChanged: '{{actor}} changed how many children {{volunteer}} may visit at once to {{capacity}}.',
  paused: '{{actor}} paused {{volunteers}} matches: {{reason}}.',
  resumed: '{{actor}} recorded that {{volunteer}} resumed.',
  supervision: '{{actor}} held a supervision session with {{volunteer}}.',
  suspended: '{{actor}} suspended {{volunteer}}: {{reason}}.',
  suspensionLifted: '{{actor}} lifted {{volunteers}} suspension.',
  volunteerLeft: '{{actor}} recorded that {{volunteer}} left the service: {{reason}}.',
  matchedWithChild: '{{actor}} matched {{volunteer}} with {{child}} as their Independent Visitor.',
  matchEnded: '{{Volunteers}} match with {{child}} ended.',
  erased: '{{actor}} erased {{persons}} personal data ({{basis}}): “{{reason}}”.',
  holdPlaced: '{{actor}} placed a legal hold on {{persons}} record: “{{reason}}”.',
  holdLifted: '{{actor}} lifted a legal hold on {{persons}} record: “{{reason}}”.',
  recordedAnEntry: '{{actor}} recorded an entry.',
  // How the sentences name people when no name is recorded.
  theChild: 'the child',
  aChild: 'a child',
  theVolunteer: 'the volunteer',
  yes: 'yes',
  no: 'no',
} as const;

/** Names the sentences use when a person's name is not there to use, and what stands for a withheld value. */
export const HISTORY_NAMES = [
  AUTOMATED,
  FORMER_STAFF,
  'a volunteer whose name is erased',
  'a volunteer whose name is not recorded',
  'Erased',
  'Not shown: special category data',
] as const;

/** The other words of the history, by the value they stand for. */
export const HISTORY_PHRASES = {
  decisions: {
    accepted: 'accepted the offer of an Independent Visitor',
    declined: 'declined the offer of an Independent Visitor',
    objected: 'objected to having an Independent Visitor',
  },
  wishes: {
    'wants-a-visitor': 'they would like an Independent Visitor',
    'does-not-want-a-visitor': 'they do not want an Independent Visitor',
    'does-not-want-this-visitor': 'they do not want this Independent Visitor',
    other: 'said what they think',
  },
  /** The entry a correction names, as a noun phrase: "the visit" (of 3 March 2026). */
  entries: {
    ChildToldOfEntitlement: 'being told about Independent Visitors',
    IndependentVisitorOffered: 'the offer of an Independent Visitor',
    ChildDecisionRecorded: 'the child’s decision',
    LookedAfterReviewHeld: 'the looked-after review',
    VisitRecorded: 'the visit',
    MatchReviewed: 'the match review',
    ChildPlacementChanged: 'the change of placement',
    EighteenthBirthdayPlanned: 'the plan for the 18th birthday',
    other: 'the entry',
  },
  placements: {
    insideIn: 'in {{town}}, inside the local authority’s area',
    outsideIn: 'in {{town}}, outside the local authority’s area',
    inside: 'inside the local authority’s area',
    outside: 'outside the local authority’s area',
    in: 'in {{town}}',
    unknown: 'where the record does not say',
  },
  erasureBases: {
    'retention-period-ended': 'the retention period ended',
    'erasure-request': 'on request',
    'recorded-in-error': 'recorded in error',
  },
  fields: {
    firstNames: 'first names',
    lastName: 'last name',
    preferredName: 'preferred name',
    caseSystemId: 'case-system id',
    dateOfBirth: 'date of birth',
    sex: 'sex',
    ethnicity: 'ethnicity',
    unaccompaniedAsylumSeeking: 'unaccompanied asylum-seeking',
    placementInLaArea: 'placement inside the area',
    placementArea: 'placement area',
    socialWorkerRef: 'social worker',
    iroRef: 'IRO',
    name: 'name',
    email: 'email address',
    phone: 'phone number',
    languages: 'languages',
    interests: 'interests',
    travelAreas: 'areas they travel to',
    availability: 'availability',
    contactChannel: 'how they want to be contacted',
    correspondenceLanguage: 'language for messages',
  } as Record<string, string>,
} as const;

const possessive = (name: string) => (name.endsWith('s') ? `${name}’` : `${name}’s`);
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const W = HISTORY_WORDS;
const P = HISTORY_PHRASES;

function placement(data: { placementInLaArea?: boolean; placementArea?: string }, w: Words): string {
  // An erased or hidden town is left out: the sentence still says whether the placement was in the area.
  const town = data.placementArea && !withheldText(data.placementArea) ? data.placementArea : undefined;
  if (data.placementInLaArea === undefined)
    return town ? w.say(P.placements.in, { town }) : w.say(P.placements.unknown);
  const inside = data.placementInLaArea;
  if (town) return w.say(inside ? P.placements.insideIn : P.placements.outsideIn, { town });
  return w.say(inside ? P.placements.inside : P.placements.outside);
}

/** Tags as words, or "erased" / "not shown" when the list is withheld. */
const tagsText = (value: unknown, w: Words): string =>
  Array.isArray(value) ? L.tagList(value) : w.say(withheldText(value) ?? '').toLowerCase();
/** A person's own words or staff's free text, or what stands in its place when withheld. */
const freeText = (value: string, w: Words = ENGLISH_WORDS): string => {
  const withheld = withheldText(value);
  return withheld ? w.say(withheld) : value;
};
/** A label of the application's, in the reader's language, as a sentence continues it: "no further action". */
const lowLabel = <V extends string>(
  options: ReadonlyArray<{ value: V; text: string }>,
  value: string,
  w: Words,
) => w.term(L.labelOf(options, value)).toLowerCase();

function changedValue(key: string, value: unknown, ctx: SentenceContext, w: Words): string {
  const withheld = withheldText(value);
  if (withheld) return w.say(withheld).toLowerCase();
  if (typeof value === 'boolean') return w.say(value ? W.yes : W.no);
  if (Array.isArray(value))
    return key === 'availability'
      ? value.map((v) => lowLabel(L.AVAILABILITY, v, w)).join(', ')
      : key === 'travelAreas'
        ? value.join(', ')
        : L.tagList(value);
  const text = String(value);
  if (key === 'dateOfBirth') return w.date(text);
  if (key === 'ethnicity') return w.term(ETHNICITY[text as EthnicityCode]?.label ?? text);
  if (key === 'sex') return text;
  if (key === 'contactChannel') return lowLabel(L.CONTACT_CHANNELS, text, w);
  if (key === 'correspondenceLanguage') return w.term(L.labelOf(L.CORRESPONDENCE_LANGUAGES, text));
  if (key === 'socialWorkerRef' || key === 'iroRef') return w.term(ctx.staff(text));
  return text;
}

/** A concern's number as staff say it: "concern 2". */
const concernNumber = (d: { concernId: string }) => d.concernId.replace(/^concern-/, '');
/** Free text quoted after a colon, or nothing when it is withheld from this reader or absent. */
const shownQuote = (value: string | undefined) =>
  value === undefined || withheldText(value) ? '' : `: “${value}”`;

const changesText = (changes: Record<string, unknown>, ctx: SentenceContext, w: Words) =>
  Object.entries(changes)
    .map(([key, value]) =>
      w.say(W.changedTo, {
        field: P.fields[key] ? w.say(P.fields[key]) : key,
        value: changedValue(key, value, ctx, w),
      }),
    )
    .join('; ');

/** The title of an entry a correction names, said as a noun phrase: "the visit of 3 March 2026". */
function entryPhrase(entry: RecordedEvent | undefined, w: Words): string {
  if (!entry) return w.say(W.anEarlierEntry);
  const what = P.entries[entry.type as keyof typeof P.entries] ?? P.entries.other;
  return w.say(W.entryOf, { entry: w.say(what), on: w.date(entry.metadata.occurredAt) });
}

/** "£12.50 for travel". */
const claimWords = (claim: { amountPence: number; category: string }, w: Words) =>
  w.say(W.amountFor, {
    amount: moneyText(claim.amountPence),
    category: lowLabel(L.EXPENSE_CATEGORIES, claim.category, w),
  });

/** "of £12.50 for travel": the claim a decision is about, found among the record's earlier entries. */
function claimPhrase(ctx: SentenceContext, claimId: string, w: Words): string {
  for (let version = 1; ctx.entry(version); version++) {
    const entry = ctx.entry(version)!;
    const data = entry.data as { claimId?: string; amountPence: number; category: string };
    if (entry.type === 'ExpenseClaimed' && data.claimId === claimId)
      return w.say(W.claimOf, { claim: claimWords(data, w) });
  }
  return w.say(W.forExpenses);
}

/** The one sentence for an event, naming people by name. Every event type has one. */
export function sentenceOf(
  event: Pick<RecordedEvent, 'type' | 'data'>,
  ctx: SentenceContext,
  w: Words = ENGLISH_WORDS,
): string {
  const c = w.say(ctx.subject);
  const who = { actor: w.say(ctx.actor), child: c, childs: possessive(c), Childs: capital(possessive(c)) };
  // On a volunteer's record the record's person is the volunteer, and {{child}} the child a sentence names.
  const volunteer = {
    actor: who.actor,
    volunteer: c,
    volunteers: possessive(c),
    Volunteers: capital(possessive(c)),
  };
  const either = { actor: who.actor, person: c, persons: possessive(c) };
  const say = (text: string, values: Record<string, string | number> = {}) =>
    w.say(text, { ...who, ...values });
  const staff = (id: string) => w.say(ctx.staff(id));
  const visitor = (id: string) => w.say(ctx.volunteer(id));
  const understanding = (d: { sufficientUnderstanding?: boolean }) =>
    w.say(d.sufficientUnderstanding ? W.withUnderstanding : W.asWishes);
  const duty = (kind: string) =>
    lowerFirst(w.term(OBLIGATION_LABELS[kind as keyof typeof OBLIGATION_LABELS] ?? kind));
  // biome-ignore lint/suspicious/noExplicitAny: the data of each case is the contract's, read by its own case.
  const d = event.data as any;
  switch (event.type) {
    case 'ChildEnteredCare':
      return say(W.enteredCare, {
        placement: placement(d, w),
        socialWorker: staff(d.socialWorkerRef),
        iro: staff(d.iroRef),
      });
    case 'ChildReEnteredCare':
      return say(W.reEnteredCare, { placement: placement(d, w) });
    case 'ChildPlacementChanged':
      return say(W.placementChanged, { placement: placement(d, w) });
    case 'StaffAllocated':
      return say(d.role === 'iro' ? W.iroAllocated : W.socialWorkerAllocated, { staff: staff(d.staffId) });
    case 'LookedAfterReviewHeld':
      return d.ivConsidered
        ? say(W.reviewConsidered, {
            outcome: `${lowLabel(L.REVIEW_OUTCOMES, d.outcome, w)}${d.notInInterestsReason ? ` (“${freeText(d.notInInterestsReason, w)}”)` : ''}`,
          })
        : say(W.reviewNotConsidered);
    case 'ChildToldOfEntitlement':
      return say(W.told);
    case 'IndependentVisitorOffered':
      return say(W.offered);
    case 'ChildDecisionRecorded':
      if (d.decision === 'objected' && d.objectionTo === 'proposed-visitor')
        return say(W.objectedToVisitor, {
          volunteer: visitor(d.proposedVolunteerId),
          understanding: d.sufficientUnderstanding ? '' : w.say(W.asWishes),
        });
      return say(W.decided, {
        decision: w.say(P.decisions[d.decision as keyof typeof P.decisions]),
        understanding: understanding(d),
      });
    case 'ChildWishesAndFeelingsRecorded':
      return say(W.wishes, { wishes: w.say(P.wishes[d.wishes as keyof typeof P.wishes] ?? P.wishes.other) });
    case 'ObjectionWithdrawn':
      return d.objectionTo === 'any-visitor'
        ? say(W.withdrewObjectionToAny)
        : say(W.withdrewObjectionTo, { volunteer: visitor(d.volunteerId) });
    case 'ReferredToIvService': {
      const asks = [
        d.interests?.length ? w.say(W.asksInterests, { tags: L.tagList(d.interests) }) : '',
        d.languages?.length ? w.say(W.asksLanguages, { tags: L.tagList(d.languages) }) : '',
        d.visitorSex ? w.say(d.visitorSex === 'female' ? W.asksWoman : W.asksMan) : '',
        d.availability?.length
          ? w.say(W.asksAvailability, {
              times: d.availability.map((v: string) => lowLabel(L.AVAILABILITY, v, w)).join(', '),
            })
          : '',
        d.needs?.length ? w.say(W.asksNeeds, { tags: tagsText(d.needs, w) }) : '',
        d.preferences?.length ? w.say(W.asksWishes, { tags: tagsText(d.preferences, w) }) : '',
      ].filter(Boolean);
      return say(W.referred, { asks: asks.length ? ` (${asks.join('; ')})` : '' });
    }
    case 'ReferralWithdrawn':
      return say(W.referralWithdrawn, { reason: lowLabel(L.WITHDRAWAL_REASONS, d.reason, w) });
    case 'VisitorMatched':
      return say(W.matched, { volunteer: visitor(d.volunteerId) });
    case 'VisitRecorded': {
      const how = w.say(d.mode === 'remote' ? W.remotely : W.inPerson);
      const by = ctx.actorRole === 'independent-visitor' ? say(W.visitorRecording) : who.actor;
      if (d.outcome !== 'held')
        return say(d.outcome === 'missed' ? W.visitMissed : W.visitCancelled, { who: by, how });
      return say(W.visitHeld, {
        who: by,
        how,
        duration: d.durationMinutes ? w.say(W.visitMinutes, { minutes: d.durationMinutes }) : '',
        activities: d.activities ? `: “${freeText(d.activities, w)}”` : '',
        howItWent: d.howItWent ? ` ${w.term(L.labelOf(L.HOW_IT_WENT, d.howItWent))}.` : '',
      });
    }
    case 'SafeguardingConcernRaised': {
      const values = { number: concernNumber(d), what: shownQuote(d.summary) };
      return d.about === 'visitor'
        ? say(W.allegationRaised, { ...values, volunteer: visitor(d.volunteerId) })
        : say(W.concernRaised, values);
    }
    case 'SafeguardingConcernAcknowledged':
      return say(W.concernAcknowledged, { number: concernNumber(d) });
    case 'ConcernSocialWorkerInformed':
      return say(W.socialWorkerTold, { staff: staff(d.staffId), number: concernNumber(d) });
    case 'AllegationReferredToLado':
      return say(W.referredToLado, { number: concernNumber(d) });
    case 'SafeguardingConcernOutcomeRecorded':
      return say(W.concernOutcome, {
        number: concernNumber(d),
        outcome: lowLabel(L.CONCERN_OUTCOMES, d.outcome, w),
        note: shownQuote(d.note),
      });
    case 'MatchReviewed': {
      const reviewed = say(W.matchReviewed, { outcome: lowLabel(L.MATCH_REVIEW_OUTCOMES, d.outcome, w) });
      const going = (view: { going: string }) => ({ going: lowLabel(L.CHILDS_MATCH_GOING, view.going, w) });
      const views = [
        d.childsView &&
          (d.childsView.going === 'did-not-want-to-say'
            ? say(W.childDidNotSay)
            : say(W.childSaid, going(d.childsView))),
        d.visitorsView && say(W.visitorSaid, going(d.visitorsView)),
        d.carersView && say(W.carerSaid, going(d.carersView)),
      ].filter(Boolean);
      return views.length ? `${reviewed} ${capital(views.join('; '))}.` : reviewed;
    }
    case 'IndependentVisitorResigned':
      return say(W.resigned, { on: w.date(d.writtenNoticeOn) });
    case 'AppointmentTerminatedByLa':
      return say(W.terminated, {
        on: w.date(d.writtenNoticeOn),
        reason: lowLabel(L.TERMINATION_REASONS, d.reason, w),
      });
    case 'ChildObjectedToContinuing':
      return say(d.objectionTo === 'any-visitor' ? W.objectedToContinuingAndAny : W.objectedToContinuing);
    case 'EighteenthBirthdayPlanned':
      return d.plan === 'end-at-18'
        ? say(W.plannedEndAt18)
        : say(W.plannedToContinue, { until: d.untilAge ? w.say(W.untilAge, { age: d.untilAge }) : '' });
    case 'ChildLeftCare':
      return say(W.leftCare, { reason: lowLabel(L.LEFT_CARE_REASONS, d.reason, w) });
    case 'IvContinuedUnderCareLeaverOffer':
      return say(W.continuesAsCareLeaver, { age: d.untilAge });
    case 'RelationshipEnded': {
      const why: Record<string, string> = {
        'child-left-care': W.endedAsChildLeftCare,
        'iv-resigned': W.endedAsVisitorResigned,
        'la-terminated': W.endedByLa,
        'child-objected': W.endedAsChildObjected,
        'care-leaver-offer-ended': W.endedWithCareLeaverOffer,
      };
      return say(W.relationshipEnded, {
        volunteer: visitor(d.volunteerId),
        why: say(why[d.reason] ?? W.endedOtherwise),
      });
    }
    case 'ChildDetailsCorrected':
      return say(W.detailsCorrected, { changes: changesText(d.changes, ctx, w) });
    case 'EntryRecordedInError':
      return say(W.markedAsMistake, {
        entry: entryPhrase(ctx.entry(d.correctsVersion), w),
        explanation: freeText(d.explanation, w),
      });
    case 'ObligationReminderSent':
      return w.say(W.reminderSent, {
        actor: w.say(AUTOMATED),
        duty: duty(d.kind),
        due: w.date(dueDayOf(d.dueAt)),
      });
    case 'ObligationDeadlineMissed':
      return w.say(W.deadlineMissed, {
        actor: w.say(AUTOMATED),
        duty: duty(d.kind),
        due: w.date(dueDayOf(d.dueAt)),
      });
    case 'ObligationEscalated':
      return w.say(W.escalated, { actor: w.say(AUTOMATED), number: d.escalation });
    // The volunteer's record.
    case 'VolunteerApplied':
      return w.say(W.applied, volunteer);
    case 'VolunteerDetailsChanged':
      return w.say(W.volunteerDetailsChanged, { ...volunteer, changes: changesText(d.changes, ctx, w) });
    case 'VolunteerReferenceReceived':
      return w.say(d.satisfactory ? W.satisfactoryReference : W.unsatisfactoryReference, volunteer);
    case 'DbsCheckRecorded':
    case 'DbsCheckRenewed':
      return w.say(event.type === 'DbsCheckRenewed' ? W.dbsRenewed : W.dbsRecorded, {
        ...volunteer,
        level: lowLabel(L.DBS_LEVELS, d.level, w),
        on: w.date(d.issuedOn),
        updateService: d.updateServiceSubscribed ? w.say(W.onTheUpdateService) : '',
      });
    case 'DbsUpdateServiceChecked':
      return w.say(
        d.result === 'no-change' ? W.updateServiceNoChange : W.updateServiceNewInformation,
        volunteer,
      );
    case 'VolunteerTrainingCompleted': {
      const name = L.labelOf(L.TRAINING_COURSES, d.course);
      let course = name ? w.term(name) : w.say(W.aCourse);
      if (d.completedOn) course = w.say(W.courseOn, { course, on: w.date(d.completedOn) });
      if (d.expiresOn) course = w.say(W.courseRenewedBy, { course, by: w.date(d.expiresOn) });
      // The volunteer recording their own course is not "X recorded that X completed".
      return w.say(ctx.actorRole === 'independent-visitor' ? W.trainingCompletedOwn : W.trainingCompleted, {
        ...volunteer,
        course,
      });
    }
    case 'ExpenseClaimed':
      return w.say(W.expenseClaimed, {
        ...volunteer,
        claim: claimWords(d, w),
        on: w.date(d.spentOn),
        description: freeText(d.description, w),
      });
    case 'ExpenseClaimApproved':
      return w.say(W.expenseApproved, { ...volunteer, claim: claimPhrase(ctx, d.claimId, w) });
    case 'ExpenseClaimRejected':
      return w.say(W.expenseRejected, {
        ...volunteer,
        claim: claimPhrase(ctx, d.claimId, w),
        reason: freeText(d.reason, w),
      });
    case 'IndependenceDeclared': {
      const applies = [
        d.electedMemberOfLa && W.electedMember,
        d.employeeOfLa && W.employee,
        d.relativeOrHouseholdMemberOfEither && W.relative,
        d.connectedWithPlacementProvider && W.placementProvider,
      ]
        .filter(Boolean)
        .map((category) => w.say(category));
      return applies.length
        ? w.say(W.notIndependent, { ...volunteer, categories: applies.join(w.say(W.andAlso)) })
        : w.say(W.independent, volunteer);
    }
    case 'VolunteerApproved':
      return w.say(d.capacity === 1 ? W.approvedForOne : W.approved, { ...volunteer, capacity: d.capacity });
    case 'VolunteerCapacityChanged':
      return w.say(W.capacityChanged, { ...volunteer, capacity: d.capacity });
    case 'VolunteerPaused':
      return w.say(W.paused, { ...volunteer, reason: lowLabel(L.PAUSE_REASONS, d.reason, w) });
    case 'VolunteerResumed':
      return w.say(W.resumed, volunteer);
    case 'SupervisionSessionHeld':
      return w.say(W.supervision, volunteer);
    case 'VolunteerSuspended':
      return w.say(W.suspended, { ...volunteer, reason: lowLabel(L.SUSPENSION_REASONS, d.reason, w) });
    case 'VolunteerSuspensionLifted':
      return w.say(W.suspensionLifted, volunteer);
    case 'VolunteerWithdrew':
      return w.say(W.volunteerLeft, {
        ...volunteer,
        reason: lowLabel(L.VOLUNTEER_WITHDRAWAL_REASONS, d.reason, w),
      });
    case 'VolunteerMatchedWithChild':
      return w.say(W.matchedWithChild, { ...volunteer, child: w.say(ctx.child(d.childId)) });
    case 'VolunteerMatchEnded':
      return w.say(W.matchEnded, { ...volunteer, child: w.say(ctx.child(d.childId)) });
    // Either record.
    case 'PersonalDataErased':
      return w.say(W.erased, {
        ...either,
        basis: w.say(
          P.erasureBases[d.basis as keyof typeof P.erasureBases] ?? P.erasureBases['erasure-request'],
        ),
        reason: d.reason,
      });
    case 'LegalHoldPlaced':
      return w.say(W.holdPlaced, { ...either, reason: d.reason });
    case 'LegalHoldLifted':
      return w.say(W.holdLifted, { ...either, reason: d.reason });
    default:
      return w.say(W.recordedAnEntry, either);
  }
}

/** A short name for each kind of fact, for the audit views' lists ("Entered care"); never its type in code. */
export const EVENT_TITLES: Record<string, string> = {
  ChildEnteredCare: 'Entered care',
  ChildReEnteredCare: 'Re-entered care',
  ChildPlacementChanged: 'Placement changed',
  StaffAllocated: 'Social worker or IRO allocated',
  LookedAfterReviewHeld: 'Looked-after review held',
  ChildToldOfEntitlement: 'Told about Independent Visitors',
  IndependentVisitorOffered: 'Offered an Independent Visitor',
  ChildDecisionRecorded: 'Child’s decision recorded',
  ReferredToIvService: 'Referred to the Independent Visitor service',
  ReferralWithdrawn: 'Referral withdrawn',
  VisitorMatched: 'Matched with an Independent Visitor',
  VisitRecorded: 'Visit',
  MatchReviewed: 'Match reviewed',
  IndependentVisitorResigned: 'Independent Visitor resigned',
  AppointmentTerminatedByLa: 'Appointment ended by the local authority',
  ChildObjectedToContinuing: 'Child objected to continuing',
  EighteenthBirthdayPlanned: '18th birthday planned',
  ChildLeftCare: 'Left care',
  IvContinuedUnderCareLeaverOffer: 'Continuing under the care-leaver offer',
  RelationshipEnded: 'Independent Visitor relationship ended',
  ChildDetailsCorrected: 'Details corrected',
  EntryRecordedInError: 'Entry marked as a mistake',
  ChildWishesAndFeelingsRecorded: 'The child’s wishes and feelings recorded',
  ObjectionWithdrawn: 'The child withdrew their objection',
  ObligationReminderSent: 'Reminder sent',
  ObligationDeadlineMissed: 'Deadline missed',
  ObligationEscalated: 'Escalated',
  VolunteerApplied: 'Applied to be an Independent Visitor',
  VolunteerDetailsChanged: 'Details changed',
  VolunteerReferenceReceived: 'Reference received',
  DbsCheckRecorded: 'DBS check recorded',
  DbsCheckRenewed: 'DBS check renewed',
  DbsUpdateServiceChecked: 'DBS Update Service status checked',
  VolunteerTrainingCompleted: 'Training completed',
  IndependenceDeclared: 'Declared independence from the local authority',
  VolunteerApproved: 'Approved as an Independent Visitor',
  VolunteerCapacityChanged: 'Number of children changed',
  VolunteerPaused: 'Paused',
  VolunteerResumed: 'Resumed',
  SupervisionSessionHeld: 'Supervision session held',
  VolunteerSuspended: 'Suspended',
  VolunteerSuspensionLifted: 'Suspension lifted',
  VolunteerWithdrew: 'Withdrew from the service',
  VolunteerMatchedWithChild: 'Matched with a child',
  VolunteerMatchEnded: 'A match ended',
  ExpenseClaimed: 'Expense claimed',
  ExpenseClaimApproved: 'Expense claim approved',
  ExpenseClaimRejected: 'Expense claim rejected',
  PersonalDataErased: 'Personal data erased',
  SafeguardingConcernRaised: 'Safeguarding concern raised',
  SafeguardingConcernAcknowledged: 'Safeguarding concern acknowledged',
  ConcernSocialWorkerInformed: 'Social worker told of a concern',
  AllegationReferredToLado: 'Allegation referred to the LADO',
  SafeguardingConcernOutcomeRecorded: 'Outcome of a safeguarding concern',
  LegalHoldPlaced: 'Legal hold placed',
  LegalHoldLifted: 'Legal hold lifted',
};

/** A fact's name as a person reads it ("Entered care"), never its type in code. */
export const eventTitle = (type: string): string =>
  EVENT_TITLES[type] ??
  type
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());

/** dueAt is the first instant after the due day, so the day before it is the due date. */
const dueDayOf = (dueAt: string) => londonDateOf(new Date(Date.parse(dueAt) - 1));

const OBLIGATION_TYPES = new Set([
  'ObligationReminderSent',
  'ObligationDeadlineMissed',
  'ObligationEscalated',
]);

export interface TimelineEntry {
  version: number;
  type: string;
  sentence: string;
  /** When it happened, in words; and when it was recorded, if on another day. */
  on: string;
  recordedOn?: string;
  reason?: string;
  /** The child's own words at a decision: shown prominently. */
  childsWords?: string;
  /** Marked as recorded by mistake by a later entry, with that entry's sentence. */
  inError?: string;
  /** The reminders and escalations of one obligation: one entry that opens to show each. */
  group?: Array<{ sentence: string; on: string }>;
}

/**
 * A record's history, newest first: one entry per event, except that every reminder, missed deadline and escalation
 * of one obligation join in one entry (at the place of the latest of them).
 */
export function historyOf(
  events: readonly RecordedEvent[],
  names: Omit<SentenceContext, 'actor' | 'entry'> & { actorName(actorId: string, role: string): string },
  w: Words = ENGLISH_WORDS,
): TimelineEntry[] {
  const byVersion = new Map(events.map((e) => [e.version, e]));
  const ctxOf = (e: RecordedEvent): SentenceContext => ({
    ...names,
    actor:
      e.metadata.actor.role === 'system'
        ? AUTOMATED
        : names.actorName(e.metadata.actor.id, e.metadata.actor.role),
    actorRole: e.metadata.actor.role,
    entry: (v) => byVersion.get(v),
  });
  const inError = versionsInError(events.map((event) => ({ event })));
  const corrections = new Map(
    events
      .filter((e) => e.type === 'EntryRecordedInError')
      .map((e) => [(e.data as { correctsVersion: number }).correctsVersion, e]),
  );
  const entries: TimelineEntry[] = [];
  const groups = new Map<string, TimelineEntry>();
  for (const e of events) {
    const sentence = sentenceOf(e, ctxOf(e), w);
    const on = w.date(e.metadata.occurredAt);
    if (OBLIGATION_TYPES.has(e.type)) {
      const { obligationId, kind } = e.data as { obligationId: string; kind: string };
      let group = groups.get(obligationId);
      if (!group) {
        group = { version: e.version, type: 'ObligationReminders', sentence: '', on, group: [] };
        groups.set(obligationId, group);
      } else entries.splice(entries.indexOf(group), 1);
      group.group!.push({ sentence, on });
      group.version = e.version;
      group.on = on;
      group.sentence = remindersSentence(kind, group.group!.length, e.type, w);
      entries.push(group);
      continue;
    }
    const recordedOn = w.date(e.metadata.recordedAt);
    // The child's words at a decision or a visit, or the words they gave at a match review.
    const data = e.data as { childsWords?: string; childsView?: { words?: string } };
    const said = data.childsWords ?? data.childsView?.words;
    const words = said && freeText(said, w);
    const correction = corrections.get(e.version);
    entries.push({
      version: e.version,
      type: e.type,
      sentence,
      on,
      ...(recordedOn !== on ? { recordedOn } : {}),
      ...(e.metadata.reason ? { reason: freeText(e.metadata.reason, w) } : {}),
      ...(words ? { childsWords: words } : {}),
      ...(inError.has(e.version) && correction
        ? { inError: sentenceOf(correction, ctxOf(correction), w) }
        : {}),
    });
  }
  return entries.reverse();
}

function remindersSentence(kind: string, count: number, lastType: string, w: Words): string {
  const label = OBLIGATION_LABELS[kind as keyof typeof OBLIGATION_LABELS];
  const state =
    lastType === 'ObligationEscalated'
      ? W.escalatedState
      : lastType === 'ObligationDeadlineMissed'
        ? W.overdue
        : W.dueSoon;
  return w.say(W.reminders, {
    number: count,
    duty: label ? lowerFirst(w.term(label)) : w.say(W.aDuty),
    state: w.say(state),
  });
}

/**
 * The history of a record with every id named: the staff who recorded each entry and those it names from the
 * directory, the volunteers from their read model. `subject` is how the sentences name the record's own person.
 */
export async function namedHistory(
  app: App,
  events: readonly RecordedEvent[],
  subject: string,
  child: (childId: string) => string = () => W.aChild,
  w: Words = ENGLISH_WORDS,
): Promise<{ entries: TimelineEntry[]; sentences: string[] }> {
  const staffIds = new Set<string>();
  const volunteerIds = new Set<string>();
  for (const e of events) {
    staffIds.add(e.metadata.actor.id);
    const d = e.data as Record<string, unknown>;
    for (const key of ['socialWorkerRef', 'iroRef', 'staffId'])
      if (typeof d[key] === 'string') staffIds.add(d[key] as string);
    const changes = d.changes as Record<string, unknown> | undefined;
    for (const key of ['socialWorkerRef', 'iroRef'])
      if (typeof changes?.[key] === 'string') staffIds.add(changes[key] as string);
    if (typeof d.volunteerId === 'string') volunteerIds.add(d.volunteerId);
  }
  const names = await nameBook(app, { staff: staffIds, volunteers: volunteerIds });
  const context = {
    subject,
    staff: (id: string) => names.staff(id),
    volunteer: (id: string) => names.volunteer(id),
    child,
    actorName: (id: string) => names.staff(id),
  };
  const byVersion = new Map(events.map((e) => [e.version, e]));
  const sentences = events.map((e) =>
    sentenceOf(e, {
      ...context,
      actor: e.metadata.actor.role === 'system' ? AUTOMATED : names.staff(e.metadata.actor.id),
      actorRole: e.metadata.actor.role,
      entry: (v) => byVersion.get(v),
    }),
  );
  // The entries are in the reader's language; the sentences, for the API, in English.
  return { entries: historyOf(events, context, w), sentences };
}

/** A record's events for the API: what happened, as a sentence and as data, when, by whom and why, oldest first. */
export const timelineJson = (events: readonly RecordedEvent[], sentences?: readonly string[]) =>
  events.map((e, i) => ({
    version: e.version,
    type: e.type,
    ...(sentences ? { sentence: sentences[i] } : {}),
    data: e.data,
    occurredAt: e.metadata.occurredAt,
    recordedAt: e.metadata.recordedAt,
    actor: e.metadata.actor,
    reason: e.metadata.reason,
  }));
