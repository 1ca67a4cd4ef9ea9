import * as z from 'zod';
import { addDays, addYears, ageOn, calendarFor, type LocalDate, londonDateOf } from '../../domain/calendar';
import { jurisdictionOfLa } from '../../events/contracts/common';
import type { Principal } from '../access';
import type { App } from '../app';
import { OBLIGATION_LABELS } from '../labels';
import { listName, nameBook } from '../people';
import type { ChildListQuery } from '../ports/read-models';
import type { ChildRow, DutyRow, JourneyStage } from '../projections/child-row';
import { ageFromBirthMonth } from '../reports/figures';
import { workingDaysLeft } from '../timeline';
import { countBetween, countedListOfDuty, countedListOfIndex } from './counts';
import { DUTY_GROUP_NAMES, type DutyGroup, type ListedRow, NOTHING_DUE } from './keys';

/**
 * The lists of children staff work through: a social worker's or an IRO's own caseload, a team's, or the whole
 * local authority's; each filtered by duty, by when it is due, by placement in or out of area and by age band,
 * sorted, and paged. A caseload or a team is small, so it is read whole and sorted here; the whole LA is read one
 * page at a time from an index (lists/keys.ts), so no page reads the whole LA.
 */
export const PAGE_SIZE = 25;
/**
 * A whole-LA list by due date is counted exactly from the LA's list counts (lists/counts.ts). Any other (filtered by
 * area or age, or sorted by name or age) is counted on its index, stopping after this many entries, and a larger
 * list says "more than": so a page of the whole LA costs the same in a large LA as in a small one. Export reads every
 * page, up to EXPORT_UP_TO rows.
 */
export const COUNT_UP_TO = 200;
export const EXPORT_UP_TO = 2000;
/** "Due soon": within this many working days. */
export const DUE_SOON_WORKING_DAYS = 10;

export const SCOPES = ['mine', 'team', 'la'] as const;
export type Scope = (typeof SCOPES)[number];
export const AGE_BANDS = {
  'under-5': [0, 4],
  '5-9': [5, 9],
  '10-15': [10, 15],
  '16-plus': [16, 25],
} as const;
export type AgeBand = keyof typeof AGE_BANDS;
export const SORTS = ['due', 'name', 'age'] as const;

