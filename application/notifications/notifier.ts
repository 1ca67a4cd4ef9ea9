import type { Language } from '../../domain/local-authorities';
import type { ObligationKind } from '../../domain/obligations';
import { jurisdictionOfLa } from '../../events/contracts/common';
import type { RecordedEvent, Role } from '../../events/envelope';
import type { BusEvent } from '../ports/bus';
import type { Clock } from '../ports/clock';
import type { Log } from '../ports/log';
import {
  londonDate,
  NOTIFIED_EVENT_TYPES,
  type Notification,
  type NotificationLedger,
  type NotifiedEventType,
  notificationKindOf,
  recipientRolesOf,
  type Sender,
} from './notifications';
import { fieldsOf, visitorTemplate } from './templates';
import type { VisitorContact } from './visitor-contacts';
import { VISITOR_NOTICES, type VisitorLookup } from './visitor-notices';

/** What the email says the duty is: plain English, never the child's name. */
const ENGLISH_TITLES: Record<ObligationKind, string> = {
  'offer-iv-by-first-review': 'Consider and offer an Independent Visitor by the first looked-after review',
  'reconsider-at-review': 'Consider an Independent Visitor again at this looked-after review',
  'reconsider-after-ending': 'Consider a new Independent Visitor after the last one ended',
  'referral-waiting-too-long':
    'A referral to the Independent Visitor service has waited too long for a match',
  'visit-overdue': 'An Independent Visitor visit is overdue',
  'match-review-due': 'A match review is due',
  'plan-before-18': 'Plan the Independent Visitor relationship before the 18th birthday',
  'dbs-recheck-due': "A volunteer's DBS check needs renewing",
  'renew-training': "A volunteer's training needs renewing",
  'reconsider-after-withdrawal':
    'Consider an Independent Visitor again: the child withdrew their objection to having one',
  'record-leaving-care': 'Record leaving care: at 18 a young person is no longer looked after',
  'acknowledge-concern': 'A safeguarding concern must be acknowledged today',
  'inform-social-worker-of-concern':
    "The child's social worker must be told about a safeguarding concern today",
  'refer-allegation-to-lado': 'An allegation about an Independent Visitor must be referred to the LADO',
};

/** The same in Welsh, for the Welsh templates (awaiting a Welsh translator's review, as the pages' catalogue). */
const WELSH_TITLES: Record<ObligationKind, string> = {
  'offer-iv-by-first-review':
    'Ystyried a chynnig Ymwelydd Annibynnol erbyn yr adolygiad cyntaf o blentyn sy’n derbyn gofal',
  'reconsider-at-review': 'Ystyried Ymwelydd Annibynnol eto yn yr adolygiad hwn o blentyn sy’n derbyn gofal',
  'reconsider-after-ending': 'Ystyried Ymwelydd Annibynnol newydd ar ôl i’r un diwethaf ddod i ben',
  'referral-waiting-too-long':
    'Mae atgyfeiriad i’r gwasanaeth Ymwelwyr Annibynnol wedi aros yn rhy hir am baru',
  'visit-overdue': 'Mae ymweliad gan Ymwelydd Annibynnol yn hwyr',
  'match-review-due': 'Mae adolygiad o’r paru i’w gynnal',
  'plan-before-18': 'Cynllunio perthynas yr Ymwelydd Annibynnol cyn y pen-blwydd yn 18 oed',
  'dbs-recheck-due': 'Mae angen adnewyddu gwiriad DBS gwirfoddolwr',
  'renew-training': 'Mae angen adnewyddu hyfforddiant gwirfoddolwr',
  'reconsider-after-withdrawal':
    'Ystyried Ymwelydd Annibynnol eto: mae’r plentyn wedi tynnu ei wrthwynebiad i gael un yn ôl',
  'record-leaving-care': 'Cofnodi gadael gofal: yn 18 oed nid yw person ifanc yn derbyn gofal mwyach',
  'acknowledge-concern': 'Rhaid cydnabod pryder diogelu heddiw',
  'inform-social-worker-of-concern':
    'Rhaid dweud wrth weithiwr cymdeithasol y plentyn am bryder diogelu heddiw',
  'refer-allegation-to-lado': 'Rhaid atgyfeirio honiad am Ymwelydd Annibynnol at y LADO',
};

export const OBLIGATION_TITLES: Record<Language, Record<ObligationKind, string>> = {
  en: ENGLISH_TITLES,
  cy: WELSH_TITLES,
};

/**
 * The language to write in about a record: the one the fact carries (the child's recorded correspondence language),
 * otherwise the language of the LA's country (a Welsh council writes in Welsh unless asked otherwise).
 */
const languageOf = (data: StageData, la: string): Language => data.language ?? countryLanguage(la);
const countryLanguage = (la: string): Language => (jurisdictionOfLa(la) === 'wales' ? 'cy' : 'en');

export interface NotifierDeps {
  readEvent(streamId: string, version: number): Promise<RecordedEvent | undefined>;
  sender: Sender;
  ledger: NotificationLedger;
  mailboxes: Record<string, Partial<Record<Role, string>>>;
  /** The base of the link to the record; the link carries the stream's id, which is not personal data. */
  recordBaseUrl: string;
  /** Who the visitor of a fact is and how to reach them (visitor-contacts.ts); without it, only teams hear. */
  visitors?: VisitorLookup & {
    contactOf(volunteerId: string, la: string): Promise<VisitorContact | undefined>;
  };
  clock: Clock;
  log: Log;
}

/** Past this age a recorded reminder is not emailed. A week covers the retries and a dead-letter redrive after a weekend. */
export const STALE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

type StageData = {
  obligationId: string;
  kind: ObligationKind;
  dueAt: string;
  escalation?: number;
  language?: Language;
};

