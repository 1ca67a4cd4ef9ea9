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
 * One Notify template per kind and language; the template ids are configuration (NOTIFY_TEMPLATES), keyed by
 * `templateKey`: "reminder" for the English template, "reminder:cy" for the Welsh.
 */
export type NotificationKind = 'reminder' | 'deadline-missed' | 'escalation';
export const templateKey = (kind: NotificationKind, language: Language) =>
  language === 'en' ? kind : `${kind}:${language}`;

export const notificationKindOf: Record<NotifiedEventType, NotificationKind> = {
  ObligationReminderSent: 'reminder',
  ObligationDeadlineMissed: 'deadline-missed',
  ObligationEscalated: 'escalation',
};

/** Who hears: the team doing the work is reminded; a miss and every escalation go to the manager and the IRO. */
export const recipientRolesOf: Record<NotificationKind, Role[]> = {
  reminder: ['coordinator'],
  'deadline-missed': ['manager', 'iro'],
  escalation: ['manager', 'iro'],
};

/** One email to one role's mailbox about one recorded fact. It names no child: it links to the record. */
export interface Notification {
  /** `<eventId>:<role>`: the same fact never reaches the same mailbox twice. */
  id: string;
  kind: NotificationKind;
  /** The language of the email: the record's correspondence language, or its LA's country's. */
  language: Language;
  la: string;
  role: Role;
  /** The LA team mailbox for the role; undefined when none is configured (the outbox still shows it). */
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
  /** Whether an email with this notification's reference was already accepted (asked before sending it again). */
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
