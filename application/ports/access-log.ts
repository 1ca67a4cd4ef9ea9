import * as z from 'zod';
import { Actor } from '../../events/envelope';
import type { Anchor } from '../audit/anchor';

/** How the person looked: the web pages, the JSON API, or the auditors' command line. */
export const AccessChannel = z.enum(['ui', 'api', 'cli']);
export type AccessChannel = z.infer<typeof AccessChannel>;

/** A view about to be recorded: who looked at which record, what they saw, and through which channel. */
export const View = z.object({
  /** The record viewed: a stream id such as child#…. */
  recordId: z.string().min(1).max(200),
  /** The local authority the record belongs to. */
  la: z.string().min(1).max(16),
  viewer: Actor,
  /** What was shown, in words: "the full history, versions 1 to 20", "the export document". Never personal data. */
  what: z.string().min(1).max(500),
  channel: AccessChannel,
});
export type View = z.infer<typeof View>;

export interface AccessEntry extends View {
  seq: number;
  viewedAt: string;
  prevHash: string;
  hash: string;
}

export interface AccessLogVerification {
  recordId: string;
  intact: boolean;
  views: number;
  head?: { seq: number; hash: string };
  firstBroken?: { seq: number; problem: string };
}

export interface ViewsPage {
  recordId: string;
  views: AccessEntry[];
  nextCursor?: string;
  verification: AccessLogVerification;
}

/**
 * The access log: one hash chain per record viewed. Each view is appended, never changed; the chain of every record
 * is verified whenever it is read.
 */
export interface AccessLog {
  /** Appends one view to the record's chain; concurrent views never fork it. */
  recordView(view: View): Promise<AccessEntry>;
  /** Who viewed a record and when, oldest first, paged, with the chain verified. */
  listViews(recordId: string, options?: { limit?: number; cursor?: string }): Promise<ViewsPage>;
  /** Verifies one record's log, and against its anchored head when an anchor is given. */
  verify(recordId: string, options?: { anchor?: Anchor }): Promise<AccessLogVerification>;
  /** Every record that has been viewed, or one local authority's. */
  records(options?: { la?: string }): AsyncIterable<string>;
  head(recordId: string): Promise<{ seq: number; hash: string } | undefined>;
}
