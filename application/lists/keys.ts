import type { LocalDate } from '../../domain/calendar';

/**
 * How the lists find children without reading a whole local authority: each child's read-model row carries index
 * keys, and each list is a query on one index. Defined once here, for the projection that writes the keys, the
 * DynamoDB adapter that queries them and the CDK stack that makes the indexes.
 */

/** The duties staff work through, each gathering the obligations that mean the same task. */
export const DUTY_GROUPS = {
  'not-offered': ['offer-iv-by-first-review', 'reconsider-after-ending'],
  review: ['reconsider-at-review'],
  waiting: ['referral-waiting-too-long'],
  visit: ['visit-overdue'],
  'match-review': ['match-review-due'],
  'plan-18': ['plan-before-18'],
} as const;
export type DutyGroup = keyof typeof DUTY_GROUPS;
export const DUTY_GROUP_NAMES = Object.keys(DUTY_GROUPS) as DutyGroup[];

export const groupOfKind = (kind: string): DutyGroup | undefined =>
  DUTY_GROUP_NAMES.find((g) => (DUTY_GROUPS[g] as readonly string[]).includes(kind));

/** The row attribute (and index sort key) of each duty: present only while the child has that duty open. */
export const DUTY_ATTRIBUTE: Record<DutyGroup, string> = {
  'not-offered': 'dueNotOffered',
  review: 'dueReview',
  waiting: 'dueWaiting',
  visit: 'dueVisit',
  'match-review': 'dueMatchReview',
  'plan-18': 'duePlan18',
};

/** The sort key of a child in a list by date: the date first, so a key range is a date range. */
export const dateKey = (date: LocalDate, childId: string) => `${date}#${childId}`;
/** Where a child with nothing due sorts: after everyone with a date. */
export const NOTHING_DUE: LocalDate = '9999-12-31';

/** Text as search compares it: no accents, no case, letters and digits separated by single spaces. */
export const folded = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** A case-system id as search compares it: letters and digits only ("MOS-401 9283" is mos4019283). */
export const foldedId = (id: string): string => folded(id).replace(/ /g, '');

/** The indexes of the child summary table, by what they list. */
export const CHILD_INDEXES = {
  bySocialWorker: { partition: 'swKey', sort: 'nextDue' },
  byIro: { partition: 'iroKey', sort: 'nextDue' },
  byNextDue: { partition: 'currentLa', sort: 'nextDue' },
  ...Object.fromEntries(
    DUTY_GROUP_NAMES.map((g) => [`duty-${g}`, { partition: 'currentLa', sort: DUTY_ATTRIBUTE[g] }]),
  ),
  byFirstName: { partition: 'la', sort: 'sFirst' },
  byLastName: { partition: 'la', sort: 'sLast' },
  byPreferredName: { partition: 'la', sort: 'sPreferred' },
  byCaseSystemId: { partition: 'la', sort: 'sCase' },
  byBirth: { partition: 'la', sort: 'sDob' },
} as Record<string, { partition: string; sort: string }>;

/** The search indexes keep only what choosing and filtering results needs; the page then reads its rows. */
export const SEARCH_INDEXES = ['byFirstName', 'byLastName', 'byPreferredName', 'byCaseSystemId', 'byBirth'];
export const SEARCH_PROJECTION = [
  'sFirst',
  'sLast',
  'sPreferred',
  'dateOfBirth',
  'placementInLaArea',
  'current',
];
/**
 * The caseload indexes hold whole rows: a caseload is read whole and sorted in memory. Every other list index holds
 * only what its filters need (a row is several KB, and each index is a copy), and a page then reads its 25 rows.
 */
export const WHOLE_ROW_INDEXES = ['bySocialWorker', 'byIro'];
export const FILTER_PROJECTION = ['placementInLaArea', 'dateOfBirth', 'current'];

/** The volunteer summary's index of DBS checks by the day they stop being accepted (approved volunteers only). */
export const VOLUNTEER_INDEXES = { byDbsExpiry: { partition: 'la', sort: 'dbsDue' } } as Record<
  string,
  { partition: string; sort: string }
>;
