import type * as z from 'zod';
import type { LocalDate } from '../../../domain/calendar';
import type { LeftCareReason } from '../../../events/contracts/child';
import { type Reason, reason } from '../reasons';
import { inArea } from './area';
import { LS, PLACE, REC, RNE } from './codes';
import type { EpisodeRow, Extract, HeaderRow, Refusal, ReviewRow, TableName } from './files';

/*
 * Each child's history as the extract tells it, in this system's terms: periods of care from the episodes (entering
 * care at the first DECOM of a period, a placement change at each new episode that changes the placement, leaving
 * care at a DEC whose REC is not X1), and the looked-after reviews. Rows that contradict each other are refused
 * here, before any rule of the domain is asked.
 */

/** Where a fact came from: the row of the extract that says it. */
export interface Source {
  file: TableName;
  row: number;
  field: string;
}

export type FactKind = 'period-start' | 'placement' | 'review' | 'left';

export interface Fact {
  kind: FactKind;
  on: LocalDate;
  /** Period starts and placements: in the LA's area; absent when not known. */
  inArea?: boolean;
  /** Leaving care: why, as this system records it, and the REC code it came from. */
  reason?: z.infer<typeof LeftCareReason>;
  rec?: string;
  /**
   * The extract's first episode does not say the child started to be looked after (RNE is not S): their care
   * began before the extract, so on record it may be a placement change.
   */
  startsBeforeExtract?: boolean;
  /** What the fact is, in words: shown in the preview. */
  details: string;
  source: Source;
}

export interface ChildHistory {
  /** The LA's id for the child (CHILD). */
  child: string;
  header?: HeaderRow;
  /** In the order they happened. */
  facts: Fact[];
  /** Rows of this child's that cannot be imported: any one keeps the whole child out. */
  refusals: Refusal[];
  notes: Reason[];
}

const areaWords = (value: boolean | undefined) =>
  value === undefined ? 'area not known' : value ? 'in area' : 'out of area';

/** The children of an extract, each with their facts or the reasons they cannot be imported. */
export function historiesOf(extract: Extract, districts: ReadonlySet<string>): ChildHistory[] {
  const children = new Map<string, ChildHistory>();
  const of = (child: string) => {
    let history = children.get(child);
    if (!history) {
      history = { child, facts: [], refusals: [], notes: [] };
      children.set(child, history);
    }
    return history;
  };
  const refuse: Refuse = (child, source, why) => of(child).refusals.push({ ...source, child, reason: why });

  for (const problem of extract.rowProblems) if (problem.child) of(problem.child).refusals.push(problem);
  // A Header row refused for a value is still the child's Header row: their other rows are not orphans.
  const refusedHeader = new Set(extract.rowProblems.filter((p) => p.file === 'Header').map((p) => p.child));

  for (const row of extract.header) {
    const history = of(row.child);
    if (history.header)
      refuse(
        row.child,
        { file: 'Header', row: row.row, field: 'CHILD' },
        reason('headerTwice', { child: row.child, first: history.header.row }),
      );
    else history.header = row;
  }

  const episodes = groupBy(extract.episodes);
  const reviews = groupBy(extract.reviews);
  // Rows are checked against each other only when each could be read: a refused row would make others look wrong.
  const unreadable = (file: TableName, child: string) =>
    extract.rowProblems.some((p) => p.file === file && p.child === child);
  for (const [child, rows] of episodes) {
    of(child);
    if (!unreadable('Episodes', child)) checkEpisodes(rows, refuse);
  }
  for (const [child, rows] of reviews)
    if (!unreadable('Reviews', child)) checkReviews(of(child), rows, refuse);

  for (const history of children.values()) {
    if (!history.header) {
      if (refusedHeader.has(history.child)) continue;
      for (const row of [...(episodes.get(history.child) ?? []), ...(reviews.get(history.child) ?? [])])
        refuse(
          history.child,
          { file: 'decom' in row ? 'Episodes' : 'Reviews', row: row.row, field: 'CHILD' },
          reason('noHeader', { child: history.child }),
        );
      continue;
    }
    if (history.refusals.length > 0) continue;
    if (!episodes.has(history.child)) {
      refuse(
        history.child,
        { file: 'Header', row: history.header.row, field: 'CHILD' },
        reason('noEpisodes', { child: history.child }),
      );
      continue;
    }
    const periodFacts = episodeFacts(history, episodes.get(history.child)!, districts);
    const reviewed = reviewFacts(reviews.get(history.child) ?? []);
    for (const review of reviewed)
      if (!lookedAfterOn(periodFacts, review.on))
        refuse(history.child, review.source, reason('reviewNotLookedAfter', {}, { on: review.on }));
    if (history.refusals.length === 0) history.facts = merge(periodFacts, reviewed);
  }
  return [...children.values()].sort((a, b) => a.child.localeCompare(b.child, 'en', { numeric: true }));
}

