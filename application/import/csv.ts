/*
 * CSV files as local authorities export them: RFC 4180 (quoted values, doubled quotes, line breaks inside quotes),
 * with or without a UTF-8 byte order mark, CRLF or LF line endings, and sometimes in Windows-1252 (what Excel on
 * Windows writes for "CSV (comma delimited)"). Pure: bytes in, rows out; nothing here reads a file.
 */

export type Encoding = 'utf-8' | 'windows-1252';

/** Why a file cannot be read as text, for a caller that words it in another language (the problem is English). */
export type DecodeProblem = 'utf-16' | 'workbook' | 'binary' | 'encoding';

export type Decoded =
  | { ok: true; text: string; encoding: Encoding }
  | { ok: false; problem: string; kind: DecodeProblem };

/** Bytes Windows-1252 leaves undefined: a file with any of them is not Windows-1252 text. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * The file's text. UTF-8 first (a BOM is dropped); a file that is not valid UTF-8 but is valid Windows-1252 is read
 * as Windows-1252 (the caller says so to the person importing); anything else is refused with how to save it.
 */
export function decodeCsv(bytes: Uint8Array): Decoded {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return {
      ok: false,
      kind: 'utf-16',
      problem:
        'It is saved as UTF-16 (“Unicode text”). Save it as “CSV UTF-8 (comma delimited)” and try again.',
    };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return {
      ok: false,
      kind: 'workbook',
      problem:
        'It is a spreadsheet workbook, not a CSV file. Save the sheet as “CSV UTF-8 (comma delimited)”.',
    };
  if (bytes.includes(0))
    return {
      ok: false,
      kind: 'binary',
      problem: 'It is not a text file. Save it as “CSV UTF-8 (comma delimited)”.',
    };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    if (bom || body.some((b) => UNDEFINED_IN_1252.has(b)))
      return {
        ok: false,
        kind: 'encoding',
        problem: 'Its text is neither UTF-8 nor Windows-1252. Save it as “CSV UTF-8 (comma delimited)”.',
      };
    return { ok: true, text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252' };
  }
}

export interface CsvRow {
  /** The row's number as a spreadsheet shows it: the column names are row 1. */
  row: number;
  values: string[];
}

export interface CsvProblem {
  row: number;
  message: string;
  /** The problem, for a caller that words it in another language; `values` and `columns` for 'value-count'. */
  kind: 'value-count' | 'stray-quote' | 'after-quote' | 'unclosed';
  values?: number;
  columns?: number;
}

export interface CsvTable {
  columns: string[];
  rows: CsvRow[];
  problems: CsvProblem[];
}

/**
 * Parses RFC 4180 text. Values are trimmed (codes and dates never carry spaces that matter); a row whose values are
 * all empty (spreadsheets write them) is skipped; a row with a different number of values from the column row is a
 * problem of that row, as is a quoted value left open.
 */
export function parseCsv(text: string): CsvTable {
  const records = splitRecords(text);
  const problems: CsvProblem[] = [...records.problems];
  const [first, ...rest] = records.records;
  const columns = (first?.values ?? []).map((c) => c.trim());
  const rows: CsvRow[] = [];
  for (const record of rest) {
    const values = record.values.map((v) => v.trim());
    if (values.every((v) => v === '')) continue;
    if (values.length !== columns.length) {
      problems.push({
        row: record.row,
        kind: 'value-count',
        values: values.length,
        columns: columns.length,
        message: `It has ${values.length} values, but there are ${columns.length} columns. Check for a comma inside a value that is not in quotes.`,
      });
      continue;
    }
    rows.push({ row: record.row, values });
  }
  return { columns, rows, problems };
}

function splitRecords(text: string): { records: CsvRow[]; problems: CsvProblem[] } {
  const records: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  let values: string[] = [];
  let value = '';
  let quoted = false;
  let wasQuoted = false;
  let row = 1;
  let broken = false;
  const endValue = () => {
    values.push(value);
    value = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endValue();
    if (!broken) records.push({ row, values });
    values = [];
    broken = false;
    row++;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') value += c;
      else if (text[i + 1] === '"') {
        value += '"';
        i++;
      } else quoted = false;
      continue;
    }
    if (c === '"') {
      if (value.trim() === '' && !wasQuoted) {
        value = '';
        quoted = true;
        wasQuoted = true;
      } else if (!broken) {
        broken = true;
        problems.push({
          row,
          kind: 'stray-quote',
          message: 'A value has a quotation mark in it but does not start with one. Put the value in quotes.',
        });
      }
    } else if (c === ',') endValue();
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else if (wasQuoted) {
      if (c.trim() !== '' && !broken) {
        broken = true;
        problems.push({
          row,
          kind: 'after-quote',
          message: 'A quoted value has more text after its closing quotation mark.',
        });
      }
    } else value += c;
  }
  if (quoted)
    problems.push({
      row,
      kind: 'unclosed',
      message: 'A quoted value is never closed: a quotation mark is missing.',
    });
  else if (value !== '' || values.length > 0) endRecord();
  return { records, problems };
}
