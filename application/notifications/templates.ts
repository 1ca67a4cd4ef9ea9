import type { Language } from '../../domain/local-authorities';
import { type Channel, templateKey, type VisitorNotificationKind } from './notifications';

/**
 * The words of the Notify templates an Independent Visitor receives, in English and Welsh, by `templateKey`. The
 * templates themselves live in GOV.UK Notify (their ids are NOTIFY_TEMPLATES); these are the texts to set them up
 * with (docs/notifications.md), and what the local outbox renders so a person can read what would be sent.
 * ((field)) is Notify's placeholder. No template has a field for a child's name: a text message can be read over a
 * shoulder or on a locked screen, and the notifier cannot read a child's personal data anyway.
 */
export interface Template {
  /** Emails only. */
  subject?: string;
  body: string;
}

const VISITOR_TEMPLATES: Record<string, Template> = {
  'visit-due': {
    subject: 'Your next visit is due by ((due_date))',
    body:
      'Your next visit as an Independent Visitor is due by ((due_date)).\n\n' +
      'When you have visited, record it here: ((link))\n\n' +
      'If you cannot visit by then, tell your coordinator.',
  },
  'visit-due:cy': {
    subject: 'Mae eich ymweliad nesaf yn ddyledus erbyn ((due_date))',
    body:
      'Mae eich ymweliad nesaf fel Ymwelydd Annibynnol yn ddyledus erbyn ((due_date)).\n\n' +
      'Ar ôl ymweld, cofnodwch yr ymweliad yma: ((link))\n\n' +
      'Os na allwch ymweld erbyn hynny, dywedwch wrth eich cydlynydd.',
  },
  'visit-due:sms': {
    body: 'Independent Visitors: your next visit is due by ((due_date)). Record it when you have been: ((link))',
  },
  'visit-due:sms:cy': {
    body: 'Ymwelwyr Annibynnol: mae eich ymweliad nesaf yn ddyledus erbyn ((due_date)). Cofnodwch yr ymweliad ar ôl bod: ((link))',
  },
  'expense-approved': {
    subject: 'Your expense claim was approved',
    body: 'Your expense claim was approved for payment.\n\nSee your claims: ((link))',
  },
  'expense-approved:cy': {
    subject: 'Cymeradwywyd eich hawliad treuliau',
    body: 'Cymeradwywyd eich hawliad treuliau i’w dalu.\n\nGweld eich hawliadau: ((link))',
  },
  'expense-approved:sms': {
    body: 'Independent Visitors: your expense claim was approved. See your claims: ((link))',
  },
  'expense-approved:sms:cy': {
    body: 'Ymwelwyr Annibynnol: cymeradwywyd eich hawliad treuliau. Gweld eich hawliadau: ((link))',
  },
  'expense-rejected': {
    subject: 'Your expense claim was not approved',
    body:
      'Your expense claim was not approved.\n\nWhy: ((reason))\n\n' +
      'If you have a question about it, ask your coordinator. See your claims: ((link))',
  },
  'expense-rejected:cy': {
    subject: 'Ni chymeradwywyd eich hawliad treuliau',
    body:
      'Ni chymeradwywyd eich hawliad treuliau.\n\nPam: ((reason))\n\n' +
      'Os oes gennych gwestiwn amdano, gofynnwch i’ch cydlynydd. Gweld eich hawliadau: ((link))',
  },
  // A text message does not carry the coordinator's reason: it is free text, which could name the child.
  'expense-rejected:sms': {
    body: 'Independent Visitors: your expense claim was not approved. Sign in to see why: ((link))',
  },
  'expense-rejected:sms:cy': {
    body: 'Ymwelwyr Annibynnol: ni chymeradwywyd eich hawliad treuliau. Mewngofnodwch i weld pam: ((link))',
  },
};

export const visitorTemplate = (
  kind: VisitorNotificationKind,
  language: Language,
  channel: Channel,
): Template => VISITOR_TEMPLATES[templateKey(kind, language, channel)]!;

/** Every template's key, for the docs and the test that each kind has all four. */
export const VISITOR_TEMPLATE_KEYS = Object.keys(VISITOR_TEMPLATES);

/** The fields a template fills in: a message carries no personalisation its template does not show. */
export const fieldsOf = (template: Template): string[] => [
  ...new Set(
    [...`${template.subject ?? ''} ${template.body}`.matchAll(/\(\(([a-z_]+)\)\)/g)].map((m) => m[1]!),
  ),
];

/** The message as Notify would send it: each ((field)) filled in. */
export const render = (template: Template, personalisation: Record<string, string>): Template => {
  const fill = (text: string) =>
    text.replace(/\(\(([a-z_]+)\)\)/g, (_, field) => personalisation[field] ?? '');
  return { ...(template.subject ? { subject: fill(template.subject) } : {}), body: fill(template.body) };
};
