import { VOLUNTEER_COLUMNS } from '../../application/import';

/*
 * Made-up volunteers files for tests. Each volunteer is a row of values by column; a test changes one value to
 * see its refusal. References carry a prefix of the test's own, so tests never meet each other's volunteers.
 */

export type VolunteerValues = Partial<Record<(typeof VOLUNTEER_COLUMNS)[number], string>>;

/** Alex Example: applied 5 January 2026, a DBS check on the Update Service, two references, two courses. */
export const alex = (ref: string): VolunteerValues => ({
  VOLUNTEER_REF: ref,
  GIVEN_NAME: 'Alex',
  FAMILY_NAME: 'Example',
  EMAIL: 'alex.example@example.com',
  PHONE: '07700 900123',
  APPLIED: '05/01/2026',
  DBS_LEVEL: 'Enhanced with barred list',
  DBS_CERTIFICATE: '001234567890',
  DBS_ISSUED: '12/01/2026',
  DBS_UPDATE_SERVICE: 'yes',
  REFERENCE_1_RECEIVED: '19/01/2026',
  REFERENCE_1_SATISFACTORY: 'yes',
  REFERENCE_2_RECEIVED: '26/01/2026',
  REFERENCE_2_SATISFACTORY: 'yes',
  TRAINING_1_COURSE: 'iv-induction',
  TRAINING_1_COMPLETED: '02/02/2026',
  TRAINING_2_COURSE: 'Safeguarding children',
  TRAINING_2_COMPLETED: '09/02/2026',
});

/** Sam Sample: applied 3 March 2025, nothing else known yet. */
export const sam = (ref: string): VolunteerValues => ({
  VOLUNTEER_REF: ref,
  GIVEN_NAME: 'Sam',
  FAMILY_NAME: 'Sample',
  APPLIED: '3/3/2025',
});

const quoted = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export const volunteerLines = (
  rows: readonly VolunteerValues[],
  columns: readonly string[] = VOLUNTEER_COLUMNS,
) => [
  columns.join(','),
  ...rows.map((row) => columns.map((c) => quoted(row[c as keyof VolunteerValues] ?? '')).join(',')),
];

export const volunteersCsv = (rows: readonly VolunteerValues[], columns?: readonly string[]) =>
  `${volunteerLines(rows, columns).join('\r\n')}\r\n`;

export const volunteersFile = (rows: readonly VolunteerValues[], columns?: readonly string[]) => ({
  name: 'volunteers.csv',
  bytes: new TextEncoder().encode(volunteersCsv(rows, columns)),
});

/** A reference prefix no other test uses. */
export const uniqueRef = (): string => `V${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