/**
 * One email per recipient role per recorded reminder, missed deadline or escalation, and one email or text message
 * to the Independent Visitor a fact is news for (visitor-notices.ts), each effectively once: each
 * notification is claimed in a ledger before it is sent and marked sent after, which makes a duplicate delivery by
 * EventBridge, or a replay from the archive, harmless. An attempt that failed or died after claiming leaves the claim
 * pending; its retry asks Notify whether the email was accepted (by its reference) before sending, so an email is
 * neither lost (a crash just after Notify accepted it) nor sent twice.
 *
 * No message names the child: no LA policy allows it yet (the policy has no such setting), and the notifier can open
 * no child's personal data (it reads only volunteers' sealed fields, for a visitor's contact details), so a message
 * links to the record, or to the visitor's own pages, where access is checked.
 */
export function createNotifier(deps: NotifierDeps) {
  /** Sends one notification effectively once: claimed, sent unless an earlier attempt's got through, marked sent. */
  async function deliver(notification: Notification, now: Date): Promise<'sent' | 'duplicate'> {
    const claim = await deps.ledger.claim(notification.id, now);
    if (claim === 'sent' || (claim === 'pending' && (await deps.sender.alreadySent(notification)))) {
      if (claim === 'pending') await deps.ledger.markSent(notification.id, now);
      return 'duplicate';
    }
    await deps.sender.send(notification);
    await deps.ledger.markSent(notification.id, now);
    return 'sent';
  }

  /** The team mailboxes' emails about a reminder, a miss or an escalation. */
  function teamNotifications(recorded: RecordedEvent, type: NotifiedEventType, la: string, now: Date) {
    const data = recorded.data as StageData;
    const kind = notificationKindOf[type];
    const language = languageOf(data, la);
    const { eventId } = recorded.metadata;
    return recipientRolesOf[kind].map(
      (role): Notification => ({
        id: `${eventId}:${role}`,
        kind,
        language,
        la,
        role,
        to: deps.mailboxes[la]?.[role],
        personalisation: {
          duty: OBLIGATION_TITLES[language][data.kind] ?? data.kind,
          due_date: londonDate(data.dueAt, language),
          escalation: data.escalation ? String(data.escalation) : '',
          record_link: recordLink(deps.recordBaseUrl, recorded.streamId),
        },
        reference: `${eventId}:${role}`,
        createdAt: now.toISOString(),
      }),
    );
  }

  /**
   * The visitor's email or text message about the fact, by their chosen channel and language, with only the fields
   * that message's template shows; none when the fact is not news for a visitor or they cannot be reached.
   */
  async function visitorNotification(recorded: RecordedEvent, la: string, now: Date) {
    const notice = VISITOR_NOTICES[recorded.type];
    if (!notice || !deps.visitors) return [];
    const volunteerId = await notice.visitorOf(recorded, deps.visitors);
    const contact = volunteerId && (await deps.visitors.contactOf(volunteerId, la));
    if (!contact) return [];
    const language = contact.language ?? countryLanguage(la);
    const fields = notice.fields(
      recorded,
      language,
      (path) => `${deps.recordBaseUrl.replace(/\/$/, '')}${path}`,
    );
    const template = visitorTemplate(notice.kind, language, contact.channel);
    const id = `${recorded.metadata.eventId}:independent-visitor`;
    const notification: Notification = {
      id,
      kind: notice.kind,
      channel: contact.channel,
      language,
      la,
      role: 'independent-visitor',
      to: contact.to,
      personalisation: Object.fromEntries(fieldsOf(template).map((f) => [f, fields[f] ?? ''])),
      reference: id,
      createdAt: now.toISOString(),
    };
    return [notification];
  }

  return async (event: BusEvent): Promise<{ sent: number; duplicates: number }> => {
    const type = event['detail-type'];
    const forTeams = (NOTIFIED_EVENT_TYPES as readonly string[]).includes(type);
    if (!forTeams && !VISITOR_NOTICES[type]) return { sent: 0, duplicates: 0 };
    const { streamId, version, eventId, la } = event.detail;
    const recorded = await deps.readEvent(streamId, version);
    if (!recorded || recorded.metadata.eventId !== eventId)
      throw new Error(`event ${eventId} is not at ${streamId} version ${version}`);
    const now = deps.clock.now();
    // A fact recorded long ago is history (a bulk import, a rebuild, a late replay), not news: nobody is told.
    if (now.getTime() - Date.parse(recorded.metadata.recordedAt) > STALE_AFTER_MS) {
      deps.log.info('fact too old to notify', { eventId, streamId });
      return { sent: 0, duplicates: 0 };
    }
    let sent = 0;
    let duplicates = 0;
    const kinds = new Set<string>();
    const send = async (notifications: readonly Notification[]) => {
      for (const notification of notifications) {
        kinds.add(notification.kind);
        if ((await deliver(notification, now)) === 'sent') sent++;
        else duplicates++;
      }
    };
    // The teams first: a visitor who cannot be looked up now (a retry will) never holds back the teams' emails.
    if (forTeams) await send(teamNotifications(recorded, type as NotifiedEventType, la, now));
    await send(await visitorNotification(recorded, la, now));
    // Ids, kinds and counts only: never an address, a number or a word of a message.
    deps.log.info('notifications', { eventId, streamId, kinds: [...kinds].join(','), sent, duplicates });
    return { sent, duplicates };
  };
}

/** The page of the record in the admin UI: a child's or a volunteer's, by the stream's kind. */
export function recordLink(baseUrl: string, streamId: string): string {
  const [kind, id = ''] = streamId.split('#');
  return `${baseUrl.replace(/\/$/, '')}/${kind === 'volunteer' ? 'volunteers' : 'children'}/${encodeURIComponent(id)}`;
}
