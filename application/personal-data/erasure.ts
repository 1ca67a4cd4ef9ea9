import { DomainRuleBroken } from '../../domain/decider';
import type { LegalHold, PersonalDataCommand, Retention } from '../../domain/personal-data';
import { erasureSubjectOf } from '../../domain/retention';
import type { StreamKind } from '../../events/stream-id';
import { toStreamId } from '../../events/stream-id';
import type { Principal } from '../access';
import type { App } from '../app';
import { actorOf, type CommandIdentity, commandContext } from '../children/children';
import { runCommand } from '../command';
import type { AccessChannel } from '../ports/access-log';
import type { EventStore } from '../ports/event-store';
import type { PersonalDataKeys } from '../ports/personal-data';
import type { ReceiptStore } from '../ports/receipts';
import { CHILD, loadRecord, VOLUNTEER } from '../records';

/**
 * Legal holds and erasure on request, on a child's or a volunteer's record, by someone allowed
 * `personal-data:manage`. Erasing records PersonalDataErased first, then destroys the person's data key; if the key
 * cannot be destroyed at once, repeating the request (or any later erasure attempt) finishes the job.
 */
export async function changePersonalData(
  app: App,
  principal: Principal,
  kind: StreamKind,
  id: string,
  command: PersonalDataCommand,
  identity: CommandIdentity,
): Promise<{ version?: number; duplicate: boolean }> {
  const { context, info } = commandContext(app, principal, identity);
  const run = {
    store: app.store,
    id,
    la: principal.la,
    policies: app.policies,
    command,
    context,
    info,
  };
  const streamId = toStreamId(kind, id);
  try {
    const outcome =
      kind === 'child'
        ? await runCommand({ ...run, kind: CHILD })
        : await runCommand({ ...run, kind: VOLUNTEER });
    if (command.type === 'ErasePersonalData')
      await completeErasure(app.store, app.personalData, streamId, app.receipts);
    const stream = outcome.result.streams.find((s) => s.streamId === streamId);
    return { version: stream?.toVersion, duplicate: outcome.result.duplicate };
  } catch (error) {
    // Already erased: make sure the key went too (a destruction cut short before), then say so.
    if (error instanceof DomainRuleBroken && error.rule === 'already-erased')
      await completeErasure(app.store, app.personalData, streamId, app.receipts);
    throw error;
  }
}

/**
 * Destroys the person's data key, and deletes the receipts of their expense claims, if their erasure is on the
 * record. Safe to repeat: the retention sweep calls it after each erasure it records (and again for a week), and
 * staff's requests after theirs. A receipt is a file, not a sealed field, so destroying the key would not make it
 * unreadable: it is deleted, found by the keys its claims recorded.
 */
export async function completeErasure(
  store: Pick<EventStore, 'read'>,
  keys: PersonalDataKeys,
  streamId: string,
  receipts?: Pick<ReceiptStore, 'delete'>,
): Promise<boolean> {
  const events = await store.read(streamId);
  const erasure = events.find((e) => e.type === 'PersonalDataErased');
  if (!erasure) return false;
  if (receipts)
    for (const e of events)
      if (e.type === 'ExpenseClaimed') await receipts.delete((e.data as { receiptKey: string }).receiptKey);
  await keys.destroy(streamId, { eventId: erasure.metadata.eventId });
  return true;
}

/** Where a record stands with its personal data, for its page and the API. */
export interface PersonalDataView {
  streamId: string;
  la: string;
  /** The last day it is kept, and under which rule; none while a volunteer is still active. */
  retention?: Retention;
  holds: LegalHold[];
  erased?: { on: string; basis: string };
}

/**
 * Reading it is a view of the record (the retention date follows from the date of birth), so it is logged. It shows
 * dates and holds only, nothing of special category.
 */
export async function viewPersonalData(
  app: App,
  principal: Principal,
  kind: StreamKind,
  id: string,
  channel: AccessChannel,
): Promise<PersonalDataView> {
  const options = { la: principal.la, policies: app.policies };
  const record =
    kind === 'child'
      ? await loadRecord(app.store, CHILD, id, options)
      : await loadRecord(app.store, VOLUNTEER, id, options);
  await app.accessLog.recordView({
    recordId: record.streamId,
    la: record.la,
    viewer: actorOf(principal),
    what: 'personal data: retention and legal holds',
    channel,
  });
  const { state } = record;
  const { holds, erased } = state.personalData;
  const retention = erased ? undefined : erasureSubjectOf(state, app.policies(record.la)).retention;
  return {
    streamId: record.streamId,
    la: record.la,
    ...(retention ? { retention } : {}),
    holds,
    ...(erased ? { erased } : {}),
  };
}