/** What a list is asked for, from a query string or the API: every part optional, each checked. */
export const ListQuery = z.strictObject({
  scope: z.enum(SCOPES, { error: 'Choose whose children to list: mine, team or la' }).optional(),
  duty: z
    .enum(DUTY_GROUP_NAMES as [DutyGroup, ...DutyGroup[]], { error: 'Choose a duty from the list' })
    .optional(),
  due: z.enum(['overdue', 'soon'], { error: 'Choose overdue or soon' }).optional(),
  area: z.enum(['in', 'out'], { error: 'Choose in or out of area' }).optional(),
  age: z
    .enum(Object.keys(AGE_BANDS) as [AgeBand, ...AgeBand[]], { error: 'Choose an age band from the list' })
    .optional(),
  sort: z.enum(SORTS, { error: 'Choose to sort by due, name or age' }).optional(),
  page: z.coerce.number({ error: 'Page must be a whole number' }).int().min(1).max(10_000).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

/** Whose children a person sees first: their own caseload, their team's, or the whole LA's. */
export function defaultScope(principal: Principal): Scope {
  if (principal.role === 'social-worker' || principal.role === 'iro') return 'mine';
  if (principal.role === 'manager') return 'team';
  return 'la';
}

export const DUTY_LABELS: Record<DutyGroup, string> = {
  'not-offered': 'Offer an Independent Visitor',
  review: 'Consider an Independent Visitor at the review',
  waiting: 'Find a match for the referral',
  visit: 'Visit by the Independent Visitor',
  'match-review': 'Review the match',
  'plan-18': 'Plan for the 18th birthday',
};

export const STAGE_LABELS: Record<JourneyStage, string> = {
  'not-yet-offered': 'Not yet offered',
  told: 'Told about IVs',
  offered: 'Offered, waiting for a decision',
  declined: 'Declined',
  objected: 'Objected',
  waiting: 'Waiting for a match',
  matched: 'Has an Independent Visitor',
  'care-leaver-with-iv': 'Care leaver with an IV',
  'left-care': 'Left care',
};

/** One child as every list shows them: names, not ids (the case-system id only as secondary text). */
export interface ChildListRow {
  childId: string;
  name: string;
  caseSystemId?: string;
  age: number;
  placement: string;
  /** Absent when the placement's area is not known (an import that did not say). */
  inArea?: boolean;
  socialWorker: string;
  iro: string;
  stage: string;
  /** The duty the list is about (or the most urgent), with its date and how long is left. */
  duty?: { label: string; dueOn: LocalDate; workingDaysLeft: number };
}

export interface ChildList {
  query: Required<Pick<ListQuery, 'scope' | 'sort' | 'page'>> & ListQuery;
  scopes: Scope[];
  /** Sorts that work with these filters (the whole LA sorts by name or age only without a duty or due filter). */
  sorts: Array<(typeof SORTS)[number]>;
  rows: ChildListRow[];
  total: number;
  atLeast: boolean;
  pages: number;
  today: LocalDate;
}

/** The scopes a person may choose: their caseload if they hold one, their team if they are in one, the LA. */
export async function scopesFor(app: App, principal: Principal): Promise<Scope[]> {
  const member = await app.staff.member(principal.id);
  return [
    ...(principal.role === 'social-worker' || principal.role === 'iro' ? (['mine'] as const) : []),
    ...(member?.team ? (['team'] as const) : []),
    'la' as const,
  ];
}

interface Window {
  today: LocalDate;
  soonEnd: LocalDate;
  bornFrom?: LocalDate;
  bornTo?: LocalDate;
}

function windowOf(la: string, now: Date, age?: AgeBand): Window {
  const today = londonDateOf(now);
  const soonEnd = calendarFor(jurisdictionOfLa(la)).addWorkingDays(today, DUE_SOON_WORKING_DAYS);
  if (!age) return { today, soonEnd };
  const [from, to] = AGE_BANDS[age];
  // Aged from..to on `today`: born after the day `to + 1` years ago, on or before the day `from` years ago.
  return { today, soonEnd, bornFrom: addDays(addYears(today, -(to + 1)), 1), bornTo: addYears(today, -from) };
}

/** The duty a row is listed for: the one filtered by, or the most urgent. */
const dutyOf = (row: Pick<ChildRow, 'duties'>, duty?: DutyGroup): DutyRow | undefined =>
  duty ? row.duties.find((d) => d.group === duty) : row.duties[0];

/** The rows of a caseload or team that pass the filters, sorted: what an index does for the whole LA. */
function filterInMemory(rows: readonly ChildRow[], query: ListQuery, w: Window): ChildRow[] {
  const due = (row: ChildRow) => dutyOf(row, query.duty)?.dueOn ?? NOTHING_DUE;
  const kept = rows.filter((row) => {
    if (query.duty && !dutyOf(row, query.duty)) return false;
    if (query.due === 'overdue' && !(due(row) < w.today)) return false;
    if (query.due === 'soon' && !(due(row) >= w.today && due(row) <= w.soonEnd)) return false;
    if (query.area && row.placementInLaArea !== (query.area === 'in')) return false;
    const born = row.dateOfBirth ?? '';
    if (w.bornFrom && !(born >= w.bornFrom && born <= w.bornTo!)) return false;
    return true;
  });
  const byName = (a: ChildRow, b: ChildRow) => listName(a).localeCompare(listName(b));
  const order =
    query.sort === 'name'
      ? byName
      : query.sort === 'age'
        ? (a: ChildRow, b: ChildRow) =>
            (a.dateOfBirth ?? '').localeCompare(b.dateOfBirth ?? '') || byName(a, b)
        : (a: ChildRow, b: ChildRow) => due(a).localeCompare(due(b)) || byName(a, b);
  return kept.sort(order);
}

/** The due dates "overdue" and "due soon" mean today: from (inclusive) and before (exclusive). */
const dueRange = (due: 'overdue' | 'soon', w: Window): { from?: LocalDate; before: LocalDate } =>
  due === 'overdue' ? { before: w.today } : { from: w.today, before: addDays(w.soonEnd, 1) };

/** The index query of a page of the whole LA's list. */
function laQuery(la: string, query: ListQuery, w: Window, page: number): ChildListQuery {
  const byDate = query.duty !== undefined || query.due !== undefined || query.sort === 'due';
  const index = query.duty
    ? `duty-${query.duty}`
    : byDate
      ? 'byNextDue'
      : query.sort === 'name'
        ? 'byLastName'
        : 'byBirth';
  const range = query.due
    ? dueRange(query.due, w)
    : // Without a date filter, the next-due list leaves out children with nothing due.
      index === 'byNextDue'
      ? { before: NOTHING_DUE }
      : {};
  return {
    la,
    index,
    ...range,
    ...(query.area ? { inArea: query.area === 'in' } : {}),
    ...(w.bornFrom ? { bornFrom: w.bornFrom, bornTo: w.bornTo } : {}),
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
    countUpTo: COUNT_UP_TO,
  };
}

/**
 * The task list: one page of the list and the counts of each duty, reading a caseload or team once for both.
 */
export async function taskList(app: App, principal: Principal, asked: ListQuery) {
  const scopes = await scopesFor(app, principal);
  const preferred = asked.scope ?? defaultScope(principal);
  const scope = scopes.includes(preferred) ? preferred : scopes[0]!;
  const rows = scope === 'la' ? undefined : await rowsOfScope(app, principal, scope);
  const [list, counts] = await Promise.all([
    listChildren(app, principal, { ...asked, scope }, rows),
    dutyCounts(app, principal, scope, rows),
  ]);
  return { list, counts };
}

/** The children a member of staff's caseload or team holds: every allocated child, read whole. */
async function rowsOfScope(app: App, principal: Principal, scope: 'mine' | 'team'): Promise<ChildRow[]> {
  const holders =
    scope === 'mine' ? [{ id: principal.id, role: principal.role }] : await teamOf(app, principal);
  const loads = await Promise.all(
    holders
      .filter((m) => m.role === 'social-worker' || m.role === 'iro')
      .map((m) => app.readModels.caseload(principal.la, m.role as 'social-worker' | 'iro', m.id)),
  );
  const unique = new Map(loads.flat().map((row) => [row.streamId, row]));
  return [...unique.values()];
}

async function teamOf(app: App, principal: Principal) {
  const me = await app.staff.member(principal.id);
  if (!me?.team) return [];
  return (await app.staff.membersOf(principal.la)).filter((m) => m.team === me.team);
}

/** One page of a list of children, as the task list, the API and the CSV export show it. */
export async function listChildren(
  app: App,
  principal: Principal,
  asked: ListQuery,
  /** The caseload or team's rows, when the caller has read them already. */
  known?: readonly ChildRow[],
): Promise<ChildList> {
  const scopes = await scopesFor(app, principal);
  const preferred = asked.scope ?? defaultScope(principal);
  const scope = scopes.includes(preferred) ? preferred : scopes[0]!;
  const w = windowOf(principal.la, app.now(), asked.age);
  const laWide = scope === 'la';
  const datesOnly = laWide && (asked.duty !== undefined || asked.due !== undefined);
  const sorts: ChildList['sorts'] = datesOnly ? ['due'] : [...SORTS];
  const sort = asked.sort && sorts.includes(asked.sort) ? asked.sort : 'due';
  const page = asked.page ?? 1;
  const query = { ...asked, scope, sort, page };

  let rows: ListedRow[];
  let total: number;
  let atLeast = false;
  if (laWide) {
    const q = laQuery(principal.la, query, w, page);
    // A list by due date with no filter but the dates is counted exactly by the LA's list counts; any other is
    // counted on its index, up to COUNT_UP_TO entries.
    const counted =
      q.inArea === undefined && q.bornFrom === undefined ? countedListOfIndex(q.index) : undefined;
    const [found, byDate] = await Promise.all([
      app.readModels.childList(counted ? { ...q, countUpTo: 0 } : q),
      counted ? app.readModels.listCounts(principal.la, [counted]) : undefined,
    ]);
    ({ rows, total, atLeast } = found);
    if (counted) total = countBetween(byDate![counted], q);
  } else {
    const all = filterInMemory(known ?? (await rowsOfScope(app, principal, scope)), query, w);
    total = all.length;
    rows = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  }
  return {
    query,
    scopes,
    sorts,
    rows: await listRows(app, rows, w.today, query.duty),
    total,
    atLeast,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    today: w.today,
  };
}

/** Every row of a list, page after page, for its CSV export (at most EXPORT_UP_TO rows). */
export async function allOfList(app: App, principal: Principal, asked: ListQuery): Promise<ChildList> {
  const rows: ChildListRow[] = [];
  let first: ChildList | undefined;
  for (let page = 1; page <= EXPORT_UP_TO / PAGE_SIZE; page++) {
    const list = await listChildren(app, principal, { ...asked, page });
    first ??= list;
    rows.push(...list.rows);
    if (list.rows.length < PAGE_SIZE) break;
  }
  return { ...first!, rows };
}

/** Rows as people read them: names for the staff ids, ages for dates of birth, labels for codes. */
export async function listRows(
  app: App,
  rows: readonly ListedRow[],
  today: LocalDate,
  duty?: DutyGroup,
): Promise<ChildListRow[]> {
  const names = await nameBook(app, { staff: rows.flatMap((r) => [r.socialWorkerId, r.iroId]) });
  const calendar = calendarFor(jurisdictionOfLa(rows[0]?.la ?? 'E'));
  return rows.map((row) => {
    const d = dutyOf(row, duty);
    return {
      childId: row.childId,
      name: listName(row),
      ...(row.caseSystemId ? { caseSystemId: row.caseSystemId } : {}),
      // An erased row keeps only the month of birth (erased children are on no list, but a row may lag).
      age: row.dateOfBirth ? ageOn(row.dateOfBirth, today) : ageFromBirthMonth(row.birthMonth, today),
      placement:
        [
          row.placementArea,
          row.placementInLaArea === undefined ? undefined : row.placementInLaArea ? 'in area' : 'out of area',
        ]
          .filter(Boolean)
          .join(', ') || 'Not known',
      ...(row.placementInLaArea === undefined ? {} : { inArea: row.placementInLaArea }),
      socialWorker: names.staff(row.socialWorkerId),
      iro: names.staff(row.iroId),
      stage: STAGE_LABELS[row.stage],
      ...(d
        ? {
            duty: {
              // Imported from the case system, which says nothing of IVs: the offer may have happened unrecorded.
              label:
                row.ivStatusUnknown && d.group === 'not-offered'
                  ? 'Record whether the Independent Visitor was offered (imported: not on record)'
                  : (OBLIGATION_LABELS[d.kind] ?? DUTY_LABELS[d.group]),
              dueOn: d.dueOn,
              workingDaysLeft: workingDaysLeft(calendar, today, d.dueOn),
            },
          }
        : {}),
    };
  });
}

/** How many children of each duty are overdue and due soon: the headings of the task list. */
export async function dutyCounts(
  app: App,
  principal: Principal,
  scope: Scope,
  known?: readonly ChildRow[],
): Promise<Record<DutyGroup, { overdue: number; soon: number; atLeast: boolean }>> {
  const w = windowOf(principal.la, app.now());
  const counts = {} as Record<DutyGroup, { overdue: number; soon: number; atLeast: boolean }>;
  if (scope !== 'la') {
    const rows = known ?? (await rowsOfScope(app, principal, scope));
    for (const duty of DUTY_GROUP_NAMES) {
      const of = (due: 'overdue' | 'soon') => filterInMemory(rows, { duty, due }, w).length;
      counts[duty] = { overdue: of('overdue'), soon: of('soon'), atLeast: false };
    }
    return counts;
  }
  // The whole LA's, from its list counts by due date: one read of a few small items, exact, whatever the LA's size.
  const byDate = await app.readModels.listCounts(principal.la, DUTY_GROUP_NAMES.map(countedListOfDuty));
  for (const duty of DUTY_GROUP_NAMES) {
    const of = (due: 'overdue' | 'soon') => countBetween(byDate[countedListOfDuty(duty)], dueRange(due, w));
    counts[duty] = { overdue: of('overdue'), soon: of('soon'), atLeast: false };
  }
  return counts;
}
