import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv } from '../../../../application/import/csv';
import { parseDate } from '../../../../application/import/dates';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('reading a CSV file', () => {
  it('reads UTF-8 with or without a byte order mark, and CRLF or LF line endings alike', () => {
    const plain = decodeCsv(bytes('CHILD,SEX\r\n1,M\r\n'));
    const bom = decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('CHILD,SEX\n1,M\n')]));
    expect(plain).toEqual({ ok: true, text: 'CHILD,SEX\r\n1,M\r\n', encoding: 'utf-8' });
    expect(bom).toEqual({ ok: true, text: 'CHILD,SEX\n1,M\n', encoding: 'utf-8' });
    for (const decoded of [plain, bom])
      expect(parseCsv((decoded as { text: string }).text)).toEqual({
        columns: ['CHILD', 'SEX'],
        rows: [{ row: 2, values: ['1', 'M'] }],
        problems: [],
      });
  });

  it('reads Windows-1252 (what Excel on Windows saves) and says so; refuses UTF-16 and workbooks', () => {
    // "Zoë" in Windows-1252: ë is the single byte 0xEB, which is not valid UTF-8.
    expect(decodeCsv(new Uint8Array([...bytes('A\r\nZo'), 0xeb, ...bytes('\r\n')]))).toEqual({
      ok: true,
      text: 'A\r\nZoë\r\n',
      encoding: 'windows-1252',
    });
    expect(decodeCsv(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('UTF-16'),
    });
    expect(decodeCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14]))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('spreadsheet workbook'),
    });
    // 0x81 is undefined in Windows-1252 and invalid in UTF-8: neither.
    expect(decodeCsv(new Uint8Array([0x41, 0x81]))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('neither UTF-8 nor Windows-1252'),
    });
  });

  it('reads quoted values with commas, doubled quotes and line breaks in them (RFC 4180)', () => {
    const table = parseCsv('A,B,C\r\n"x, y","say ""hi""","two\r\nlines"\r\n,,\r\n4,5,6');
    expect(table.rows).toEqual([
      { row: 2, values: ['x, y', 'say "hi"', 'two\r\nlines'] },
      // Row 3 has no values (spreadsheets write such rows); row 4 counts on from it.
      { row: 4, values: ['4', '5', '6'] },
    ]);
    expect(table.problems).toEqual([]);
  });

  it('names the row with the wrong number of values, a stray quote, or a quote never closed', () => {
    expect(parseCsv('A,B\n1,2,3\n1,2\n').problems).toEqual([
      {
        row: 2,
        kind: 'value-count',
        values: 3,
        columns: 2,
        message: expect.stringMatching(/3 values, but there are 2 columns/),
      },
    ]);
    expect(parseCsv('A,B\n1,ab"c\n').problems).toEqual([
      { row: 2, kind: 'stray-quote', message: expect.stringMatching(/does not start with one/) },
    ]);
    expect(parseCsv('A,B\n1,"abc\n').problems).toEqual([
      { row: 2, kind: 'unclosed', message: expect.stringMatching(/never closed/) },
    ]);
    expect(parseCsv('A,B\n1,"abc"x\n').problems).toEqual([
      {
        row: 2,
        kind: 'after-quote',
        message: expect.stringMatching(/more text after its closing quotation mark/),
      },
    ]);
  });
});

describe('dates', () => {
  it('reads dd/mm/yyyy (the 903 convention), without leading zeros too, and ISO dates', () => {
    expect(parseDate('03/02/2024')).toEqual({ ok: true, date: '2024-02-03' });
    expect(parseDate('3/2/2024')).toEqual({ ok: true, date: '2024-02-03' });
    expect(parseDate('2024-02-03')).toEqual({ ok: true, date: '2024-02-03' });
  });

  it('refuses every other form with how to write it, and dates that do not exist', () => {
    const problem = (value: string) => {
      const parsed = parseDate(value);
      return parsed.ok ? undefined : parsed.problem;
    };
    expect(problem('31/02/2024')).toBe('is not a real date');
    expect(problem('02/25/2024')).toMatch(/^25 is not a month\. Dates go day first/);
    expect(problem('03/02/24')).toMatch(/two-digit year/);
    expect(problem('03-02-2024')).toMatch(/with slashes/);
    expect(problem('45323')).toMatch(/spreadsheet’s number for a date/);
    expect(problem('03/02/2024 00:00')).toMatch(/has a time in it/);
    expect(problem('3 Feb 2024')).toMatch(/is not a date\. Write it as dd\/mm\/yyyy/);
  });
});
