import { GENESIS_HASH } from '../../events/envelope';
import { chainHash } from '../../events/hash';
import type { AccessEntry, AccessLog, AccessLogVerification } from '../ports/access-log';
import type { Anchor } from './anchor';

/** SHA-256 over the canonical encoding of the entry, including the previous entry's hash, as for events. */
export function hashAccessEntry(entry: Omit<AccessEntry, 'hash'>): string {
  const { recordId, seq, la, viewer, what, channel, viewedAt, prevHash } = entry;
  return chainHash({ recordId, seq, la, viewer, what, channel, viewedAt, prevHash });
}

/** The access log's chain check: the same rules as the events' (gapless, linked, each hash matching its content). */
export class AccessChainChecker {
  private prevHash = GENESIS_HASH;
  private expected = 1;
  private views = 0;
  private head?: { seq: number; hash: string };
  private firstBroken?: { seq: number; problem: string };

  private hashAtAnchor?: string;

  constructor(
    private readonly recordId: string,
    private readonly anchored?: { seq: number; hash: string; anchoredAt: string },
  ) {}

  check(entry: AccessEntry, extra: { recordLa: unknown; unexpected: string[] }): void {
    this.views++;
    this.head = { seq: entry.seq, hash: entry.hash };
    if (entry.seq === this.anchored?.seq) this.hashAtAnchor = entry.hash;
    if (this.firstBroken) return;
    let problem: string | undefined;
    if (entry.seq !== this.expected) problem = 'seq-gap';
    else if (entry.prevHash !== this.prevHash) problem = 'prev-hash-mismatch';
    else if (safeHash(entry) !== entry.hash) problem = 'hash-mismatch';
    else if ((entry.seq === 1 ? entry.la : undefined) !== extra.recordLa) problem = 'index-mismatch';
    else if (extra.unexpected.length > 0) problem = 'unexpected-attribute';
    if (problem) this.firstBroken = { seq: problem === 'seq-gap' ? this.expected : entry.seq, problem };
    this.prevHash = entry.hash;
    this.expected = entry.seq + 1;
  }

  result(): AccessLogVerification {
    const firstBroken = this.firstBroken ?? this.anchorProblem();
    return { recordId: this.recordId, intact: !firstBroken, views: this.views, head: this.head, firstBroken };
  }

  private anchorProblem(): { seq: number; problem: string } | undefined {
    if (!this.anchored) return undefined;
    const last = this.head?.seq ?? 0;
    if (last < this.anchored.seq) return { seq: last + 1, problem: 'missing-tail' };
    if (this.hashAtAnchor !== this.anchored.hash)
      return { seq: this.anchored.seq, problem: 'anchor-mismatch' };
    return undefined;
  }
}

function safeHash(entry: AccessEntry): string | undefined {
  try {
    return hashAccessEntry(entry);
  } catch {
    return undefined;
  }
}

export interface AccessLogReport {
  records: number;
  views: number;
  broken: AccessLogVerification[];
}

/** Verifies the access log of every record viewed, and of every record the anchor knows but the index no longer lists. */
export async function verifyAllAccessLogs(
  log: AccessLog,
  options: { anchor?: Anchor } = {},
): Promise<AccessLogReport> {
  const report: AccessLogReport = { records: 0, views: 0, broken: [] };
  const unseen = new Set(Object.keys(options.anchor?.accessHeads ?? {}));
  const verifyOne = async (recordId: string) => {
    unseen.delete(recordId);
    const result = await log.verify(recordId, options);
    report.records++;
    report.views += result.views;
    if (!result.intact) report.broken.push(result);
  };
  for await (const recordId of log.records()) await verifyOne(recordId);
  for (const recordId of [...unseen].sort()) await verifyOne(recordId);
  return report;
}
