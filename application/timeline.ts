import { type LocalDate, londonDateOf, longDateOf, type WorkingDayCalendar } from '../domain/calendar';
import { versionsInError } from '../domain/corrections';
import type { Obligation } from '../domain/obligations';
import { ETHNICITY, type EthnicityCode } from '../events/contracts/ethnicity';
import type { RecordedEvent } from '../events/envelope';
import type { App } from './app';
import * as L from './labels';
import { OBLIGATION_LABELS } from './labels';
import { AUTOMATED, nameBook } from './people';
import { withheldText } from './personal-data/visibility';
import { moneyText } from './volunteers/expense-fields';

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

const possessive = (name: string) => (name.endsWith('s') ? `${name}’` : `${name}’s`);
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const placement = (data: { placementInLaArea?: boolean; placementArea?: string }) => {
  // An erased or hidden town is left out: the sentence still says whether the placement was in the area.
  const area = data.placementArea && !withheldText(data.placementArea) ? `in ${data.placementArea}, ` : '';
  if (data.placementInLaArea === undefined)
    return area ? area.replace(/, $/, '') : 'where the record does not say';
  return `${area}${data.placementInLaArea ? 'inside' : 'outside'} the local authority’s area`;
};

const FIELD_LABELS: Record<string, string> = {
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
};

/** Tags as words, or "erased" / "not shown" when the list is withheld. */
const tagsText = (value: unknown): string =>
  Array.isArray(value) ? L.tagList(value) : (withheldText(value) ?? '').toLowerCase();
/** A person's own words or staff's free text, or what stands in its place when withheld. */
const freeText = (value: string): string => withheldText(value) ?? value;

function changedValue(key: string, value: unknown, ctx: SentenceContext): string {
  const withheld = withheldText(value);
  if (withheld) return withheld.toLowerCase();
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value))
    return key === 'availability'
      ? value.map((v) => L.labelOf(L.AVAILABILITY, v).toLowerCase()).join(', ')
      : key === 'travelAreas'
        ? value.join(', ')
        : L.tagList(value);
  const text = String(value);
  if (key === 'dateOfBirth') return inWords(text);
  if (key === 'ethnicity') return ETHNICITY[text as EthnicityCode]?.label ?? text;
  if (key === 'sex') return text;
  if (key === 'contactChannel') return L.labelOf(L.CONTACT_CHANNELS, text).toLowerCase();
  if (key === 'correspondenceLanguage') return L.labelOf(L.CORRESPONDENCE_LANGUAGES, text);
  if (key === 'socialWorkerRef' || key === 'iroRef') return ctx.staff(text);
  return text;
}

/** A concern's number as staff say it: "concern 2". */
const concernNumber = (d: { concernId: string }) => d.concernId.replace(/^concern-/, '');
/** Free text quoted after a colon, or nothing when it is withheld from this reader or absent. */
const shownQuote = (value: string | undefined) =>
  value === undefined || withheldText(value) ? '' : `: “${value}”`;

const changesText = (changes: Record<string, unknown>, ctx: SentenceContext) =>
  Object.entries(changes)
    .map(([key, value]) => `${FIELD_LABELS[key] ?? key} to ${changedValue(key, value, ctx)}`)
    .join('; ');

const DECISION_WORDS = {
  accepted: 'accepted the offer of an Independent Visitor',
  declined: 'declined the offer of an Independent Visitor',
  objected: 'objected to having an Independent Visitor',
} as const;

const ERASURE_BASIS = {
  'retention-period-ended': 'the retention period ended',
  'erasure-request': 'on request',
  'recorded-in-error': 'recorded in error',
} as const;

const WISHES_WORDS = {
  'wants-a-visitor': 'they would like an Independent Visitor',
  'does-not-want-a-visitor': 'they do not want an Independent Visitor',
  'does-not-want-this-visitor': 'they do not want this Independent Visitor',
} as const;

/** The title of an entry a correction names, said as a noun phrase: "the visit of 3 March 2026". */
function entryPhrase(entry: RecordedEvent | undefined): string {
  if (!entry) return 'an earlier entry';
  const on = inWords(entry.metadata.occurredAt);
  const what: Record<string, string> = {
    ChildToldOfEntitlement: 'being told about Independent Visitors',
    IndependentVisitorOffered: 'the offer of an Independent Visitor',
    ChildDecisionRecorded: 'the child’s decision',
    LookedAfterReviewHeld: 'the looked-after review',
    VisitRecorded: 'the visit',
    MatchReviewed: 'the match review',
    ChildPlacementChanged: 'the change of placement',
    EighteenthBirthdayPlanned: 'the plan for the 18th birthday',
  };
  return `${what[entry.type] ?? 'the entry'} of ${on}`;
}

