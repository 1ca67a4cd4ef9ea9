import type { Language } from '../../domain/local-authorities';
import { defaultPolicyFor } from '../../domain/policy';
import { isWithheld } from '../../events/personal-fields';
import { RecordNotFound } from '../errors';
import type { EventStore } from '../ports/event-store';
import type { StoredEventReader } from '../ports/stored-events';
import { loadRecord, VOLUNTEER } from '../records';
import type { Channel } from './notifications';

/** How to reach one Independent Visitor, and nothing else of their record. */
export interface VisitorContact {
  channel: Channel;
  /** Their email address or phone number, as the channel needs. */
  to: string;
  language?: Language;
}

/**
 * The visitor's contact details from their own record, read through a store that can open volunteers' personal data
 * and no one else's (see notifierOf). Only the channel, the address or number it needs and the language leave this
 * function. A volunteer who left, was erased or has neither an email address nor a phone number is not contacted.
 * Without a recorded channel they are emailed, or texted when they have a phone number only.
 */
export async function visitorContactOf(
  store: Pick<EventStore, 'read'>,
  volunteerId: string,
  la: string,
): Promise<VisitorContact | undefined> {
  const state = await loadRecord(store, VOLUNTEER, volunteerId, { la, policies: defaultPolicyFor }).then(
    (record) => record.state,
    (error) => {
      if (error instanceof RecordNotFound) return undefined;
      throw error;
    },
  );
  if (!state || state.status === 'withdrawn' || state.personalData.erased) return undefined;
  const { email, phone, contactChannel, correspondenceLanguage } = state.profile;
  const usable = (value: string | undefined) => (value && !isWithheld(value) ? value : undefined);
  const byEmail = usable(email) && { channel: 'email' as const, to: usable(email)! };
  const byText = usable(phone) && { channel: 'sms' as const, to: usable(phone)! };
  const reach = contactChannel === 'sms' ? byText || byEmail : byEmail || byText;
  return reach
    ? { ...reach, ...(correspondenceLanguage ? { language: correspondenceLanguage } : {}) }
    : undefined;
}

/**
 * The visitor of a child's current match, from the child's stream as it is stored: only the facts of a match are
 * read (VisitorMatched names the volunteer, RelationshipEnded ends it), neither of which holds personal data, so
 * nothing of the child's record is opened or needs to be.
 */
export const currentVisitorFrom =
  (reader: Pick<StoredEventReader, 'items'>) =>
  async (childStreamId: string): Promise<string | undefined> => {
    let visitor: string | undefined;
    for await (const { event } of reader.items(childStreamId)) {
      if (event.type === 'VisitorMatched') visitor = (event.data as { volunteerId: string }).volunteerId;
      if (event.type === 'RelationshipEnded') visitor = undefined;
    }
    return visitor;
  };
