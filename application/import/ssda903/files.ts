import { createHash } from 'node:crypto';
import type { LocalDate } from '../../../domain/calendar';
import { CaseSystemId } from '../../../events/contracts/child-import';
import type { EthnicityCode } from '../../../events/contracts/ethnicity';
import { type CsvRow, decodeCsv, type Encoding, parseCsv } from '../csv';
import { parseDate } from '../dates';
import { postcodeDistrict } from './area';
import { type Code, DFE_GUIDE, ETHNIC, LS, PLACE, REC, REVIEW_CODE, RNE, SEX } from './codes';

/**
 * The three SSDA903 files as CSV, with the columns the open-source 903 validators read (Header, Episodes, Reviews),
 * read into typed rows. Every value that cannot be used is a refusal naming the file, the row, the field and why.
 */
export const TABLES = {
  Header: { columns: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'], optional: ['UASC'] },
  Episodes: {
    columns: [
      'CHILD',
      'DECOM',
      'RNE',
      'LS',
      'CIN',
      'PLACE',
      'PLACE_PROVIDER',
      'DEC',
      'REC',
      'REASON_PLACE_CHANGE',
      'HOME_POST',
      'PL_POST',
      'URN',
    ],
    optional: [],
  },
  Reviews: { columns: ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'], optional: [] },
} as const satisfies Record<string, { columns: readonly string[]; optional: readonly string[] }>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** A file's size limit. Larger files are refused before they are read. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Why a file, a row or a value cannot be imported, in words a coordinator can act on. */
export interface Refusal {
  /** The file, by the 903 table it holds (or its own name when it is not one of them). */
  file: string;
  /** The row as a spreadsheet numbers it (the column names are row 1); absent for the file as a whole. */
  row?: number;
  field?: string;
  /** The LA's id of the child the row belongs to, when it has one. */
  child?: string;
  message: string;
}

export interface HeaderRow {
  row: number;
  child: string;
  sex: 'male' | 'female';
  dateOfBirth: LocalDate;
  ethnicity: EthnicityCode;
  /** From an optional UASC column (1 or 0); absent when the file does not say. */
  unaccompaniedAsylumSeeking?: boolean;
}

export interface EpisodeRow {
  row: number;
  child: string;
  decom: LocalDate;
  rne: string;
  ls: string;
  place: string;
  dec?: LocalDate;
  rec?: string;
  /** The placement's postcode district, when PL_POST gives one. */
  district?: string;
}

export interface ReviewRow {
  row: number;
  child: string;
  dateOfBirth: LocalDate;
  review: LocalDate;
  code: string;
}

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
  /** The table the person chose it as; when absent the file is recognised by its columns. */
  table?: TableName;
}

export interface FileSummary {
  name: string;
  table?: TableName;
  bytes: number;
  sha256: string;
  rows: number;
  encoding?: Encoding;
}

export interface Extract {
  files: FileSummary[];
  header: HeaderRow[];
  episodes: EpisodeRow[];
  reviews: ReviewRow[];
  /** Problems with a file as a whole: when there is one, nothing can be imported. */
  fileProblems: Refusal[];
  /** Problems with single rows: the children they belong to are not imported. */
  rowProblems: Refusal[];
  /** SHA-256 of the extract: of each file's own SHA-256, by table. */
  sha256: string;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** Reads the files of one extract. Pure: the caller has read the bytes. */
export function readExtract(uploads: readonly UploadedFile[]): Extract {
  const extract: Extract = {
    files: [],
    header: [],
    episodes: [],
    reviews: [],
    fileProblems: [],
    rowProblems: [],
    sha256: '',
  };
  const found = new Map<TableName, string>();
  for (const upload of uploads) {
    const summary: FileSummary = {
      name: upload.name,
      bytes: upload.bytes.length,
      sha256: sha256(upload.bytes),
      rows: 0,
    };
    extract.files.push(summary);
    const refuse = (message: string) =>
      extract.fileProblems.push({ file: upload.table ?? upload.name, message });
    if (upload.bytes.length > MAX_FILE_BYTES) {
      refuse(
        `${upload.name} is ${megabytes(upload.bytes.length)}: a file can be at most 50 MB. An SSDA903 extract is far smaller; check that it is the right file.`,
      );
      continue;
    }
    const decoded = decodeCsv(upload.bytes);
    if (!decoded.ok) {
      refuse(`${upload.name} cannot be read. ${decoded.problem}`);
      continue;
    }
    summary.encoding = decoded.encoding;
    const csv = parseCsv(decoded.text);
    const columns = csv.columns.map((c) => c.toUpperCase());
    const table = upload.table ?? recognise(columns);
    if (!table) {
      refuse(
        `${upload.name} is not one of the SSDA903 files: its columns are not those of Header, Episodes or Reviews.`,
      );
      continue;
    }
    summary.table = table;
    if (found.has(table)) {
      refuse(`${upload.name} and ${found.get(table)} are both ${table} files: give one of each.`);
      continue;
    }
    found.set(table, upload.name);
    const columnProblems = checkColumns(table, columns);
    if (columnProblems.length > 0) {
      extract.fileProblems.push(...columnProblems.map((message) => ({ file: table, message })));
      continue;
    }
    summary.rows = csv.rows.length;
    extract.rowProblems.push(...csv.problems.map((p) => ({ file: table, row: p.row, message: p.message })));
    const index = new Map(columns.map((c, i) => [c, i]));
    for (const row of csv.rows) {
      const read = new RowReader(table, row, index);
      const child = read.child();
      if (table === 'Header') {
        const record = readHeader(read, child);
        if (record) extract.header.push(record);
      } else if (table === 'Episodes') {
        const record = readEpisode(read, child);
        if (record) extract.episodes.push(record);
      } else {
        const record = readReview(read, child);
        if (record) extract.reviews.push(record);
      }
      extract.rowProblems.push(...read.problems);
    }
  }
  for (const table of TABLE_NAMES)
    if (!found.has(table) && !extract.fileProblems.some((p) => p.file === table))
      extract.fileProblems.push({
        file: table,
        message: `There is no ${table} file. An extract has three: Header, Episodes and Reviews.`,
      });
  extract.sha256 = sha256(
    extract.files
      .map((f) => `${f.table ?? f.name}:${f.sha256}`)
      .sort()
      .join('\n'),
  );
  return extract;
}

/** The table whose every column the file has, as the validators recognise an uploaded CSV. */
function recognise(columns: readonly string[]): TableName | undefined {
  return TABLE_NAMES.find((t) => TABLES[t].columns.every((c) => columns.includes(c)));
}

function checkColumns(table: TableName, columns: readonly string[]): string[] {
  const { columns: expected, optional } = TABLES[table];
  const known: readonly string[] = [...expected, ...optional];
  const problems: string[] = [];
  const missing = expected.filter((c) => !columns.includes(c));
  if (missing.length > 0)
    problems.push(
      `The ${table} file has no ${list(missing)} column${missing.length > 1 ? 's' : ''}. Its columns must be ${expected.join(', ')}.`,
    );
  const unknown = columns.filter((c) => !known.includes(c));
  if (unknown.length > 0)
    problems.push(
      `The ${table} file has ${unknown.length > 1 ? 'columns' : 'a column'} ${list(unknown.map((c) => c || '(no name)'))} that ${unknown.length > 1 ? 'are' : 'is'} not one of its columns (${known.join(', ')}).`,
    );
  const twice = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (twice.length > 0) problems.push(`The ${table} file has the column ${list(twice)} twice.`);
  return problems;
}

const list = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** Reads one row's values by column, collecting a refusal for each value that cannot be used. */
class RowReader {
  readonly problems: Refusal[] = [];
  private childId?: string;

  constructor(
    private readonly table: TableName,
    private readonly csv: CsvRow,
    private readonly index: ReadonlyMap<string, number>,
  ) {}

  get row() {
    return this.csv.row;
  }

  value(field: string): string {
    return this.csv.values[this.index.get(field) ?? -1] ?? '';
  }

  refuse(field: string, message: string) {
    this.problems.push({ file: this.table, row: this.csv.row, field, child: this.childId, message });
  }

  child(): string | undefined {
    const value = this.value('CHILD');
    if (value === '') this.refuse('CHILD', 'CHILD is empty: every row needs the child’s id.');
    else if (!CaseSystemId.safeParse(value).success)
      this.refuse(
        'CHILD',
        `CHILD “${value}” is not an id this system can keep: use up to 32 letters, digits and . _ / -.`,
      );
    else this.childId = value;
    return this.childId;
  }

  date(field: string, optional = false): LocalDate | undefined {
    const value = this.value(field);
    if (value === '') {
      if (!optional) this.refuse(field, `${field} is empty. Give the date as dd/mm/yyyy.`);
      return undefined;
    }
    const parsed = parseDate(value);
    if (parsed.ok) return parsed.date;
    this.refuse(field, `${field} “${value}” ${parsed.problem}.`);
    return undefined;
  }

  code<V>(field: string, codes: Record<string, Code<V>>, what: string, optional = false) {
    const value = this.value(field).toUpperCase();
    if (value === '') {
      if (!optional) this.refuse(field, `${field} is empty. Give the ${what}.`);
      return undefined;
    }
    const code = codes[value];
    if (!code) {
      this.refuse(
        field,
        `${field} “${this.value(field)}” is not a ${what} in the DfE’s list (${DFE_GUIDE.year}): use one of ${Object.keys(codes).join(', ')}.`,
      );
      return undefined;
    }
    return { code: value, ...code };
  }
}

function readHeader(read: RowReader, child: string | undefined): HeaderRow | undefined {
  const sex = read.code('SEX', SEX, 'sex code');
  if (sex && !sex.value)
    read.refuse(
      'SEX',
      `SEX “${sex.code}” (not known) cannot be recorded yet: the record needs male or female.`,
    );
  const dateOfBirth = read.date('DOB');
  const ethnicity = read.code('ETHNIC', ETHNIC, 'ethnicity code');
  const uasc = read.value('UASC');
  if (uasc !== '' && uasc !== '0' && uasc !== '1')
    read.refuse('UASC', `UASC “${uasc}” must be 1 (unaccompanied asylum-seeking child), 0 or empty.`);
  if (!child || !sex?.value || !dateOfBirth || !ethnicity || read.problems.length > 0) return undefined;
  return {
    row: read.row,
    child,
    sex: sex.value,
    dateOfBirth,
    ethnicity: ethnicity.value,
    ...(uasc === '' ? {} : { unaccompaniedAsylumSeeking: uasc === '1' }),
  };
}

function readEpisode(read: RowReader, child: string | undefined): EpisodeRow | undefined {
  const decom = read.date('DECOM');
  const rne = read.code('RNE', RNE, 'reason for a new episode');
  const ls = read.code('LS', LS, 'legal status');
  const place = read.code('PLACE', PLACE, 'placement type');
  const dec = read.date('DEC', true);
  const rec = read.code('REC', REC, 'reason an episode ceased', true);
  if (dec && !rec && read.value('REC') === '')
    read.refuse('REC', 'REC is empty, but the episode has an end date (DEC). Give the reason it ceased.');
  if (rec && !dec && read.value('DEC') === '')
    read.refuse(
      'DEC',
      `DEC is empty, but REC says the episode ceased (${rec.code}). Give the date it ceased.`,
    );
  const postcode = read.value('PL_POST');
  const district = postcode === '' ? undefined : postcodeDistrict(postcode);
  if (postcode !== '' && !district)
    read.refuse(
      'PL_POST',
      `PL_POST “${postcode}” is not a postcode or a postcode district, such as LS6 2AB or LS6.`,
    );
  if (!child || !decom || !rne || !ls || !place || read.problems.length > 0) return undefined;
  return {
    row: read.row,
    child,
    decom,
    rne: rne.code,
    ls: ls.code,
    place: place.code,
    ...(dec ? { dec } : {}),
    ...(rec ? { rec: rec.code } : {}),
    ...(district ? { district } : {}),
  };
}

function readReview(read: RowReader, child: string | undefined): ReviewRow | undefined {
  // The validators accept a row with neither a review nor a code: the child had no review in the year.
  if (read.value('REVIEW') === '' && read.value('REVIEW_CODE') === '') return undefined;
  const dateOfBirth = read.date('DOB');
  const review = read.date('REVIEW');
  const code = read.code('REVIEW_CODE', REVIEW_CODE, 'participation code');
  if (!child || !dateOfBirth || !review || !code || read.problems.length > 0) return undefined;
  return { row: read.row, child, dateOfBirth, review, code: code.code };
}