function groupBy<R extends { child: string; row: number }>(rows: readonly R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const group = groups.get(row.child) ?? [];
    group.push(row);
    groups.set(row.child, group);
  }
  return groups;
}

type Refuse = (child: string, source: { file: TableName; row: number; field?: string }, why: Reason) => void;

const sameRow = <R extends { row: number }>(a: R, b: R) =>
  JSON.stringify({ ...a, row: 0 }) === JSON.stringify({ ...b, row: 0 });

/** Duplicates, episodes that end before they start or overlap, and X1 that does not lead into the next episode. */
function checkEpisodes(rows: EpisodeRow[], refuse: Refuse) {
  const at = (row: EpisodeRow, field: string) => ({ file: 'Episodes' as const, row: row.row, field });
  const sorted = [...rows].sort((a, b) => a.decom.localeCompare(b.decom) || a.row - b.row);
  let previous: EpisodeRow | undefined;
  for (const episode of sorted) {
    const child = episode.child;
    if (episode.dec && episode.dec < episode.decom)
      refuse(
        child,
        at(episode, 'DEC'),
        reason('endsBeforeStart', {}, { dec: episode.dec, decom: episode.decom }),
      );
    if (previous && previous.decom === episode.decom) {
      refuse(
        child,
        at(episode, 'DECOM'),
        sameRow(previous, episode)
          ? reason('repeatsRow', { first: previous.row })
          : reason('sameDayEpisode', { first: previous.row }, { on: episode.decom }),
      );
      continue;
    }
    if (previous) {
      const ends = previous.dec;
      if (!ends)
        refuse(child, at(episode, 'DECOM'), reason('earlierEpisodeOpen', { previous: previous.row }));
      else if (episode.decom < ends)
        refuse(
          child,
          at(episode, 'DECOM'),
          reason('overlaps', { previous: previous.row }, { on: episode.decom, ends }),
        );
      else if (previous.rec === 'X1' && episode.decom !== ends)
        refuse(
          child,
          at(episode, 'DECOM'),
          reason('x1Gap', { previous: previous.row }, { ends, on: episode.decom }),
        );
      else if (previous.rec === 'X1' && episode.rne === 'S')
        refuse(child, at(episode, 'RNE'), reason('startAfterX1', { previous: previous.row }));
      else if (previous.rec !== 'X1' && episode.rne !== 'S')
        refuse(
          child,
          at(episode, 'RNE'),
          reason('newPeriodNotS', { previous: previous.row, rec: previous.rec ?? '', rne: episode.rne }),
        );
    }
    previous = episode;
  }
  if (previous?.rec === 'X1') refuse(previous.child, at(previous, 'REC'), reason('x1Last'));
}

