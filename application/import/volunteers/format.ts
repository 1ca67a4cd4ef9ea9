import { createHash } from 'node:crypto';
import type { LocalDate } from '../../../domain/calendar';
import type { DbsLevel } from '../../../domain/policy';
import { VolunteerProfile } from '../../../events/contracts/volunteer';
import { DBS_LEVELS, TRAINING_COURSES } from '../../labels';
import { type CsvRow, decodeCsv, type Encoding, parseCsv } from '../csv';
import { parseDate } from '../dates';
import { type Reason, type Refusal, reason, type Source } from './reasons';

/*
 * The volunteers CSV: one row per volunteer, as an IV service keeps them in a spreadsheet. Its columns are fixed
 * (the template below has them all); values may be left empty where the service does not know them yet. Every
 * value that cannot be used is a refusal naming the row, the column and why; a refused row keeps its volunteer out.
 */

export const REFERENCES = 2;
export const TRAININGS = 3;

const numbered = (count: number, make: (n: number) => string[]) =>
  Array.from({ length: count }, (_, i) => make(i + 1)).flat();

export const VOLUNTEER_COLUMNS = [
  'VOLUNTEER_REF',
  'GIVEN_NAME',
  'FAMILY_NAME',
  'EMAIL',
  'PHONE',
  'APPLIED',
  'DBS_LEVEL',
  'DBS_CERTIFICATE',
  'DBS_ISSUED',
  'DBS_UPDATE_SERVICE',
  ...numbered(REFERENCES, (n) => [`REFERENCE_${n}_RECEIVED`, `REFERENCE_${n}_SATISFACTORY`]),
  ...numbered(TRAININGS, (n) => [`TRAINING_${n}_COURSE`, `TRAINING_${n}_COMPLETED`]),
] as const;

const DBS_COLUMNS = ['DBS_LEVEL', 'DBS_CERTIFICATE', 'DBS_ISSUED', 'DBS_UPDATE_SERVICE'] as const;

/** The template the import page offers: the columns, and one made-up volunteer (never a real person). */
export const TEMPLATE_ROW = [
  'VOL-0001',
  'Alex',
  'Example',
  'alex.example@example.com',
  '07700 900123',
  '05/01/2026',
  'Enhanced with barred list',
  '001234567890',
  '12/01/2026',
  'yes',
  '19/01/2026',
  'yes',
  '26/01/2026',
  'yes',
  'iv-induction',
  '02/02/2026',
  'safeguarding-children',
  '09/02/2026',
  '',
  '',
];
// A BOM, so that Excel opens the file as UTF-8; CRLF, as Excel writes CSV.
export const VOLUNTEER_TEMPLATE = `\uFEFF${VOLUNTEER_COLUMNS.join(',')}\r\n${TEMPLATE_ROW.join(',')}\r\n`;

/** A file's size limit, as for the SSDA903 files. Larger files are refused before they are read. */
export const MAX_VOLUNTEER_FILE_BYTES = 50 * 1024 * 1024;

/** The volunteer reference: the service's own id for the volunteer, which finds the same record on re-import. */
const REF = /^[0-9A-Za-z._/-]{1,32}$/;
const CERTIFICATE = /^\d{12}$/;

export interface DbsCertificateRow {
  level: DbsLevel;
  certificateNumber: string;
  issuedOn: LocalDate;
  updateServiceSubscribed: boolean;
}

export interface VolunteerRow {
  row: number;
  ref: string;
  name: string;
  email?: string;
  phone?: string;
  appliedOn: LocalDate;
  dbs?: DbsCertificateRow;
  /** By their number in the file (REFERENCE_1, REFERENCE_2): the slot is what a re-import compares. */
  references: Array<{ slot: number; receivedOn: LocalDate; satisfactory: boolean }>;
  training: Array<{ slot: number; course: string; completedOn: LocalDate }>;
}

export interface VolunteerFile {
  name: string;
  bytes: number;
  sha256: string;
  rows: number;
  encoding?: Encoding;
  volunteers: VolunteerRow[];
  /** When there is any, nothing can be imported. */
  fileProblems: Refusal[];
  /** Rows that cannot be imported: their volunteers are not. */
  rowProblems: Refusal[];
}

const FILE = 'Volunteers';
const megabytes = (bytes: number) => Math.round(bytes / (1024 * 1024));
/** "Given name", "given_name" and "GIVEN NAME" are the same column. */
const columnOf = (name: string) =>
  name
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');