/** "£12.50 for travel". */
const claimWords = (claim: { amountPence: number; category: string }) =>
  `${moneyText(claim.amountPence)} for ${L.labelOf(L.EXPENSE_CATEGORIES, claim.category).toLowerCase()}`;

/** "of £12.50 for travel": the claim a decision is about, found among the record's earlier entries. */
function claimPhrase(ctx: SentenceContext, claimId: string): string {
  for (let version = 1; ctx.entry(version); version++) {
    const entry = ctx.entry(version)!;
    const data = entry.data as { claimId?: string; amountPence: number; category: string };
    if (entry.type === 'ExpenseClaimed' && data.claimId === claimId) return `of ${claimWords(data)}`;
  }
  return 'for expenses';
}

/** The one sentence for an event, naming people by name. Every event type has one. */
export function sentenceOf(event: Pick<RecordedEvent, 'type' | 'data'>, ctx: SentenceContext): string {
  const a = ctx.actor;
  const c = ctx.subject;
  // biome-ignore lint/suspicious/noExplicitAny: the data of each case is the contract's, read by its own case.
  const d = event.data as any;
  switch (event.type) {
    case 'ChildEnteredCare':
      return `${a} recorded ${c} coming into care, placed ${placement(d)}, with ${ctx.staff(d.socialWorkerRef)} as social worker and ${ctx.staff(d.iroRef)} as independent reviewing officer.`;
    case 'ChildReEnteredCare':
      return `${a} recorded ${c} coming back into care, placed ${placement(d)}.`;
    case 'ChildPlacementChanged':
      return `${a} recorded ${possessive(c)} move to a placement ${placement(d)}.`;
    case 'StaffAllocated':
      return `${a} allocated ${ctx.staff(d.staffId)} as ${possessive(c)} ${d.role === 'iro' ? 'independent reviewing officer' : 'social worker'}.`;
    case 'LookedAfterReviewHeld':
      return d.ivConsidered
        ? `${a} recorded ${possessive(c)} looked-after review, which considered an Independent Visitor: ${L.labelOf(L.REVIEW_OUTCOMES, d.outcome).toLowerCase()}${d.notInInterestsReason ? ` (“${freeText(d.notInInterestsReason)}”)` : ''}.`
        : `${a} recorded ${possessive(c)} looked-after review, which did not consider an Independent Visitor.`;
    case 'ChildToldOfEntitlement':
      return `${a} told ${c} about Independent Visitors.`;
    case 'IndependentVisitorOffered':
      return `${a} offered ${c} an Independent Visitor.`;
    case 'ChildDecisionRecorded':
      if (d.decision === 'objected' && d.objectionTo === 'proposed-visitor')
        return `${a} recorded that ${c} objected to ${ctx.volunteer(d.proposedVolunteerId)} as their Independent Visitor${d.sufficientUnderstanding ? '' : ' (their wishes, recorded before wishes and feelings had their own entry)'}.`;
      return `${a} recorded that ${c} ${DECISION_WORDS[d.decision as keyof typeof DECISION_WORDS]}${d.sufficientUnderstanding ? ', with the understanding to decide' : ' (their wishes, recorded before wishes and feelings had their own entry)'}.`;
    case 'ChildWishesAndFeelingsRecorded':
      return `${a} recorded ${possessive(c)} wishes and feelings: ${WISHES_WORDS[d.wishes as keyof typeof WISHES_WORDS] ?? 'said what they think'}.`;
    case 'ObjectionWithdrawn':
      return d.objectionTo === 'any-visitor'
        ? `${a} recorded that ${c} withdrew their objection to having an Independent Visitor.`
        : `${a} recorded that ${c} withdrew their objection to ${ctx.volunteer(d.volunteerId)}.`;
    case 'ReferredToIvService': {
      const asks = [
        d.interests?.length ? `interests: ${L.tagList(d.interests)}` : '',
        d.languages?.length ? `speaks ${L.tagList(d.languages)}` : '',
        d.visitorSex ? `would like ${d.visitorSex === 'female' ? 'a woman' : 'a man'} as their visitor` : '',
        d.availability?.length
          ? `can be visited at ${d.availability.map((v: string) => L.labelOf(L.AVAILABILITY, v).toLowerCase()).join(', ')}`
          : '',
        d.needs?.length ? `needs: ${tagsText(d.needs)}` : '',
        d.preferences?.length ? `wishes: ${tagsText(d.preferences)}` : '',
      ].filter(Boolean);
      return `${a} referred ${c} to the Independent Visitor service${asks.length ? ` (${asks.join('; ')})` : ''}.`;
    }
    case 'ReferralWithdrawn':
      return `${a} withdrew ${possessive(c)} referral: ${L.labelOf(L.WITHDRAWAL_REASONS, d.reason).toLowerCase()}.`;
    case 'VisitorMatched':
      return `${a} matched ${c} with ${ctx.volunteer(d.volunteerId)} as their Independent Visitor.`;
    case 'VisitRecorded': {
      const how = d.mode === 'remote' ? 'remotely' : 'in person';
      const who = ctx.actorRole === 'independent-visitor' ? `${a}, ${possessive(c)} Independent Visitor,` : a;
      if (d.outcome !== 'held')
        return `${who} recorded a visit ${how} that was ${d.outcome === 'missed' ? 'missed' : 'cancelled'}.`;
      const went = d.howItWent ? ` ${L.labelOf(L.HOW_IT_WENT, d.howItWent)}.` : '';
      const did = d.activities ? `: “${freeText(d.activities)}”` : '';
      return `${who} recorded a visit ${how}${d.durationMinutes ? ` of ${d.durationMinutes} minutes` : ''}${did}.${went}`;
    }
    case 'SafeguardingConcernRaised': {
      const what = shownQuote(d.summary);
      return d.about === 'visitor'
        ? `${a} raised an allegation about ${possessive(c)} Independent Visitor, ${ctx.volunteer(d.volunteerId)} (concern ${concernNumber(d)})${what}. The match is suspended until its outcome is recorded.`
        : `${a} raised a safeguarding concern about ${c} (concern ${concernNumber(d)})${what}.`;
    }
    case 'SafeguardingConcernAcknowledged':
      return `${a} acknowledged safeguarding concern ${concernNumber(d)}.`;
    case 'ConcernSocialWorkerInformed':
      return `${a} recorded that ${ctx.staff(d.staffId)}, ${possessive(c)} social worker, was told about safeguarding concern ${concernNumber(d)}.`;
    case 'AllegationReferredToLado':
      return `${a} referred the allegation (concern ${concernNumber(d)}) to the local authority designated officer (LADO).`;
    case 'SafeguardingConcernOutcomeRecorded':
      return `${a} recorded the outcome of safeguarding concern ${concernNumber(d)}: ${L.labelOf(L.CONCERN_OUTCOMES, d.outcome).toLowerCase()}${shownQuote(d.note)}.`;
    case 'MatchReviewed': {
      const reviewed = `${a} reviewed the match: ${L.labelOf(L.MATCH_REVIEW_OUTCOMES, d.outcome).toLowerCase()}.`;
      const going = (view: { going: string }) => L.labelOf(L.CHILDS_MATCH_GOING, view.going).toLowerCase();
      const views = [
        d.childsView &&
          (d.childsView.going === 'did-not-want-to-say'
            ? `${c} did not want to say how it is going`
            : `${c} said it is ${going(d.childsView)}`),
        d.visitorsView && `the Independent Visitor said it is ${going(d.visitorsView)}`,
        d.carersView && `the carer said it is ${going(d.carersView)}`,
      ].filter(Boolean);
      return views.length ? `${reviewed} ${capital(views.join('; '))}.` : reviewed;
    }
    case 'IndependentVisitorResigned':
      return `${a} recorded the Independent Visitor’s resignation, by written notice of ${inWords(d.writtenNoticeOn)}.`;
    case 'AppointmentTerminatedByLa':
      return `${a} ended the appointment by written notice of ${inWords(d.writtenNoticeOn)}: ${L.labelOf(L.TERMINATION_REASONS, d.reason).toLowerCase()}.`;
    case 'ChildObjectedToContinuing':
      return d.objectionTo === 'any-visitor'
        ? `${a} recorded ${possessive(c)} objection to their Independent Visitor continuing, and to having any Independent Visitor.`
        : `${a} recorded ${possessive(c)} objection to their Independent Visitor continuing.`;
    case 'EighteenthBirthdayPlanned':
      return d.plan === 'end-at-18'
        ? `${a} planned that ${possessive(c)} Independent Visitor ends at 18.`
        : `${a} planned that ${possessive(c)} Independent Visitor continues under the care-leaver offer${d.untilAge ? ` until ${d.untilAge}` : ''}.`;
    case 'ChildLeftCare':
      return `${a} recorded ${c} leaving care: ${L.labelOf(L.LEFT_CARE_REASONS, d.reason).toLowerCase()}.`;
    case 'IvContinuedUnderCareLeaverOffer':
      return `${capital(possessive(c))} Independent Visitor continues under the care-leaver offer until ${d.untilAge}.`;
    case 'RelationshipEnded': {
      const why: Record<string, string> = {
        'child-left-care': `${c} left care`,
        'iv-resigned': 'the Independent Visitor resigned',
        'la-terminated': 'the local authority ended it',
        'child-objected': `${c} objected to it continuing`,
        'care-leaver-offer-ended': 'the care-leaver offer ended',
      };
      return `${capital(possessive(c))} relationship with ${ctx.volunteer(d.volunteerId)} as their Independent Visitor ended: ${why[d.reason] ?? 'it ended'}.`;
    }
    case 'ChildDetailsCorrected':
      return `${a} corrected ${possessive(c)} details: ${changesText(d.changes, ctx)}.`;
    case 'EntryRecordedInError':
      return `${a} marked ${entryPhrase(ctx.entry(d.correctsVersion))} as recorded by mistake: “${freeText(d.explanation)}”.`;
    case 'ObligationReminderSent':
      return `${AUTOMATED} sent a reminder: ${lowerFirst(OBLIGATION_LABELS[d.kind] ?? d.kind)} by ${inWords(dueDayOf(d.dueAt))}.`;
    case 'ObligationDeadlineMissed':
      return `${AUTOMATED} recorded that the deadline was missed: ${lowerFirst(OBLIGATION_LABELS[d.kind] ?? d.kind)} by ${inWords(dueDayOf(d.dueAt))}.`;
    case 'ObligationEscalated':
      return `${AUTOMATED} escalated it to the manager and the IRO (escalation ${d.escalation}).`;
    // The volunteer's record.
    case 'VolunteerApplied':
      return `${a} recorded ${possessive(c)} application to be an Independent Visitor.`;
    case 'VolunteerDetailsChanged':
      return `${a} changed ${possessive(c)} details: ${changesText(d.changes, ctx)}.`;
    case 'VolunteerReferenceReceived':
      return `${a} recorded a ${d.satisfactory ? 'satisfactory' : 'unsatisfactory'} reference.`;
    case 'DbsCheckRecorded':
    case 'DbsCheckRenewed':
      return `${a} recorded ${event.type === 'DbsCheckRenewed' ? 'a renewed' : 'the'} ${L.labelOf(L.DBS_LEVELS, d.level).toLowerCase()} DBS check, issued on ${inWords(d.issuedOn)}${d.updateServiceSubscribed ? ', on the Update Service' : ''}.`;
    case 'DbsUpdateServiceChecked':
      return `${a} checked the DBS Update Service: ${d.result === 'no-change' ? 'no change' : 'new information, so a new check is needed'}.`;
    case 'VolunteerTrainingCompleted': {
      const course = `${L.labelOf(L.TRAINING_COURSES, d.course) || 'a course'}${d.completedOn ? ` on ${inWords(d.completedOn)}` : ''}${d.expiresOn ? `, to be renewed by ${inWords(d.expiresOn)}` : ''}`;
      // The volunteer recording their own course is not "X recorded that X completed".
      return ctx.actorRole === 'independent-visitor'
        ? `${a} recorded completing ${course}.`
        : `${a} recorded that ${c} completed ${course}.`;
    }
    case 'ExpenseClaimed':
      return `${a} claimed ${claimWords(d)}, spent on ${inWords(d.spentOn)}: “${freeText(d.description)}”.`;
    case 'ExpenseClaimApproved':
      return `${a} approved ${possessive(c)} claim ${claimPhrase(ctx, d.claimId)}.`;
    case 'ExpenseClaimRejected':
      return `${a} rejected ${possessive(c)} claim ${claimPhrase(ctx, d.claimId)}: “${freeText(d.reason)}”.`;
    case 'IndependenceDeclared': {
      const applies = [
        d.electedMemberOfLa && 'an elected member of the local authority',
        d.employeeOfLa && 'an employee of the local authority',
        d.relativeOrHouseholdMemberOfEither && 'a relative or household member of either',
        d.connectedWithPlacementProvider && 'connected with the placement provider',
      ].filter(Boolean);
      return applies.length
        ? `${a} recorded ${possessive(c)} declaration of independence, which says they are ${applies.join(', and ')}, so they cannot be approved.`
        : `${a} recorded ${possessive(c)} declaration of independence from the local authority.`;
    }
    case 'VolunteerApproved':
      return `${a} approved ${c} as an Independent Visitor for up to ${d.capacity} ${d.capacity === 1 ? 'child' : 'children'} at once.`;
    case 'VolunteerCapacityChanged':
      return `${a} changed how many children ${c} may visit at once to ${d.capacity}.`;
    case 'VolunteerPaused':
      return `${a} paused ${possessive(c)} matches: ${L.labelOf(L.PAUSE_REASONS, d.reason).toLowerCase()}.`;
    case 'VolunteerResumed':
      return `${a} recorded that ${c} resumed.`;
    case 'SupervisionSessionHeld':
      return `${a} held a supervision session with ${c}.`;
    case 'VolunteerSuspended':
      return `${a} suspended ${c}: ${L.labelOf(L.SUSPENSION_REASONS, d.reason).toLowerCase()}.`;
    case 'VolunteerSuspensionLifted':
      return `${a} lifted ${possessive(c)} suspension.`;
    case 'VolunteerWithdrew':
      return `${a} recorded that ${c} left the service: ${L.labelOf(L.VOLUNTEER_WITHDRAWAL_REASONS, d.reason).toLowerCase()}.`;
    case 'VolunteerMatchedWithChild':
      return `${a} matched ${c} with ${ctx.child(d.childId)} as their Independent Visitor.`;
    case 'VolunteerMatchEnded':
      return `${capital(possessive(c))} match with ${ctx.child(d.childId)} ended.`;
    // Either record.
    case 'PersonalDataErased':
      return `${a} erased ${possessive(c)} personal data (${ERASURE_BASIS[d.basis as keyof typeof ERASURE_BASIS] ?? 'on request'}): “${d.reason}”.`;
    case 'LegalHoldPlaced':
      return `${a} placed a legal hold on ${possessive(c)} record: “${d.reason}”.`;
    case 'LegalHoldLifted':
      return `${a} lifted a legal hold on ${possessive(c)} record: “${d.reason}”.`;
    default:
      return `${a} recorded an entry.`;
  }
}

