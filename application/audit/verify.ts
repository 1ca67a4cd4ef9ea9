import { GENESIS_HASH } from '../../events/envelope';
import { hashEvent } from '../../events/hash';
import type { StoredEventReader, StoredItem } from '../ports/stored-events';
import type { Anchor, AnchoredHead } from './anchor';

/** Why a version cannot be trusted. */
export type BreakProblem =
  /** The item's own hash does not match its content: a stored field was changed. */
  | 'hash-mismatch'
  /** The item does not point at the hash of the version before it: an item was replaced or re-chained. */
  | 'prev-hash-mismatch'
  /** A version is missing from the middle or start of the stream: an item was deleted or moved. */
  | 'version-gap'
  /** The index attribute (version 1 only) was changed, removed or put on another version. */
  | 'index-mismatch'
  /** The item carries an attribute no writer of this system puts there. */
  | 'unexpected-attribute'
  /** The stream ends before the version its anchored head recorded: its newest events were deleted. */
  | 'missing-tail'
  /** The event at the anchored version no longer has the anchored hash: the stream was rewritten and re-hashed. */
  | 'anchor-mismatch';

export interface ChainBreak {
  version: number;
  problem: BreakProblem;
  detail: string;
}

/** Per event: intact, the first broken one, or after a break (cannot be trusted, since the chain no longer holds). */
export type ChainStatus = 'intact' | 'broken' | 'after-break';

export interface StreamVerification {
  streamId: string;
  intact: boolean;
  /** Events read (items found in the table). */
  events: number;
  head?: AnchoredHead;
  firstBroken?: ChainBreak;
  /** The head anchored outside the table that this stream was compared with, if any. */
  anchored?: AnchoredHead & { anchoredAt: string };
}

/**
 * Where a check of a stream stopped: enough to carry on from the next version without reading the ones before it
 * again (the history's cursor carries it from page to page).
 */
export interface ChainProgress {
  /** The next version expected. */
  version: number;
  /** The hash of the last version checked, which the next one must point at. */
  prevHash: string;
  /** Items checked so far. */
  events: number;
  firstBroken?: ChainBreak;
  /** The anchored version's verdict, when it was among the versions checked. */
  anchorBroken?: ChainBreak;
}

/**
 * Checks a stream's items one by one in version order, keeping only the previous hash: any stream length in
 * constant memory. The audit view, the history, as-of and the CLI all use it, so every read verifies the chain.
 * Given the progress of an earlier check, it carries on from there.
 */
export class ChainChecker {
  private prevHash = GENESIS_HASH;
  private expectedVersion = 1;
  private count = 0;
  private head?: AnchoredHead;
  private firstBroken?: ChainBreak;
  private hashAtAnchor?: string;
  private readonly resumedFrom: number;
  private readonly anchorBrokenBefore?: ChainBreak;

  constructor(
    readonly streamId: string,
    private readonly anchor?: AnchoredHead & { anchoredAt: string },
    from?: ChainProgress,
  ) {
    this.resumedFrom = from?.version ?? 1;
    if (!from) return;
    this.expectedVersion = from.version;
    this.prevHash = from.prevHash;
    this.count = from.events;
    this.firstBroken = from.firstBroken;
    this.anchorBrokenBefore = from.anchorBroken;
    if (from.version > 1) this.head = { version: from.version - 1, hash: from.prevHash };
  }

  progress(): ChainProgress {
    return {
      version: this.expectedVersion,
      prevHash: this.prevHash,
      events: this.count,
      firstBroken: this.firstBroken,
      anchorBroken:
        this.anchor && this.anchor.version < this.expectedVersion ? this.anchorProblem(false) : undefined,
    };
  }

  check(item: StoredItem): ChainStatus {
    const { event } = item;
    this.count++;
    this.head = { version: event.version, hash: event.hash };
    if (this.anchor && event.version === this.anchor.version) this.hashAtAnchor = event.hash;
    const problem = this.firstBroken ? undefined : this.problemOf(item);
    const status = this.firstBroken ? 'after-break' : problem ? 'broken' : 'intact';
    this.firstBroken ??= problem;
    this.prevHash = event.hash;
    this.expectedVersion = event.version + 1;
    return status;
  }

