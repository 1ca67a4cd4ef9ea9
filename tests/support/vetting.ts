import { addDays, type LocalDate } from '../../domain/calendar';

/** What a DBS check recorded for the tests says, unless a test needs other figures. */
// A type, not an interface: the services take their input as a record of fields.
export type DbsCheck = {
  level: string;
  certificateNumber: string;
  issuedOn: LocalDate;
  updateServiceSubscribed: boolean;
};

/**
 * Everything that takes a volunteer from applying to approved, as their actions' slugs and inputs, in order: two
 * satisfactory references, a DBS check, induction, a declaration of independence in which no category applies, and
 * approval. Each test posts them its own way (the API, the services); only the figures it cares about differ.
 */
export function vettingSteps(options: {
  today: LocalDate;
  dbs?: Partial<DbsCheck>;
  capacity?: number;
  referenceIds?: readonly [string, string];
}) {
  const [first, second] = options.referenceIds ?? ['ref-1', 'ref-2'];
  const dbs: DbsCheck = {
    level: 'enhanced-with-childrens-barred-list',
    certificateNumber: '001234567890',
    issuedOn: addDays(options.today, -30),
    updateServiceSubscribed: false,
    ...options.dbs,
  };
  return [
    ['reference', { referenceId: first, satisfactory: true }],
    ['reference', { referenceId: second, satisfactory: true }],
    ['dbs-check', dbs],
    ['training', { course: 'iv-induction' }],
    [
      'independence',
      {
        wordingVersion: '2026-01',
        electedMemberOfLa: false,
        employeeOfLa: false,
        relativeOrHouseholdMemberOfEither: false,
      },
    ],
    ['approval', options.capacity === undefined ? {} : { capacity: options.capacity }],
  ] as const;
}