/** Reviews twice on one day, and a date of birth that is not the Header's. */
function checkReviews(history: ChildHistory, rows: ReviewRow[], refuse: Refuse) {
  const byDate = new Map<string, ReviewRow>();
  for (const review of rows) {
    const at = (field: string) => ({ file: 'Reviews' as const, row: review.row, field });
    const earlier = byDate.get(review.review);
    if (earlier)
      refuse(
        review.child,
        at('REVIEW'),
        sameRow(earlier, review)
          ? reason('repeatsRow', { first: earlier.row })
          : reason('sameDayReview', { first: earlier.row }, { on: review.review }),
      );
    else byDate.set(review.review, review);
    if (history.header && review.dateOfBirth !== history.header.dateOfBirth)
      refuse(
        review.child,
        at('DOB'),
        reason('reviewDateOfBirth', {}, { dob: review.dateOfBirth, header: history.header.dateOfBirth }),
      );
  }
}

function episodeFacts(history: ChildHistory, rows: EpisodeRow[], districts: ReadonlySet<string>): Fact[] {
  const facts: Fact[] = [];
  const sorted = [...rows].sort((a, b) => a.decom.localeCompare(b.decom));
  sorted.forEach((episode, i) => {
    const area = inArea(episode.district, districts);
    const previous = sorted[i - 1];
    const placement = `${PLACE[episode.place]!.label}; ${areaWords(area)}`;
    const source = (field: string): Source => ({ file: 'Episodes', row: episode.row, field });
    if (previous?.rec !== 'X1') {
      const before = !previous && episode.rne !== 'S';
      if (before)
        history.notes.push(
          reason('startsBeforeExtract', { row: episode.row, rne: episode.rne }, { on: episode.decom }),
        );
      facts.push({
        kind: 'period-start',
        on: episode.decom,
        ...(area === undefined ? {} : { inArea: area }),
        ...(before ? { startsBeforeExtract: true } : {}),
        details: `${LS[episode.ls]!.label}; ${placement}`,
        source: source('DECOM'),
      });
    } else if (RNE[episode.rne]!.value === 'placement')
      facts.push({
        kind: 'placement',
        on: episode.decom,
        ...(area === undefined ? {} : { inArea: area }),
        details: placement,
        source: source('DECOM'),
      });
    if (episode.dec && episode.rec && episode.rec !== 'X1') {
      const reason = REC[episode.rec]!.value as z.infer<typeof LeftCareReason>;
      facts.push({
        kind: 'left',
        on: episode.dec,
        reason,
        rec: episode.rec,
        details: `${REC[episode.rec]!.label} (${episode.rec})`,
        source: source('REC'),
      });
    }
  });
  return facts;
}

const reviewFacts = (rows: readonly ReviewRow[]): Fact[] =>
  [...rows]
    .sort((a, b) => a.review.localeCompare(b.review))
    .map((r) => ({
      kind: 'review' as const,
      on: r.review,
      details: 'Looked-after review',
      source: { file: 'Reviews' as const, row: r.row, field: 'REVIEW' },
    }));

/** Whether a date falls in one of the periods of care the facts describe (a period's last day included). */
function lookedAfterOn(facts: readonly Fact[], on: LocalDate): boolean {
  let from: LocalDate | undefined;
  for (const fact of facts) {
    if (fact.kind === 'period-start') from = fact.on;
    if (fact.kind === 'left') {
      if (from !== undefined && from <= on && on <= fact.on) return true;
      from = undefined;
    }
  }
  return from !== undefined && from <= on;
}

/**
 * Reviews among the episodes' facts, in date order: a review on the day the child leaves care comes before the
 * leaving, and one on the day a period starts comes after the start.
 */
function merge(episodeFacts: readonly Fact[], reviews: readonly Fact[]): Fact[] {
  const out: Fact[] = [];
  let next = 0;
  for (const fact of episodeFacts) {
    while (
      next < reviews.length &&
      (reviews[next]!.on < fact.on || (reviews[next]!.on === fact.on && fact.kind === 'left'))
    )
      out.push(reviews[next++]!);
    out.push(fact);
  }
  return [...out, ...reviews.slice(next)];
}