/** Reads the volunteers file. Pure: the caller has read the bytes. */
export function readVolunteerFile(upload: { name: string; bytes: Uint8Array }): VolunteerFile {
  const file: VolunteerFile = {
    name: upload.name,
    bytes: upload.bytes.length,
    sha256: createHash('sha256').update(upload.bytes).digest('hex'),
    rows: 0,
    volunteers: [],
    fileProblems: [],
    rowProblems: [],
  };
  const refuse = (key: string, values?: Reason['values']) =>
    file.fileProblems.push({ file: FILE, reason: reason(key, { name: upload.name, ...values }) });
  if (upload.bytes.length > MAX_VOLUNTEER_FILE_BYTES) {
    refuse('tooLarge', { size: megabytes(upload.bytes.length) });
    return file;
  }
  const decoded = decodeCsv(upload.bytes);
  if (!decoded.ok) {
    refuse(`unreadable.${decoded.kind}`);
    return file;
  }
  file.encoding = decoded.encoding;
  const csv = parseCsv(decoded.text);
  const columns = csv.columns.map(columnOf);
  const expected: readonly string[] = VOLUNTEER_COLUMNS;
  const missing = expected.filter((c) => !columns.includes(c));
  const unknown = columns.filter((c) => !expected.includes(c));
  const twice = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (missing.length > 0) refuse('missingColumns', { columns: missing.join(', ') });
  if (unknown.length > 0)
    refuse('unknownColumns', { columns: unknown.map((c) => c || '(no name)').join(', ') });
  if (twice.length > 0) refuse('columnTwice', { columns: [...new Set(twice)].join(', ') });
  if (file.fileProblems.length > 0) return file;
  if (csv.rows.length === 0 && csv.problems.length === 0) {
    refuse('noRows');
    return file;
  }
  file.rows = csv.rows.length;
  for (const p of csv.problems)
    file.rowProblems.push({
      file: FILE,
      row: p.row,
      reason: reason(p.kind, p.kind === 'value-count' ? { values: p.values!, columns: p.columns! } : {}),
    });
  const index = new Map(columns.map((c, i) => [c, i]));
  for (const row of csv.rows) {
    const read = new RowReader(row, index);
    const volunteer = readRow(read);
    if (volunteer && read.problems.length === 0) file.volunteers.push(volunteer);
    file.rowProblems.push(...read.problems);
  }
  refuseDuplicates(file, csv.rows, index);
  file.rowProblems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return file;
}

/** The same row twice, two rows for one volunteer, or one DBS certificate for two: none of them is imported. */
function refuseDuplicates(file: VolunteerFile, rows: readonly CsvRow[], index: ReadonlyMap<string, number>) {
  const firstOf = new Map<string, number>();
  const refused = new Set<number>();
  const value = (row: CsvRow, column: string) => row.values[index.get(column)!] ?? '';
  /** True when `key` was met on an earlier row, which is then refused with this one. */
  const repeated = (row: CsvRow, key: string, field: string, reasonKey: string) => {
    const first = firstOf.get(key);
    if (first === undefined) {
      firstOf.set(key, row.row);
      return false;
    }
    refused.add(row.row).add(first);
    const ref = value(row, 'VOLUNTEER_REF');
    file.rowProblems.push({
      file: FILE,
      row: row.row,
      field,
      ...(ref ? { volunteer: ref } : {}),
      reason: reason(reasonKey, { field, first }),
    });
    return true;
  };
  for (const row of rows) {
    if (repeated(row, `row:${row.values.join('\u0000')}`, 'VOLUNTEER_REF', 'duplicateRow')) continue;
    const ref = value(row, 'VOLUNTEER_REF').toUpperCase();
    if (ref !== '') repeated(row, `ref:${ref}`, 'VOLUNTEER_REF', 'duplicateRef');
    const certificate = value(row, 'DBS_CERTIFICATE').replace(/[\s-]/g, '');
    if (certificate !== '') repeated(row, `dbs:${certificate}`, 'DBS_CERTIFICATE', 'duplicateCertificate');
  }
  if (refused.size > 0) file.volunteers = file.volunteers.filter((v) => !refused.has(v.row));
}

/** Reads one row's values by column, collecting a refusal for each value that cannot be used. */
class RowReader {
  readonly problems: Refusal[] = [];
  ref?: string;

  constructor(
    private readonly csv: CsvRow,
    private readonly index: ReadonlyMap<string, number>,
  ) {}

  get row() {
    return this.csv.row;
  }

  value(field: string): string {
    return this.csv.values[this.index.get(field) ?? -1] ?? '';
  }

  refuse(field: string, key: string, values?: Reason['values']) {
    this.problems.push({
      file: FILE,
      row: this.csv.row,
      field,
      ...(this.ref ? { volunteer: this.ref } : {}),
      reason: reason(key, { field, ...values }),
    });
  }

  required(field: string): string | undefined {
    const value = this.value(field);
    if (value === '') this.refuse(field, `empty.${field}`);
    return value || undefined;
  }

  date(field: string): LocalDate | undefined {
    const value = this.value(field);
    if (value === '') return undefined;
    const parsed = parseDate(value);
    if (parsed.ok) return parsed.date;
    this.refuse(field, `date.${parsed.kind}`, {
      value,
      ...(parsed.kind === 'month' ? { month: parsed.month } : {}),
    });
    return undefined;
  }

  yesNo(field: string): boolean | undefined {
    const value = this.value(field).toLowerCase();
    if (value === '') return undefined;
    // Welsh too: a service in Wales may keep its spreadsheet in Welsh.
    if (['yes', 'y', 'ie'].includes(value)) return true;
    if (['no', 'n', 'na'].includes(value)) return false;
    this.refuse(field, 'yesNo', { value: this.value(field) });
    return undefined;
  }

