import type { Language } from '../../domain/local-authorities';
import type { ObligationKind } from '../../domain/obligations';
import { jurisdictionOfLa } from '../../events/contracts/common';
import type { RecordedEvent, Role } from '../../events/envelope';
import type { BusEvent } from '../ports/bus';
import type { Clock } from '../ports/clock';
import type { Log } from '../ports/log';
import {
  NOTIFIED_EVENT_TYPES,
  type Notification,
  type NotificationLedger,
  type NotifiedEventType,
  notificationKindOf,
  recipientRolesOf,
  type Sender,
} from './notifications';

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
const LOCALES: Record<Language, string> = { en: 'en-GB', cy: 'cy-GB' };

/**
 * The language to write in about a record: the one the fact carries (the child's recorded correspondence language),
 * otherwise the language of the LA's country (a Welsh council writes in Welsh unless asked otherwise).
 */
const languageOf = (data: StageData, la: string): Language =>
  data.language ?? (jurisdictionOfLa(la) === 'wales' ? 'cy' : 'en');

export interface NotifierDeps {
  readEvent(streamId: string, version: number): Promise<RecordedEvent | undefined>;
  sender: Sender;
  ledger: NotificationLedger;
  mailboxes: Record<string, Partial<Record<Role, string>>>;
  /** The base of the link to the record; the link carries the stream's id, which is not personal data. */
  recordBaseUrl: string;
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
 * One email per recipient role per recorded reminder, missed deadline or escalation, effectively once: each
 * notification is claimed in a ledger before it is sent and marked sent after, which makes a duplicate delivery by
 * EventBridge, or a replay from the archive, harmless. An attempt that failed or died after claiming leaves the claim
 * pending; its retry asks Notify whether the email was accepted (by its reference) before sending, so an email is
 * neither lost (a crash just after Notify accepted it) nor sent twice.
 *
 * No email names the child: no LA policy allows it yet (the policy has no such setting) and the stream holds no name,
 * so the email links to the record, where access is checked.
 */
export function createNotifier(deps: NotifierDeps) {
  return async (event: BusEvent): Promise<{ sent: number; duplicates: number }> => {
    const type = event['detail-type'] as NotifiedEventType;
    if (!NOTIFIED_EVENT_TYPES.includes(type)) return { sent: 0, duplicates: 0 };
    const { streamId, version, eventId, la } = event.detail;
    const recorded = await deps.readEvent(streamId, version);
    if (!recorded || recorded.metadata.eventId !== eventId)
      throw new Error(`event ${eventId} is not at ${streamId} version ${version}`);
    const data = recorded.data as StageData;
    const kind = notificationKindOf[type];
    const now = deps.clock.now();
    // A reminder recorded long ago is history (a bulk import, a rebuild, a late replay), not news: nobody is emailed.
    if (now.getTime() - Date.parse(recorded.metadata.recordedAt) > STALE_AFTER_MS) {
      deps.log.info('deadline fact too old to notify', { eventId, streamId });
      return { sent: 0, duplicates: 0 };
    }
    const language = languageOf(data, la);
    let sent = 0;
    let duplicates = 0;
    for (const role of recipientRolesOf[kind]) {
      const notification: Notification = {
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
          record_link: recordLink(deps.recordBaseUrl, streamId),
        },
        reference: `${eventId}:${role}`,
        createdAt: now.toISOString(),
      };
      const claim = await deps.ledger.claim(notification.id, now);
      if (claim === 'sent' || (claim === 'pending' && (await deps.sender.alreadySent(notification)))) {
        if (claim === 'pending') await deps.ledger.markSent(notification.id, now);
        duplicates++;
        continue;
      }
      await deps.sender.send(notification);
      await deps.ledger.markSent(notification.id, now);
      sent++;
    }
    deps.log.info('deadline notifications', { eventId, streamId, kind, sent, duplicates });
    return { sent, duplicates };
  };
}

/** A due instant is the end of the London day it falls due: show that day. */
const londonDate = (dueAt: string, language: Language): string =>
  new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(Date.parse(dueAt) - 1));

/** The page of the record in the admin UI: a child's or a volunteer's, by the stream's kind. */
export function recordLink(baseUrl: string, streamId: string): string {
  const [kind, id = ''] = streamId.split('#');
  return `${baseUrl.replace(/\/$/, '')}/${kind === 'volunteer' ? 'volunteers' : 'children'}/${encodeURIComponent(id)}`;
}