/** A short name for each kind of fact, for the audit views' lists ("Entered care"); never its type in code. */
const TITLES: Record<string, string> = {
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
  TITLES[type] ??
  type
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
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
    const sentence = sentenceOf(e, ctxOf(e));
    const on = inWords(e.metadata.occurredAt);
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
      group.sentence = remindersSentence(kind, group.group!.length, e.type);
      entries.push(group);
      continue;
    }
    const recordedOn = inWords(e.metadata.recordedAt);
    // The child's words at a decision or a visit, or the words they gave at a match review.
    const data = e.data as { childsWords?: string; childsView?: { words?: string } };
    const said = data.childsWords ?? data.childsView?.words;
    const words = said && freeText(said);
    const correction = corrections.get(e.version);
    entries.push({
      version: e.version,
      type: e.type,
      sentence,
      on,
      ...(recordedOn !== on ? { recordedOn } : {}),
      ...(e.metadata.reason ? { reason: freeText(e.metadata.reason) } : {}),
      ...(words ? { childsWords: words } : {}),
      ...(inError.has(e.version) && correction ? { inError: sentenceOf(correction, ctxOf(correction)) } : {}),
    });
  }
  return entries.reverse();
}

function remindersSentence(kind: string, count: number, lastType: string): string {
  const what = lowerFirst(OBLIGATION_LABELS[kind] ?? 'a duty');
  const state =
    lastType === 'ObligationEscalated'
      ? 'escalated'
      : lastType === 'ObligationDeadlineMissed'
        ? 'overdue'
        : 'due soon';
  return `Automated reminders (${count}): ${what}, ${state}.`;
}

/**
 * The history of a record with every id named: the staff who recorded each entry and those it names from the
 * directory, the volunteers from their read model. `subject` is how the sentences name the record's own person.
 */
export async function namedHistory(
  app: App,
  events: readonly RecordedEvent[],
  subject: string,
  child: (childId: string) => string = () => 'a child',
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
  return { entries: historyOf(events, context), sentences };
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