  /** Columns that go together: all given, or none. Undefined when none is; false when only some are. */
  together(fields: readonly string[]): boolean | undefined {
    const given = fields.filter((f) => this.value(f) !== '');
    if (given.length === 0) return undefined;
    for (const f of fields)
      if (this.value(f) === '') this.refuse(f, 'incomplete', { given: given.join(', ') });
    return given.length === fields.length;
  }
}

/** "Enhanced, with the children’s barred list", "enhanced with barred list" and the code all read the same. */
const plain = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const DBS_LEVEL_NAMES = new Map<string, DbsLevel>([
  ...DBS_LEVELS.flatMap(
    ({ value, text }): Array<[string, DbsLevel]> => [
      [plain(value), value],
      [plain(text), value],
    ],
  ),
  ['enhanced with barred list', 'enhanced-with-childrens-barred-list'],
  ['enhanced with childrens barred list', 'enhanced-with-childrens-barred-list'],
]);
const COURSE_NAMES = new Map(
  TRAINING_COURSES.flatMap(({ value, text }) => [
    [plain(value), value],
    [plain(text), value],
  ]),
);

function readRow(read: RowReader): VolunteerRow | undefined {
  const ref = read.required('VOLUNTEER_REF');
  if (ref && !REF.test(ref)) read.refuse('VOLUNTEER_REF', 'refInvalid', { value: ref });
  else read.ref = ref;
  const given = read.required('GIVEN_NAME');
  const family = read.required('FAMILY_NAME');
  const name = [given, family].filter(Boolean).join(' ');
  if (name.length > 100) read.refuse('FAMILY_NAME', 'nameTooLong', { max: 100 });
  // The contract's own checks of an email address and a phone number: one place for what each must be.
  const email = read.value('EMAIL');
  if (email !== '' && !VolunteerProfile.shape.email.safeParse(email).success)
    read.refuse('EMAIL', 'emailInvalid', { value: email });
  const phone = read.value('PHONE');
  if (phone !== '' && !VolunteerProfile.shape.phone.safeParse(phone).success)
    read.refuse('PHONE', 'phoneInvalid', { value: phone });
  const applied = read.required('APPLIED') && read.date('APPLIED');

  let dbs: DbsCertificateRow | undefined;
  const dbsComplete = read.together(DBS_COLUMNS);
  const level = read.value('DBS_LEVEL');
  const levelCode = level === '' ? undefined : DBS_LEVEL_NAMES.get(plain(level));
  if (level !== '' && !levelCode) read.refuse('DBS_LEVEL', 'dbsLevelUnknown', { value: level });
  const certificate = read.value('DBS_CERTIFICATE').replace(/[\s-]/g, '');
  if (certificate !== '' && !CERTIFICATE.test(certificate))
    read.refuse('DBS_CERTIFICATE', 'dbsCertificateInvalid');
  const issuedOn = read.date('DBS_ISSUED');
  const updateService = read.yesNo('DBS_UPDATE_SERVICE');
  if (dbsComplete && levelCode && issuedOn && updateService !== undefined && CERTIFICATE.test(certificate))
    dbs = {
      level: levelCode,
      certificateNumber: certificate,
      issuedOn,
      updateServiceSubscribed: updateService,
    };

  const references: VolunteerRow['references'] = [];
  for (let slot = 1; slot <= REFERENCES; slot++) {
    const received = `REFERENCE_${slot}_RECEIVED`;
    const satisfactory = `REFERENCE_${slot}_SATISFACTORY`;
    read.together([received, satisfactory]);
    const receivedOn = read.date(received);
    const isSatisfactory = read.yesNo(satisfactory);
    if (receivedOn && isSatisfactory !== undefined)
      references.push({ slot, receivedOn, satisfactory: isSatisfactory });
  }

  const training: VolunteerRow['training'] = [];
  for (let slot = 1; slot <= TRAININGS; slot++) {
    const courseField = `TRAINING_${slot}_COURSE`;
    const completed = `TRAINING_${slot}_COMPLETED`;
    read.together([courseField, completed]);
    const courseName = read.value(courseField);
    const course = courseName === '' ? undefined : COURSE_NAMES.get(plain(courseName));
    if (courseName !== '' && !course)
      read.refuse(courseField, 'courseUnknown', {
        value: courseName,
        courses: TRAINING_COURSES.map((c) => c.value).join(', '),
      });
    const completedOn = read.date(completed);
    if (course && completedOn) training.push({ slot, course, completedOn });
  }

  if (!ref || !given || !family || !applied || read.problems.length > 0) return undefined;
  return {
    row: read.row,
    ref,
    name,
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    appliedOn: applied,
    ...(dbs ? { dbs } : {}),
    references,
    training,
  };
}

export const sourceOf = (row: number, field?: string): Source => ({ row, ...(field ? { field } : {}) });
