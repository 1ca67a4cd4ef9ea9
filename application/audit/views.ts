import type { LocalDate } from '../../domain/calendar';
import { londonDateOf } from '../../domain/calendar';
import type { AccessEntry, AccessLog, AccessLogVerification } from '../ports/access-log';

/** Which views to show: one person's, and from one London day to another (both included). */
export interface ViewFilter {
  viewerId?: string;
  from?: LocalDate;
  to?: LocalDate;
}

const PAGE = 1000;

const matches = (entry: AccessEntry, filter: ViewFilter): boolean => {
  if (filter.viewerId && entry.viewer.id !== filter.viewerId) return false;
  const day = londonDateOf(entry.viewedAt);
  return (!filter.from || filter.from <= day) && (!filter.to || day <= filter.to);
};

/** Every view of one record that the filter lets through, oldest first, with the log's chain verified. */
export async function viewsOfRecord(
  log: AccessLog,
  recordId: string,
  filter: ViewFilter = {},
): Promise<{ views: AccessEntry[]; verification: AccessLogVerification; viewers: string[] }> {
  const views: AccessEntry[] = [];
  const viewers = new Set<string>();
  let cursor: string | undefined;
  let verification: AccessLogVerification | undefined;
  do {
    const page = await log.listViews(recordId, { limit: PAGE, cursor });
    verification = page.verification;
    for (const entry of page.views) {
      viewers.add(entry.viewer.id);
      if (matches(entry, filter)) views.push(entry);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { views, verification, viewers: [...viewers].sort() };
}

export interface PersonsViews {
  viewerId: string;
  la: string;
  views: AccessEntry[];
  /** Records whose access log does not verify: what they say about this person cannot be trusted. */
  broken: string[];
}

/**
 * What one person viewed across every record of an LA, newest first. It reads each record's log (verifying each
 * chain), so it takes longer the more records have been viewed; it shows references and times, nothing of a record.
 */
export async function viewsByPerson(
  log: AccessLog,
  la: string,
  viewerId: string,
  filter: Omit<ViewFilter, 'viewerId'> = {},
): Promise<PersonsViews> {
  const views: AccessEntry[] = [];
  const broken: string[] = [];
  for await (const recordId of log.records({ la })) {
    const found = await viewsOfRecord(log, recordId, { ...filter, viewerId });
    if (!found.verification.intact) broken.push(recordId);
    views.push(...found.views.filter((v) => v.la === la));
  }
  views.sort((a, b) => b.viewedAt.localeCompare(a.viewedAt));
  return { viewerId, la, views, broken: broken.sort() };
}
