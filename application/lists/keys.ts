import type { LocalDate } from '../../domain/calendar';
import type { ChildRow } from '../projections/child-row';

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
export const DUTY_ATTRIBUTE = {
  'not-offered': 'dueNotOffered',
  review: 'dueReview',
  waiting: 'dueWaiting',
  visit: 'dueVisit',
  'match-review': 'dueMatchReview',
  'plan-18': 'duePlan18',
} as const satisfies Record<DutyGroup, string>;

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

/**
 * What a list or a page of search results shows of a child: a page reads only these of its 25 rows, not the whole
 * journey each row carries (periods, placements, matches, deadlines: most of a row's size).
 */
export const LISTED_ATTRIBUTES = [
  'streamId',
  'la',
  'childId',
  'firstNames',
  'lastName',
  'preferredName',
  'caseSystemId',
  'dateOfBirth',
  'birthMonth',
  'placementArea',
  'placementInLaArea',
  'socialWorkerId',
  'iroId',
  'stage',
  'duties',
  'ivStatusUnknown',
] as const satisfies ReadonlyArray<keyof ChildRow>;
export type ListedRow = Pick<ChildRow, (typeof LISTED_ATTRIBUTES)[number]>;

/**
 * The volunteer summary's indexes by date: DBS checks by the day they stop being accepted (approved volunteers
 * only), and training by the day the soonest course runs out (volunteers not withdrawn), so the task list reads only
 * the volunteers due, not the LA's every volunteer.
 */
export const VOLUNTEER_INDEXES = {
  byDbsExpiry: { partition: 'la', sort: 'dbsDue' },
  byTrainingExpiry: { partition: 'la', sort: 'trainingDue' },
} as Record<string, { partition: string; sort: string }>;
