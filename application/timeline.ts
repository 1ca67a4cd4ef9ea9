import { type LocalDate, londonDateOf, type WorkingDayCalendar } from '../domain/calendar';
import type { Obligation } from '../domain/obligations';
import { ETHNICITY, type EthnicityCode } from '../events/contracts/ethnicity';
import type { RecordedEvent } from '../events/envelope';
import { withheldText } from './personal-data/visibility';

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
      const dueOn = o.dueOn ?? londonDateOf(o.dueAt);
      return {
        summary: o.summary,
        kind: o.kind,
        dueOn,
        daysLeft: workingDaysLeft(calendar, londonDateOf(now), dueOn),
      };
    })
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));

/** A readable heading for each kind of fact; the type itself is shown to auditors. */
const TITLES: Record<string, string> = {
  ChildEnteredCare: 'Entered care',
  ChildReEnteredCare: 'Re-entered care',
  ChildPlacementChanged: 'Placement changed',
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
  ChildWishesAndFeelingsRecorded: 'The child’s wishes and feelings recorded',
  ObjectionWithdrawn: 'The child withdrew their objection',
  ObligationReminderSent: 'Reminder sent',
  ObligationDeadlineMissed: 'Deadline missed',
  ObligationEscalated: 'Escalated',
  VolunteerApplied: 'Applied to be an Independent Visitor',
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
  PersonalDataErased: 'Personal data erased',
  LegalHoldPlaced: 'Legal hold placed',
  LegalHoldLifted: 'Legal hold lifted',
};

const humanise = (value: string) =>
  value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/-/g, ' ')
    .toLowerCase();

/** Coded values read as words; dates, references and free text are shown as they are; withheld ones say so. */
function shownValue(key: string, value: string): string {
  const withheld = withheldText(value);
  if (withheld) return withheld;
  if (key === 'ethnicity' && value in ETHNICITY) return ETHNICITY[value as EthnicityCode].label;
  return /^[a-z]+(-[a-z0-9]+)+$/.test(value) && !/Ref$/.test(key) ? humanise(value) : value;
}

function describe(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  return Object.entries(data as Record<string, unknown>)
    .filter(([key, value]) => value !== undefined && !/Id$|^childId$|^la$/.test(key))
    .map(([key, value]) => {
      const shown = Array.isArray(value)
        ? value.join(', ') || 'none'
        : typeof value === 'boolean'
          ? value
            ? 'yes'
            : 'no'
          : typeof value === 'object'
            ? describe(value)
            : String(value);
      return `${humanise(key)}: ${typeof value === 'string' ? shownValue(key, value) : shown}`;
    })
    .join('; ');
}

/** A fact's name as a person reads it ("Entered care"), never its type in code. */
export const eventTitle = (type: string): string =>
  TITLES[type] ?? humanise(type).replace(/^./, (c) => c.toUpperCase());

export interface TimelineEntry {
  version: number;
  type: string;
  title: string;
  details: string;
  occurredAt: string;
  recordedAt: string;
  recordedLate: boolean;
  actor: string;
  reason?: string;
}

export const timelineOf = (events: readonly RecordedEvent[]): TimelineEntry[] =>
  events.map((e) => ({
    version: e.version,
    type: e.type,
    title: eventTitle(e.type),
    details: describe(e.data),
    occurredAt: e.metadata.occurredAt,
    recordedAt: e.metadata.recordedAt,
    recordedLate: londonDateOf(e.metadata.occurredAt) !== londonDateOf(e.metadata.recordedAt),
    actor:
      e.metadata.actor.role === 'system'
        ? 'the automated reminders'
        : `${humanise(e.metadata.actor.role)} ${e.metadata.actor.id}`,
    reason: e.metadata.reason && (withheldText(e.metadata.reason) ?? e.metadata.reason),
  }));

/** A record's events for the API: what happened, when, by whom and why, oldest first. */
export const timelineJson = (events: readonly RecordedEvent[]) =>
  events.map((e) => ({
    version: e.version,
    type: e.type,
    data: e.data,
    occurredAt: e.metadata.occurredAt,
    recordedAt: e.metadata.recordedAt,
    actor: e.metadata.actor,
    reason: e.metadata.reason,
  }));
