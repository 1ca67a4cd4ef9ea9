import type { Language } from '../../domain/local-authorities';
import type { Role } from '../../events/envelope';

/** The deadline facts that someone must hear about. The notifier's rule and the starter's rule both use this list. */
export const NOTIFIED_EVENT_TYPES = [
  'ObligationReminderSent',
  'ObligationDeadlineMissed',
  'ObligationEscalated',
] as const;
export type NotifiedEventType = (typeof NOTIFIED_EVENT_TYPES)[number];

/**
 * One Notify template per kind, channel and language; the template ids are configuration (NOTIFY_TEMPLATES), keyed
 * by `templateKey`: "reminder" for the English email, "reminder:cy" for the Welsh, "visit-due:sms:cy" for a Welsh
 * text message. Their words are in templates.ts.
 */
export type StaffNotificationKind = 'reminder' | 'deadline-missed' | 'escalation';
/** What an Independent Visitor is told (visitor-notices.ts). */
export type VisitorNotificationKind = 'visit-due' | 'expense-approved' | 'expense-rejected';
export type NotificationKind = StaffNotificationKind | VisitorNotificationKind;
const VISITOR_KINDS: readonly string[] = [
  'visit-due',
  'expense-approved',
  'expense-rejected',
] satisfies VisitorNotificationKind[];
export const isVisitorKind = (kind: NotificationKind): kind is VisitorNotificationKind =>
  VISITOR_KINDS.includes(kind);
/** How a message goes: a team mailbox is always emailed; an Independent Visitor chooses email or text message. */
export type Channel = 'email' | 'sms';
export const templateKey = (kind: NotificationKind, language: Language, channel: Channel = 'email') =>
  [kind, ...(channel === 'sms' ? ['sms'] : []), ...(language === 'en' ? [] : [language])].join(':');

export const notificationKindOf: Record<NotifiedEventType, StaffNotificationKind> = {
  ObligationReminderSent: 'reminder',
  ObligationDeadlineMissed: 'deadline-missed',
  ObligationEscalated: 'escalation',
};

/** Who hears: the team doing the work is reminded; a miss and every escalation go to the manager and the IRO. */
export const recipientRolesOf: Record<StaffNotificationKind, Role[]> = {
  reminder: ['coordinator'],
  'deadline-missed': ['manager', 'iro'],
  escalation: ['manager', 'iro'],
};

/**
 * One message about one recorded fact: an email to one role's team mailbox, or an email or a text message to one
 * Independent Visitor. It names no child: it links to the record, or to the visitor's own pages.
 */
export interface Notification {
  /** `<eventId>:<role>`: the same fact never reaches the same mailbox, or the same visitor, twice. */
  id: string;
  kind: NotificationKind;
  /** Email unless said: only an Independent Visitor can ask for text messages. */
  channel?: Channel;
  /** The language of the message: the person's correspondence language, or their LA's country's. */
  language: Language;
  la: string;
  role: Role;
  /**
   * The team mailbox for the role (undefined when none is configured: the outbox still shows it), or the visitor's
   * own email address or phone number, read for this message only and never logged.
   */
  to?: string;
  /** Personalisation fields of the Notify template. */
  personalisation: Record<string, string>;
  /**
   * Notify's reference: the notification's id, so a sent email traces to the fact that caused it, and a retry can
   * ask Notify whether this very email was already accepted.
   */
  reference: string;
  createdAt: string;
}

/** The send port: GOV.UK Notify in AWS, the outbox folder locally. */
export interface Sender {
  send(notification: Notification): Promise<void>;
  /** Whether a message with this notification's reference was already accepted (asked before sending it again). */
  alreadySent(notification: Notification): Promise<boolean>;
}

/**
 * Effectively once per notification id: a conditional claim before sending, marked sent after. A claim found
 * unmarked ("pending") was made by an attempt that failed or died between claiming and marking, so the sender is
 * asked whether that attempt's email got through before it is sent again.
 */
export interface NotificationLedger {
  claim(id: string, now: Date): Promise<'claimed' | 'pending' | 'sent'>;
  markSent(id: string, now: Date): Promise<void>;
}

/** TEAM_MAILBOXES: `{ "<LA code>": { "<role>": "team@la.gov.uk" } }`: role mailboxes, never a person's address. */
export const parseMailboxes = (json: string | undefined): Record<string, Partial<Record<Role, string>>> =>
  json ? JSON.parse(json) : {};

const LOCALES: Record<Language, string> = { en: 'en-GB', cy: 'cy-GB' };

/** A due instant is the end of the London day it falls due: show that day, in the message's language. */
export const londonDate = (dueAt: string, language: Language): string =>
  new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(Date.parse(dueAt) - 1));
