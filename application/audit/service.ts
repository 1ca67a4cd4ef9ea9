import { endOfLondonDay, type LocalDate, londonDateOf } from '../../domain/calendar';
import type { EventCatalog } from '../../events/catalog';
import type { Actor, Role } from '../../events/envelope';
import { rolesFor } from '../access';
import { dateTime, longDate } from '../dates';
import { RecordNotFound } from '../errors';
import { visibleTo } from '../personal-data/visibility';
import type { AccessChannel, AccessLog, ViewsPage } from '../ports/access-log';
import type { PersonalDataKeys } from '../ports/personal-data';
import type { StoredEventReader } from '../ports/stored-events';
import type { Words } from '../words';
import type { AnchorStore } from './anchor';
import { type AsOf, type Evolver, type Moment, stateAsOf } from './as-of';
import { changesSince } from './changes';
import { EVOLVERS, evolverFor } from './deciders';
import { diffMoments, type MomentsDiff } from './diff';
import { buildExport, type ExportFiles } from './export';
import { type HistoryPage, MAX_PAGE_SIZE, readHistory } from './history';
import { openingReader } from './opening';
import { type StreamVerification, type VerificationBatch, verifyBatch, verifyStream } from './verify';
import { type PersonsViews, type ViewFilter, viewsByPerson, viewsOfRecord } from './views';

/** The viewer may not see this record: wrong role, or another LA's child. Nothing was shown or logged. */
export class AuditForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditForbiddenError';
  }
}

/** The policy's answer for a record the viewer may not even learn exists: shown as "not found", like a missing one. */
export const HIDDEN = Symbol('hidden');

/**
 * Who may use the audit views, and over which LA's records: undefined to allow, a reason to refuse (403), or HIDDEN
 * (404). The server's default: auditors and admins, own LA only.
 */
export type AuditPolicy = (viewer: Actor, recordLa: string) => string | typeof HIDDEN | undefined;

export const strictAuditPolicy: AuditPolicy = (viewer, recordLa) => {
  if (!(rolesFor('audit:read') as readonly Role[]).includes(viewer.role))
    return `the ${viewer.role} role cannot use the audit views`;
  // Another LA's record answers exactly as one that does not exist, so nobody learns a child is there.
  if (viewer.la !== recordLa) return HIDDEN;
  return undefined;
};

/** A moment in words, for the access log: "version 3", "the end of 10 September 2026", "10 Sep 2026, 14:03". */
export function describeMoment(moment: Moment): string {
  if ('version' in moment)
    return moment.version >= Number.MAX_SAFE_INTEGER ? 'now' : `version ${moment.version}`;
  const at = new Date(moment.at);
  const day = londonDateOf(at);
  return endOfLondonDay(day).getTime() - at.getTime() === 1 ? `the end of ${longDate(day)}` : dateTime(at);
}

/** The end of a London day as a moment: what the record said once that day was over. */
export const endOfDay = (day: LocalDate): Moment => ({
  at: new Date(endOfLondonDay(day).getTime() - 1).toISOString(),
});

/**
 * The auditors' operations as the UI, the API and the CLI use them: each reads, verifies, checks the viewer may see
 * the record, and records the view in the access log before anything is returned. If the view cannot be recorded
 * nothing is shown. It holds no way to write an event: an auditor cannot change anything.
 */
export class AuditService {
  private readonly deps: {
    reader: StoredEventReader;
    catalog: EventCatalog;
    accessLog: AccessLog;
    anchors?: AnchorStore;
    evolvers?: Partial<Record<string, Evolver<unknown>>>;
    policy?: AuditPolicy;
    now?: () => Date;
  };

  constructor(
    deps: AuditService['deps'] & {
      /** Opens personal fields for the views; without it they read as sealed and cannot be replayed. */
      personalData?: PersonalDataKeys;
    },
  ) {
    const { personalData, ...rest } = deps;
    this.deps = rest;
    this.keys = personalData;
  }

  private readonly keys?: PersonalDataKeys;

  /**
   * The events as this viewer may read them: opened, with what their role may not see withheld. Verification and
   * finding a record's LA read the sealed form only.
   */
  private readable(viewer: Actor) {
    return {
      ...this.deps,
      reader: openingReader(this.deps.reader, this.keys, visibleTo(viewer.role, this.deps.catalog)),
    };
  }

  async history(
    viewer: Actor,
    channel: AccessChannel,
    streamId: string,
    paging: { fromVersion?: number; toVersion?: number; limit?: number; cursor?: string } = {},
  ): Promise<HistoryPage> {
    const page = await readHistory({
      ...this.readable(viewer),
      streamId,
      ...paging,
      anchor: await this.anchor(),
    });
    const shown = page.entries.length
      ? `the full history, versions ${page.entries[0]!.version} to ${page.entries.at(-1)!.version}`
      : 'the full history (no events)';
    await this.seen(viewer, channel, streamId, page.la, shown);
    return page;
  }

  async asOf(
    viewer: Actor,
    channel: AccessChannel,
    streamId: string,
    moment: Moment,
  ): Promise<AsOf<unknown>> {
    const result = await stateAsOf({
      ...this.readable(viewer),
      decider: evolverFor(streamId, this.evolvers()),
      streamId,
      moment,
      anchor: await this.anchor(),
    });
    await this.seen(
      viewer,
      channel,
      streamId,
      await this.laOf(streamId),
      `the record as it stood at ${describeMoment(moment)}`,
    );
    return result;
  }

