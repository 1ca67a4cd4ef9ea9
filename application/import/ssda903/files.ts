import { createHash } from 'node:crypto';
import type { LocalDate } from '../../../domain/calendar';
import { CaseSystemId } from '../../../events/contracts/child-import';
import type { EthnicityCode } from '../../../events/contracts/ethnicity';
import { type CsvRow, decodeCsv, type Encoding, parseCsv } from '../csv';
import { parseDate } from '../dates';
import { type Reason, reason } from '../reasons';
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

/** Why a file, a row or a value cannot be imported, in words a coordinator can act on (`reason`, worded by the page). */
export interface Refusal {
  /** The file, by the 903 table it holds (or its own name when it is not one of them). */
  file: string;
  /** The row as a spreadsheet numbers it (the column names are row 1); absent for the file as a whole. */
  row?: number;
  field?: string;
  /** The LA's id of the child the row belongs to, when it has one. */
  child?: string;
  reason: Reason;
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
const megabytes = (bytes: number) => Math.round(bytes / (1024 * 1024));

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
    const refuse = (key: string, values?: Reason['values']) =>
      extract.fileProblems.push({
        file: upload.table ?? upload.name,
        reason: reason(key, { name: upload.name, ...values }),
      });
    if (upload.bytes.length > MAX_FILE_BYTES) {
      refuse('tooLarge', { size: megabytes(upload.bytes.length) });
      continue;
    }
    const decoded = decodeCsv(upload.bytes);
    if (!decoded.ok) {
      refuse(`unreadable.${decoded.kind}`);
      continue;
    }
    summary.encoding = decoded.encoding;
    const csv = parseCsv(decoded.text);
    const columns = csv.columns.map((c) => c.toUpperCase());
    const table = upload.table ?? recognise(columns);
    if (!table) {
      refuse('notAnExtractFile');
      continue;
    }
    summary.table = table;
    if (found.has(table)) {
      refuse('sameTable', { other: found.get(table)!, table });
      continue;
    }
    found.set(table, upload.name);
    const columnProblems = checkColumns(table, columns);
    if (columnProblems.length > 0) {
      extract.fileProblems.push(...columnProblems.map((problem) => ({ file: table, reason: problem })));
      continue;
    }
    summary.rows = csv.rows.length;
    extract.rowProblems.push(
      ...csv.problems.map((p) => ({
        file: table,
        row: p.row,
        reason: reason(p.kind, p.kind === 'value-count' ? { values: p.values!, columns: p.columns! } : {}),
      })),
    );
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
      extract.fileProblems.push({ file: table, reason: reason('noFile', { table }) });
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

function checkColumns(table: TableName, columns: readonly string[]): Reason[] {
  const { columns: expected, optional } = TABLES[table];
  const known: readonly string[] = [...expected, ...optional];
  const problems: Reason[] = [];
  // `count` chooses the sentence for one column or several.
  const some = (key: string, found: readonly string[], list: readonly string[]) =>
    problems.push(
      reason(key, { table, columns: found.join(', '), count: found.length, list: list.join(', ') }),
    );
  const missing = expected.filter((c) => !columns.includes(c));
  if (missing.length > 0) some('missingColumns', missing, expected);
  const unknown = columns.filter((c) => !known.includes(c));
  if (unknown.length > 0)
    some(
      'unknownColumns',
      unknown.map((c) => c || '(no name)'),
      known,
    );
  const twice = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (twice.length > 0) some('columnTwice', [...new Set(twice)], known);
  return problems;
}

/** The collection year of the DfE's lists, "2025 to 2026", as its two years for the sentence to join. */
const [from, to] = DFE_GUIDE.year.split(' to ');
const COLLECTION_YEARS = { from: from!, to: to! };

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

  refuse(field: string, key: string, values?: Reason['values']) {
    this.problems.push({
      file: this.table,
      row: this.csv.row,
      field,
      child: this.childId,
      reason: reason(key, { field, ...values }),
    });
  }

  child(): string | undefined {
    const value = this.value('CHILD');
    if (value === '') this.refuse('CHILD', 'childEmpty');
    else if (!CaseSystemId.safeParse(value).success) this.refuse('CHILD', 'childInvalid', { value });
    else this.childId = value;
    return this.childId;
  }

  date(field: string, optional = false): LocalDate | undefined {
    const value = this.value(field);
    if (value === '') {
      if (!optional) this.refuse(field, 'dateEmpty');
      return undefined;
    }
    const parsed = parseDate(value);
    if (parsed.ok) return parsed.date;
    this.refuse(field, `date.${parsed.kind}`, {
      value,
      ...(parsed.kind === 'month' ? { month: parsed.month } : {}),
    });
    return undefined;
  }

  /** A code of one of the DfE's lists; the field names the list (`imports.codeLists.<field>` in the catalogue). */
  code<V>(field: string, codes: Record<string, Code<V>>, optional = false) {
    const value = this.value(field).toUpperCase();
    if (value === '') {
      if (!optional) this.refuse(field, 'codeEmpty');
      return undefined;
    }
    const code = codes[value];
    if (!code) {
      this.refuse(field, 'codeUnknown', {
        value: this.value(field),
        ...COLLECTION_YEARS,
        codes: Object.keys(codes).join(', '),
      });
      return undefined;
    }
    return { code: value, ...code };
  }
}

function readHeader(read: RowReader, child: string | undefined): HeaderRow | undefined {
  const sex = read.code('SEX', SEX);
  if (sex && !sex.value) read.refuse('SEX', 'sexNotKnown', { value: sex.code });
  const dateOfBirth = read.date('DOB');
  const ethnicity = read.code('ETHNIC', ETHNIC);
  const uasc = read.value('UASC');
  if (uasc !== '' && uasc !== '0' && uasc !== '1') read.refuse('UASC', 'uascInvalid', { value: uasc });
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
  const rne = read.code('RNE', RNE);
  const ls = read.code('LS', LS);
  const place = read.code('PLACE', PLACE);
  const dec = read.date('DEC', true);
  const rec = read.code('REC', REC, true);
  if (dec && !rec && read.value('REC') === '') read.refuse('REC', 'recEmpty');
  if (rec && !dec && read.value('DEC') === '') read.refuse('DEC', 'decEmpty', { value: rec.code });
  const postcode = read.value('PL_POST');
  const district = postcode === '' ? undefined : postcodeDistrict(postcode);
  if (postcode !== '' && !district) read.refuse('PL_POST', 'postcodeInvalid', { value: postcode });
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
  const code = read.code('REVIEW_CODE', REVIEW_CODE);
  if (!child || !dateOfBirth || !review || !code || read.problems.length > 0) return undefined;
  return { row: read.row, child, dateOfBirth, review, code: code.code };
}
