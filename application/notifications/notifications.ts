import type { Role } from '../../events/envelope';

/** The deadline facts that someone must hear about. The notifier's rule and the starter's rule both use this list. */
export const NOTIFIED_EVENT_TYPES = [
  'ObligationReminderSent',
  'ObligationDeadlineMissed',
  'ObligationEscalated',
] as const;
export type NotifiedEventType = (typeof NOTIFIED_EVENT_TYPES)[number];

/** One Notify template per kind; the template ids are configuration (NOTIFY_TEMPLATES). */
export type NotificationKind = 'reminder' | 'deadline-missed' | 'escalation';

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
  la: string;
  role: Role;
  /** The LA team mailbox for the role; undefined when none is configured (the outbox still shows it). */
  to?: string;
  /** Personalisation fields of the Notify template. */
  personalisation: Record<string, string>;
  /** The event id, as Notify's reference, so a sent email can be traced to the fact that caused it. */
  reference: string;
  createdAt: string;
}

/** The send port: GOV.UK Notify in AWS, the outbox folder locally. */
export interface Sender {
  send(notification: Notification): Promise<void>;
}

/**
 * At most once per notification id: a conditional claim before sending, released if the send fails so a retry can
 * send it. (A crash between a successful send and the process ending leaves the claim, so that email is not repeated.)
 */
export interface NotificationLedger {
  claim(id: string, now: Date): Promise<boolean>;
  release(id: string): Promise<void>;
  markSent(id: string, now: Date): Promise<void>;
}

/** TEAM_MAILBOXES: `{ "<LA code>": { "<role>": "team@la.gov.uk" } }`: role mailboxes, never a person's address. */
export const parseMailboxes = (json: string | undefined): Record<string, Partial<Record<Role, string>>> =>
  json ? JSON.parse(json) : {};