  async diff(
    viewer: Actor,
    channel: AccessChannel,
    streamId: string,
    from: Moment,
    to: Moment,
  ): Promise<MomentsDiff<unknown>> {
    const result = await diffMoments({
      ...this.readable(viewer),
      decider: evolverFor(streamId, this.evolvers()),
      streamId,
      from,
      to,
      anchor: await this.anchor(),
    });
    const what = `what changed between ${describeMoment(from)} and ${describeMoment(to)}`;
    await this.seen(viewer, channel, streamId, await this.laOf(streamId), what);
    return result;
  }

  /** The export bundle and its document, the document in the `words` of the person exporting (English by default). */
  async export(viewer: Actor, channel: AccessChannel, streamId: string, words?: Words): Promise<ExportFiles> {
    const anchor = await this.anchor();
    const evolver = this.evolvers()[streamId.split('#')[0]!];
    const state = evolver
      ? (
          await stateAsOf({
            ...this.readable(viewer),
            decider: evolver,
            streamId,
            moment: { version: Number.MAX_SAFE_INTEGER },
          })
        ).state
      : undefined;
    const files = await buildExport({
      ...this.readable(viewer),
      streamId,
      exportedBy: viewer,
      now: this.now(),
      anchor,
      state,
      ...(words ? { words } : {}),
    });
    await this.seen(viewer, channel, streamId, files.bundle.la, 'the export of the full record');
    return files;
  }

  /** Who viewed a record and when. Looking at the access log is itself a view of the child's record. */
  async views(
    viewer: Actor,
    channel: AccessChannel,
    streamId: string,
    paging: { limit?: number; cursor?: string } = {},
  ): Promise<ViewsPage> {
    const la = await this.laOf(streamId);
    this.authorize(viewer, la);
    const page = await this.deps.accessLog.listViews(streamId, paging);
    await this.noteAccessLogSeen(viewer, channel, streamId, la);
    return page;
  }

  /** Who viewed a record, filtered by person and by day; every view read, the log's chain verified. */
  async viewsFiltered(viewer: Actor, channel: AccessChannel, streamId: string, filter: ViewFilter) {
    const la = await this.laOf(streamId);
    this.authorize(viewer, la);
    const found = await viewsOfRecord(this.deps.accessLog, streamId, filter);
    await this.noteAccessLogSeen(viewer, channel, streamId, la);
    return { recordId: streamId, ...found };
  }

  /**
   * What one person viewed across the viewer's LA. It shows references and times only, nothing of any record, so
   * (like verification) it is not recorded as a view of each record.
   */
  async viewedBy(
    viewer: Actor,
    personId: string,
    filter: Omit<ViewFilter, 'viewerId'> = {},
  ): Promise<PersonsViews> {
    this.authorize(viewer, viewer.la);
    return viewsByPerson(this.deps.accessLog, viewer.la, personId, filter);
  }

  /**
   * The record as it stood at a moment, the record now, and what happened since in plain English: one view.
   */
  async since(viewer: Actor, channel: AccessChannel, streamId: string, moment: Moment, words?: Words) {
    const anchor = await this.anchor();
    const decider = evolverFor(streamId, this.evolvers());
    const readable = this.readable(viewer);
    const common = { ...readable, decider, streamId, anchor };
    const [then, now, history] = await Promise.all([
      stateAsOf({ ...common, moment }),
      stateAsOf({ ...common, moment: { version: Number.MAX_SAFE_INTEGER } }),
      readHistory({ ...readable, streamId, limit: MAX_PAGE_SIZE, anchor }),
    ]);
    await this.seen(
      viewer,
      channel,
      streamId,
      history.la,
      `the record as it stood at ${describeMoment(moment)}, and what has changed since`,
    );
    return {
      then,
      now,
      changes: changesSince(history.entries, then.version, words),
      more: history.nextCursor !== undefined,
    };
  }

  /** Verifies a batch of the viewer's LA's streams; see verifyBatch. Versions and hashes only, so not a view. */
  async verifyBatch(viewer: Actor, options: { after?: string; limit: number }): Promise<VerificationBatch> {
    this.authorize(viewer, viewer.la);
    return verifyBatch(this.deps.reader, { ...options, la: viewer.la, anchor: await this.anchor() });
  }

  private noteAccessLogSeen(viewer: Actor, channel: AccessChannel, streamId: string, la: string) {
    return this.deps.accessLog.recordView({
      recordId: streamId,
      la,
      viewer,
      what: 'who viewed the record',
      channel,
    });
  }

  /** Verification shows versions and hashes only, no record content, so it is not a view of the child's record. */
  async verify(streamId: string): Promise<StreamVerification> {
    return verifyStream(this.deps.reader, streamId, { anchor: await this.anchor() });
  }

  private async seen(
    viewer: Actor,
    channel: AccessChannel,
    streamId: string,
    la: string | undefined,
    what: string,
  ): Promise<void> {
    if (!la) throw new RecordNotFound();
    this.authorize(viewer, la);
    await this.deps.accessLog.recordView({ recordId: streamId, la, viewer, what, channel });
  }

  private authorize(viewer: Actor, la: string): void {
    const refusal = (this.deps.policy ?? strictAuditPolicy)(viewer, la);
    if (refusal === HIDDEN) throw new RecordNotFound();
    if (refusal) throw new AuditForbiddenError(refusal);
  }

  private async laOf(streamId: string): Promise<string> {
    for await (const item of this.deps.reader.items(streamId, { toVersion: 1 })) return item.event.la;
    throw new RecordNotFound();
  }

  private anchor() {
    return this.deps.anchors?.latest();
  }

  private evolvers(): Partial<Record<string, Evolver<unknown>>> {
    return this.deps.evolvers ?? EVOLVERS;
  }

  private now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }
}