  /**
   * The verdict so far. `complete` says the stream was read to its end, so a missing tail can be told; otherwise
   * `anchorProblem` is what a caller found out about the anchored version on its own (see readHistory).
   */
  result(
    options: { complete: boolean; anchorProblem?: ChainBreak } = { complete: true },
  ): StreamVerification {
    const firstBroken = this.firstBroken ?? this.anchorProblem(options.complete, options.anchorProblem);
    return {
      streamId: this.streamId,
      intact: !firstBroken,
      events: this.count,
      head: this.head,
      firstBroken,
      anchored: this.anchor,
    };
  }

  private problemOf({ event, streamLa, unexpectedAttributes }: StoredItem): ChainBreak | undefined {
    const at = (problem: BreakProblem, detail: string, version = event.version) => ({
      version,
      problem,
      detail,
    });
    if (event.version !== this.expectedVersion)
      return at(
        'version-gap',
        `version ${this.expectedVersion} is missing; the next item is version ${event.version}`,
        this.expectedVersion,
      );
    if (event.prevHash !== this.prevHash)
      return at('prev-hash-mismatch', 'its previous hash is not the hash of the version before it');
    let computed: string | undefined;
    try {
      computed = hashEvent(event);
    } catch {
      computed = undefined;
    }
    if (computed !== event.hash) return at('hash-mismatch', 'its content does not match its hash');
    const indexOk = event.version === 1 ? streamLa === event.la : streamLa === undefined;
    if (!indexOk) return at('index-mismatch', 'its stream index attribute does not match the stream');
    if (unexpectedAttributes.length > 0)
      return at('unexpected-attribute', `it carries ${unexpectedAttributes.join(', ')}`);
    return undefined;
  }

  /**
   * The anchored version judged on what this check saw: a deleted tail once the stream was read to its end, a
   * changed hash once the anchored version was read. A version judged before the check resumed was judged then (a
   * break found there came in with the progress); one not reached yet is judged by `probe`.
   */
  private anchorProblem(complete: boolean, probe?: ChainBreak): ChainBreak | undefined {
    const anchor = this.anchor;
    if (!anchor) return undefined;
    if (this.hashAtAnchor !== undefined)
      return this.hashAtAnchor === anchor.hash ? undefined : anchorMismatch(anchor);
    if (anchor.version < this.resumedFrom) return this.anchorBrokenBefore;
    const last = this.head?.version ?? 0;
    if (!complete) return probe;
    if (last < anchor.version)
      return {
        version: last + 1,
        problem: 'missing-tail',
        detail: `the stream ends at version ${last} but version ${anchor.version} was anchored at ${anchor.anchoredAt}`,
      };
    return anchorMismatch(anchor);
  }
}

export const anchorMismatch = (anchor: AnchoredHead & { anchoredAt: string }): ChainBreak => ({
  version: anchor.version,
  problem: 'anchor-mismatch',
  detail: `version ${anchor.version} no longer has the hash anchored at ${anchor.anchoredAt}`,
});

export const anchoredHeadOf = (anchor: Anchor | undefined, streamId: string) => {
  const head = anchor?.heads[streamId];
  return head && anchor ? { ...head, anchoredAt: anchor.anchoredAt } : undefined;
};

/** Verifies one stream from version 1, and against its anchored head when an anchor is given. */
export async function verifyStream(
  reader: StoredEventReader,
  streamId: string,
  options: { anchor?: Anchor } = {},
): Promise<StreamVerification> {
  const checker = new ChainChecker(streamId, anchoredHeadOf(options.anchor, streamId));
  for await (const item of reader.items(streamId)) checker.check(item);
  return checker.result();
}

export interface VerificationReport {
  checkedAt: string;
  streams: number;
  events: number;
  intact: number;
  /** Only the broken streams are kept, each with its first broken version. */
  broken: StreamVerification[];
  anchoredAt?: string;
}

/**
 * Verifies every stream, found through the sparse streamsByLa index, a few streams at a time. Memory holds the
 * streams in flight and the broken ones, never the table. With an anchor, a stream the anchor knows but the index
 * no longer lists (deleted, or its index attribute removed) is verified too, and so reported.
 */
