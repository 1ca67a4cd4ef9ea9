import type { Language } from '../../domain/local-authorities';
import type { ObligationKind } from '../../domain/obligations';
import type { RecordedEvent } from '../../events/envelope';
import { fromStreamId } from '../../events/stream-id';
import { withheldText } from '../personal-data/visibility';
import { londonDate, type VisitorNotificationKind } from './notifications';

/**
 * What an Independent Visitor hears about, keyed by the type of the fact that tells it: adding a message is one entry
 * here, its templates in templates.ts and its type on the notifier's rule (which lists these keys). Each entry says
 * which volunteer the fact is news for and every field its templates may show; each template takes only the fields
 * it shows, so a text message carries less than an email. No entry gives a field for a child's name.
 */
export interface VisitorNotice {
  kind: VisitorNotificationKind;
  /** The volunteer to tell, or none: the fact is not news for a visitor. */
  visitorOf(fact: RecordedEvent, lookup: VisitorLookup): Promise<string | undefined>;
  fields(fact: RecordedEvent, language: Language, link: (path: string) => string): Record<string, string>;
}

export interface VisitorLookup {
  /** The visitor of the child's current match, found without opening any of the child's personal data. */
  currentVisitorOf(childStreamId: string): Promise<string | undefined>;
}

/** A fact on a volunteer's own stream is news for that volunteer. */
const theVolunteer = async (fact: RecordedEvent) => {
  const { kind, id } = fromStreamId(fact.streamId);
  return kind === 'volunteer' ? id : undefined;
};

/** Where a visitor sees their claims and each decision (adapters/web/routes/expenses.ts). */
const CLAIMS_PAGE = '/my-visits/expenses';

export const VISITOR_NOTICES: Readonly<Record<string, VisitorNotice>> = {
  // A visit falling due: the reminder of the child's visit-overdue duty goes out working days before the last visit
  // is too long ago (domain/obligations/child.ts), which is when the visitor can still do something about it.
  ObligationReminderSent: {
    kind: 'visit-due',
    visitorOf: async (fact, lookup) =>
      (fact.data as { kind: ObligationKind }).kind === 'visit-overdue'
        ? lookup.currentVisitorOf(fact.streamId)
        : undefined,
    fields: (fact, language, link) => ({
      due_date: londonDate((fact.data as { dueAt: string }).dueAt, language),
      link: link(`/my-visits/${encodeURIComponent(fromStreamId(fact.streamId).id)}/visit`),
    }),
  },
  // The coordinator's decision on an expense claim (the expense claims' own events, on the volunteer's stream).
  ExpenseClaimApproved: {
    kind: 'expense-approved',
    visitorOf: theVolunteer,
    fields: (_fact, _language, link) => ({ link: link(CLAIMS_PAGE) }),
  },
  ExpenseClaimRejected: {
    kind: 'expense-rejected',
    visitorOf: theVolunteer,
    fields: (fact, _language, link) => {
      const reason = (fact.data as { reason: string }).reason;
      return { reason: withheldText(reason) ?? reason, link: link(CLAIMS_PAGE) };
    },
  },
};

/** The facts the notifier's rule sends it for visitors, beside the deadline facts for the team mailboxes. */
export const VISITOR_NOTIFIED_EVENT_TYPES = Object.keys(VISITOR_NOTICES);
