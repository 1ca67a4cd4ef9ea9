import { londonDateOf } from '../../domain/calendar';
import type { Principal } from '../access';
import type { App } from '../app';
import type { SearchHit } from '../ports/read-models';
import { type ChildListRow, listRows, PAGE_SIZE } from './children';
import { folded, foldedId } from './keys';

/**
 * Finding a child in the caller's LA by part of a name (any case, accents ignored: "zoe" finds Zoë), a date of birth
 * ("9/4/2013", "9 April 2013") or the LA's case-system id. Each word of a name query must begin a word of the
 * child's first, last or preferred name; the first word is looked up on the name indexes, the rest checked on the
 * entries found. Reads at most MAX_MATCHES index entries per index, whatever the size of the LA.
 */
export const MAX_MATCHES = 200;

export type SearchProblem = 'too-short' | 'too-many';
export interface SearchResult {
  query: string;
  kind: 'name' | 'date-of-birth' | 'case-system-id';
  rows: ChildListRow[];
  total: number;
  page: number;
  pages: number;
  /** More matched than are read: ask for more of the name. */
  tooMany: boolean;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** A date typed as people type them, or undefined: 9/4/2013, 09-04-2013, 9 4 2013, 9 April 2013, 2013-04-09. */
export function dateOfQuery(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const dmy = /^(\d{1,2})[\s/.-]+(\d{1,2}|[a-z]+)[\s/.-]+(\d{4})$/.exec(t);
  const [y, m, d] = iso
    ? [iso[1], iso[2], iso[3]]
    : dmy
      ? [
          dmy[3],
          /^\d/.test(dmy[2]!)
            ? dmy[2]
            : String(MONTHS.findIndex((n) => n.startsWith(dmy[2]!.slice(0, 3))) + 1),
          dmy[1],
        ]
      : [];
  if (!y || !m || !d || m === '0') return undefined;
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const parsed = new Date(`${date}T12:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date) ? date : undefined;
}

const keyName = (key: string | undefined) => (key ? key.slice(0, key.lastIndexOf('#')) : '');

/** Whether every word of the query begins a word of one of the child's names. */
function matchesAll(hit: SearchHit, words: readonly string[]): boolean {
  const names = [hit.sFirst, hit.sLast, hit.sPreferred].flatMap((k) => keyName(k).split(' '));
  return words.every((w) => names.some((n) => n.startsWith(w)));
}

export async function searchChildren(
  app: App,
  principal: Principal,
  text: string,
  page = 1,
): Promise<SearchResult | { problem: SearchProblem; query: string }> {
  const query = text.trim();
  const date = dateOfQuery(query);
  const id = foldedId(query);
  const words = folded(query).split(' ').filter(Boolean);
  if (!date && (id.length < 2 || words.join('').length < 2)) return { problem: 'too-short', query };

  const la = principal.la;
  let hits: SearchHit[];
  let kind: SearchResult['kind'];
  if (date) {
    kind = 'date-of-birth';
    hits = await app.readModels.searchChildren(la, 'byBirth', `${date}#`, MAX_MATCHES);
  } else if (/\d/.test(query)) {
    kind = 'case-system-id';
    hits = await app.readModels.searchChildren(la, 'byCaseSystemId', id, MAX_MATCHES);
  } else {
    kind = 'name';
    const first = words[0]!;
    const found = await Promise.all(
      ['byFirstName', 'byLastName', 'byPreferredName'].map((index) =>
        app.readModels.searchChildren(la, index, first, MAX_MATCHES),
      ),
    );
    // Each index finds names whose first word begins with the first word asked; the other words are then checked.
    const unique = new Map(found.flat().map((h) => [h.streamId, h]));
    hits = [...unique.values()].filter((h) => matchesAll(h, words));
  }
  const tooMany = hits.length >= MAX_MATCHES;
  // Children in care first, then by last and first name, from the index entries; only the page's rows are read.
  const sortName = (h: SearchHit) => `${keyName(h.sLast)} ${keyName(h.sFirst)}`;
  hits.sort(
    (a, b) =>
      Number(b.current ?? false) - Number(a.current ?? false) || sortName(a).localeCompare(sortName(b)),
  );
  const total = hits.length;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const shown = Math.min(Math.max(1, page), pages);
  const rows = await app.readModels.childRowsById(
    hits.slice((shown - 1) * PAGE_SIZE, shown * PAGE_SIZE).map((h) => h.streamId),
  );
  return {
    query,
    kind,
    rows: await listRows(app, rows, londonDateOf(app.now())),
    total,
    page: shown,
    pages,
    tooMany,
  };
}