export async function verifyAllStreams(
  reader: StoredEventReader,
  options: {
    anchor?: Anchor;
    la?: string;
    concurrency?: number;
    now?: () => Date;
    onStream?: (result: StreamVerification) => void;
  } = {},
): Promise<VerificationReport> {
  const report: VerificationReport = {
    checkedAt: (options.now ?? (() => new Date()))().toISOString(),
    streams: 0,
    events: 0,
    intact: 0,
    broken: [],
    anchoredAt: options.anchor?.anchoredAt,
  };
  const unseen = new Set(
    Object.entries(options.anchor?.heads ?? {})
      .filter(([, head]) => !options.la || head.la === undefined || head.la === options.la)
      .map(([streamId]) => streamId),
  );
  const record = (result: StreamVerification) => {
    report.streams++;
    report.events += result.events;
    if (result.intact) report.intact++;
    else report.broken.push(result);
    options.onStream?.(result);
  };
  const verifyOne = async (streamId: string) => {
    unseen.delete(streamId);
    record(await verifyStream(reader, streamId, options));
  };

  const limit = Math.max(1, options.concurrency ?? 4);
  const inFlight = new Set<Promise<void>>();
  for await (const { streamId } of reader.streams({ la: options.la })) {
    const task: Promise<void> = verifyOne(streamId).finally(() => inFlight.delete(task));
    inFlight.add(task);
    if (inFlight.size >= limit) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  for (const streamId of [...unseen].sort()) await verifyOne(streamId);
  report.broken.sort((a, b) => a.streamId.localeCompare(b.streamId));
  return report;
}

export interface VerificationBatch {
  /** The streams verified in this batch, in order; only the broken ones keep their detail. */
  checked: number;
  events: number;
  broken: StreamVerification[];
  /** The last stream verified: pass it back as `after` for the next batch. Absent when every stream is done. */
  next?: string;
  /** How many streams the LA has, counted on the first batch (when `after` is not given). */
  total?: number;
}

/**
 * Verifies one LA's streams in batches, in stream-id order (the order of the streamsByLa index), so a page can show
 * progress between batches and carry on where it stopped. A stream written while the checks run may be missed if
 * its id sorts before the point reached; the next check covers it. The last batch also verifies streams the anchor
 * knows but the index no longer lists (deleted or unindexed), as verifyAllStreams does.
 */
export async function verifyBatch(
  reader: StoredEventReader,
  options: { la: string; after?: string; limit: number; anchor?: Anchor },
): Promise<VerificationBatch> {
  const batch: VerificationBatch = { checked: 0, events: 0, broken: [] };
  const record = (result: StreamVerification) => {
    batch.checked++;
    batch.events += result.events;
    if (!result.intact) batch.broken.push(result);
  };
  const listed = new Set<string>();
  let total = 0;
  let stopped = false;
  for await (const { streamId } of reader.streams({ la: options.la })) {
    total++;
    listed.add(streamId);
    if (stopped || (options.after !== undefined && streamId <= options.after)) continue;
    if (batch.checked >= options.limit) {
      stopped = true;
      if (options.after !== undefined) break;
      continue;
    }
    record(await verifyStream(reader, streamId, options));
    batch.next = streamId;
  }
  if (options.after === undefined) batch.total = total;
  if (stopped) return batch;
  delete batch.next;
  const missing = Object.entries(options.anchor?.heads ?? {})
    .filter(([streamId, head]) => !listed.has(streamId) && (head.la === undefined || head.la === options.la))
    .map(([streamId]) => streamId)
    .sort();
  for (const streamId of missing) record(await verifyStream(reader, streamId, options));
  return batch;
}

/** Why a version cannot be trusted, in words an auditor reads. */
export const BREAK_WORDS: Record<BreakProblem, string> = {
  'hash-mismatch': 'its content no longer matches its hash: something stored in it was changed',
  'prev-hash-mismatch': 'it does not follow on from the version before it: an event was replaced',
  'version-gap': 'this version is missing: an event was deleted or moved',
  'index-mismatch': 'its entry in the index of records was changed',
  'unexpected-attribute': 'it carries data that no part of this service writes',
  'missing-tail': 'the newest events were deleted since the record was last anchored',
  'anchor-mismatch': 'the record was rewritten since it was last anchored outside the table',
};
