import { describe, expect, it } from 'vitest';
import { reasonText } from '../../../../adapters/web/i18n/ssda903-import';
import type { Reason } from '../../../../application/import';
import { parseDistricts, postcodeDistrict } from '../../../../application/import/ssda903/area';
import { LS, PLACE, REC, REVIEW_CODE, SEX } from '../../../../application/import/ssda903/codes';
import {
  MAX_FILE_BYTES,
  readExtract,
  type TableName,
  type UploadedFile,
} from '../../../../application/import/ssda903/files';
import { historiesOf } from '../../../../application/import/ssda903/histories';

/*
 * A made-up extract: child 1001 entered care on 1 March 2024 in area, moved out of area on 10 June 2024 (X1, then
 * RNE P), and went home on 20 January 2025 (E4A); child 1002 is still looked after, placed at a postcode with no
 * district given. Every refusal of the extract's rules is tested by changing one thing in it.
 */
const HEADER = [
  'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB',
  '1001,F,14/03/2012,WBRI,,,',
  '1002,1,02/11/2015,BAFR,,,',
];
const EPISODES = [
  'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
  '1001,01/03/2024,S,C2,N1,U4,PR1,10/06/2024,X1,,,NV1 2AB,',
  '1001,10/06/2024,P,C2,N1,U6,PR4,20/01/2025,E4A,CARPL,,QZ9 9ZZ,',
  '1002,05/09/2025,S,V2,N4,U4,PR1,,,,,,',
];
const REVIEWS = [
  'CHILD,DOB,REVIEW,REVIEW_CODE',
  '1001,14/03/2012,28/03/2024,PN1',
  '1001,14/03/2012,27/06/2024,PN3',
  '1002,02/11/2015,,',
];
const DISTRICTS = new Set(['NV1', 'NV2']);

const file = (table: TableName, lines: readonly string[]): UploadedFile => ({
  name: `${table.toLowerCase()}.csv`,
  table,
  bytes: new TextEncoder().encode(`${lines.join('\r\n')}\r\n`),
});
const extract = (changes: Partial<Record<TableName, readonly string[]>> = {}) =>
  readExtract([
    file('Header', changes.Header ?? HEADER),
    file('Episodes', changes.Episodes ?? EPISODES),
    file('Reviews', changes.Reviews ?? REVIEWS),
  ]);
const histories = (changes: Partial<Record<TableName, readonly string[]>> = {}) =>
  historiesOf(extract(changes), DISTRICTS);
/** A refusal with its sentence in English, as the API and the command line give it. */
const worded = <T extends { reason: Reason }>({ reason, ...rest }: T) => ({
  ...rest,
  message: reasonText(reason),
});
const refusalsOf = (changes: Partial<Record<TableName, readonly string[]>>) =>
  histories(changes).flatMap((h) =>
    h.refusals.map(worded).map(({ file, row, field, message }) => ({ file, row, field, message })),
  );
const replace = (lines: readonly string[], row: number, line: string) =>
  lines.map((l, i) => (i === row - 1 ? line : l));

describe('an SSDA903 extract', () => {
  it('gives each child’s periods of care, placements, leaving and reviews, in the order they happened', () => {
    const [first, second] = histories();
    expect(first!.child).toBe('1001');
    expect(first!.refusals).toEqual([]);
    expect(first!.facts.map(({ kind, on, inArea, reason }) => ({ kind, on, inArea, reason }))).toEqual([
      { kind: 'period-start', on: '2024-03-01', inArea: true, reason: undefined },
      { kind: 'review', on: '2024-03-28', inArea: undefined, reason: undefined },
      { kind: 'placement', on: '2024-06-10', inArea: false, reason: undefined },
      { kind: 'review', on: '2024-06-27', inArea: undefined, reason: undefined },
      { kind: 'left', on: '2025-01-20', inArea: undefined, reason: 'returned-home' },
    ]);
    expect(first!.facts[0]!.source).toEqual({ file: 'Episodes', row: 2, field: 'DECOM' });
    // No postcode, so not known; no reviews yet (a row with neither a date nor a code).
    expect(second!.facts).toEqual([expect.objectContaining({ kind: 'period-start', on: '2025-09-05' })]);
    expect(second!.facts[0]).not.toHaveProperty('inArea');
    expect(second!.header).toMatchObject({ sex: 'male', dateOfBirth: '2015-11-02', ethnicity: 'BAFR' });
  });

  it('hashes the extract, and reads the same files the same way in any order', () => {
    const files = [file('Header', HEADER), file('Episodes', EPISODES), file('Reviews', REVIEWS)];
    const a = readExtract(files);
    const b = readExtract([...files].reverse().map(({ table: _, ...f }) => f));
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.sha256).toBe(a.sha256);
    expect(b.files.map((f) => f.table)).toEqual(['Reviews', 'Episodes', 'Header']);
    expect(b.fileProblems).toEqual([]);
  });

  it('starts a period at the earliest episode when the extract begins part-way through a period, and says so', () => {
    const [child] = histories({
      Episodes: replace(EPISODES, 2, '1001,01/03/2024,P,C2,N1,U4,PR1,10/06/2024,X1,,,NV1 2AB,'),
    });
    expect(child!.facts[0]).toMatchObject({ kind: 'period-start', startsBeforeExtract: true });
    expect(child!.notes.map(reasonText)).toEqual([
      expect.stringMatching(/care began before the extract.*1 March 2024/),
    ]);
  });
});

describe('refusals: every one names the file, the row, the field and why', () => {
  it('refuses wrong or missing columns, a missing file and a file that is not one of the three', () => {
    const wrong = extract({ Episodes: [EPISODES[0]!.replace('DECOM', 'DECOMM'), ...EPISODES.slice(1)] });
    expect(wrong.fileProblems.map(worded)).toEqual([
      { file: 'Episodes', message: expect.stringMatching(/^The Episodes file has no DECOM column\./) },
      {
        file: 'Episodes',
        message: expect.stringMatching(/has a column DECOMM that is not one of its columns/),
      },
    ]);
    const missing = readExtract([file('Header', HEADER), file('Episodes', EPISODES)]);
    expect(missing.fileProblems.map(worded)).toEqual([
      { file: 'Reviews', message: expect.stringMatching(/There is no Reviews file/) },
    ]);
    const stranger = readExtract([
      { name: 'volunteers.csv', bytes: new TextEncoder().encode('NAME,EMAIL\r\nA,b\r\n') },
      file('Header', HEADER),
      file('Episodes', EPISODES),
      file('Reviews', REVIEWS),
    ]);
    expect(stranger.fileProblems.map(worded)).toEqual([
      { file: 'volunteers.csv', message: expect.stringMatching(/is not one of the SSDA903 files/) },
    ]);
  });

  it('refuses a file over 50 MB before reading it', () => {
    const big = readExtract([
      { name: 'episodes.csv', table: 'Episodes', bytes: new Uint8Array(MAX_FILE_BYTES + 1) },
      file('Header', HEADER),
      file('Reviews', REVIEWS),
    ]);
    expect(big.fileProblems.map(worded)).toEqual([
      {
        file: 'Episodes',
        message: expect.stringMatching(/^episodes\.csv is 50 MB: a file can be at most 50 MB\./),
      },
    ]);
    expect(big.files[0]).toMatchObject({ bytes: MAX_FILE_BYTES + 1, rows: 0 });
  });

  it('refuses dates in other forms than dd/mm/yyyy, naming the field', () => {
    expect(refusalsOf({ Header: replace(HEADER, 2, '1001,F,2012/03/14,WBRI,,,') })).toEqual([
      {
        file: 'Header',
        row: 2,
        field: 'DOB',
        message: expect.stringMatching(/^DOB “2012\/03\/14” is not a date\. Write it as dd\/mm\/yyyy/),
      },
    ]);
    expect(refusalsOf({ Episodes: replace(EPISODES, 4, '1002,5/9/25,S,V2,N4,U4,PR1,,,,,,') })).toEqual([
      { file: 'Episodes', row: 4, field: 'DECOM', message: expect.stringMatching(/two-digit year/) },
    ]);
  });

  it('refuses codes that are not in the DfE’s lists, for every coded field', () => {
    const cases: Array<[TableName, number, string, string]> = [
      ['Header', 2, '1001,X,14/03/2012,WBRI,,,', 'SEX'],
      ['Header', 2, '1001,F,14/03/2012,WHIT,,,', 'ETHNIC'],
      ['Episodes', 4, '1002,05/09/2025,S,S20,N4,U4,PR1,,,,,,', 'LS'],
      ['Episodes', 4, '1002,05/09/2025,Q,V2,N4,U4,PR1,,,,,,', 'RNE'],
      ['Episodes', 4, '1002,05/09/2025,S,V2,N4,F1,PR1,,,,,,', 'PLACE'],
      ['Episodes', 3, '1001,10/06/2024,P,C2,N1,U6,PR4,20/01/2025,E99,CARPL,,QZ9 9ZZ,', 'REC'],
      ['Reviews', 2, '1001,14/03/2012,28/03/2024,PN9', 'REVIEW_CODE'],
    ];
    for (const [table, row, line, field] of cases) {
      const base = { Header: HEADER, Episodes: EPISODES, Reviews: REVIEWS }[table];
      expect(refusalsOf({ [table]: replace(base, row, line) }), field).toEqual([
        {
          file: table,
          row,
          field,
          message: expect.stringMatching(
            new RegExp(`^${field} “.+” is not a .+ in the DfE’s list \\(2025 to 2026\\): use one of`),
          ),
        },
      ]);
    }
    // U (not known) is a DfE code, but the record knows male and female only.
    expect(refusalsOf({ Header: replace(HEADER, 2, '1001,U,14/03/2012,WBRI,,,') })).toEqual([
      { file: 'Header', row: 2, field: 'SEX', message: expect.stringMatching(/cannot be recorded yet/) },
    ]);
  });

  it('refuses duplicate rows: a second Header row, a repeated episode, a repeated review', () => {
    expect(refusalsOf({ Header: [...HEADER, '1001,F,14/03/2012,WBRI,,,'] })).toEqual([
      {
        file: 'Header',
        row: 4,
        field: 'CHILD',
        message: 'CHILD 1001 already has a Header row (row 2). Keep one.',
      },
    ]);
    expect(refusalsOf({ Episodes: [...EPISODES, EPISODES[1]!] })).toEqual([
      { file: 'Episodes', row: 5, field: 'DECOM', message: 'This row repeats row 2. Take one of them out.' },
    ]);
    expect(refusalsOf({ Reviews: [...REVIEWS, REVIEWS[2]!] })).toEqual([
      { file: 'Reviews', row: 5, field: 'REVIEW', message: 'This row repeats row 3. Take one of them out.' },
    ]);
  });

  it('refuses an episode that ends before it starts, or overlaps another, or breaks the X1 rule', () => {
    expect(
      refusalsOf({ Episodes: replace(EPISODES, 4, '1002,05/09/2025,S,V2,N4,U4,PR1,01/09/2025,E8,,,,') }),
    ).toEqual([
      {
        file: 'Episodes',
        row: 4,
        field: 'DEC',
        message: 'The episode ends (DEC 1 September 2025) before it starts (DECOM 5 September 2025).',
      },
    ]);
    expect(
      refusalsOf({
        Episodes: replace(EPISODES, 3, '1001,01/06/2024,P,C2,N1,U6,PR4,20/01/2025,E4A,CARPL,,QZ9 9ZZ,'),
      }),
    ).toEqual([
      {
        file: 'Episodes',
        row: 3,
        field: 'DECOM',
        message:
          'It starts on 1 June 2024, before the episode on row 2 ends (10 June 2024): episodes cannot overlap.',
      },
    ]);
    expect(
      refusalsOf({
        Episodes: replace(EPISODES, 3, '1001,12/06/2024,P,C2,N1,U6,PR4,20/01/2025,E4A,CARPL,,QZ9 9ZZ,'),
      }),
    ).toEqual([
      {
        file: 'Episodes',
        row: 3,
        field: 'DECOM',
        message: expect.stringMatching(/ends with X1 .* but this one starts on 12 June 2024/),
      },
    ]);
    expect(
      refusalsOf({
        Episodes: replace(EPISODES, 3, '1001,10/06/2024,P,C2,N1,U6,PR4,20/01/2025,X1,CARPL,,QZ9 9ZZ,'),
      }),
    ).toEqual([
      {
        file: 'Episodes',
        row: 3,
        field: 'REC',
        message: 'It ends with X1 (a new episode the same day), but no episode follows it.',
      },
    ]);
    expect(refusalsOf({ Episodes: replace(EPISODES, 4, '1002,05/09/2025,S,V2,N4,U4,PR1,,E8,,,,') })).toEqual([
      {
        file: 'Episodes',
        row: 4,
        field: 'DEC',
        message: expect.stringMatching(/^DEC is empty, but REC says the episode ceased/),
      },
    ]);
  });

  it('refuses the rows of a child with no Header row, and keeps that child out, not the others', () => {
    const children = histories({ Header: HEADER.slice(0, 2) });
    const orphan = children.find((c) => c.child === '1002')!;
    expect(orphan.facts).toEqual([]);
    expect(
      orphan.refusals.map(worded).map(({ file, row, field, message }) => ({ file, row, field, message })),
    ).toEqual([
      {
        file: 'Episodes',
        row: 4,
        field: 'CHILD',
        message: expect.stringMatching(/^There is no Header row for CHILD 1002\./),
      },
    ]);
    expect(children.find((c) => c.child === '1001')!.refusals).toEqual([]);
  });

  it('refuses a review on a day the child was not looked after, and one whose date of birth is not the Header’s', () => {
    expect(refusalsOf({ Reviews: [...REVIEWS, '1001,14/03/2012,01/02/2025,PN1'] })).toEqual([
      {
        file: 'Reviews',
        row: 5,
        field: 'REVIEW',
        message: expect.stringMatching(/1 February 2025 is on a day no episode/),
      },
    ]);
    expect(refusalsOf({ Reviews: replace(REVIEWS, 2, '1001,15/03/2012,28/03/2024,PN1') })).toEqual([
      {
        file: 'Reviews',
        row: 2,
        field: 'DOB',
        message: expect.stringMatching(/is not the date of birth in the Header/),
      },
    ]);
  });

  it('refuses a CHILD that is empty or could not be an id, and a postcode that is not one', () => {
    expect(
      refusalsOf({ Reviews: replace(REVIEWS, 2, 'Sam Smith,14/03/2012,28/03/2024,PN1') }).at(0),
    ).toBeUndefined();
    const extracted = extract({ Reviews: replace(REVIEWS, 2, 'Sam Smith,14/03/2012,28/03/2024,PN1') });
    expect(extracted.rowProblems.map(worded)).toEqual([
      {
        file: 'Reviews',
        row: 2,
        field: 'CHILD',
        message: expect.stringMatching(/^CHILD “Sam Smith” is not an id/),
      },
    ]);
    expect(
      refusalsOf({ Episodes: replace(EPISODES, 4, '1002,05/09/2025,S,V2,N4,U4,PR1,,,,,unknown,') }),
    ).toEqual([
      { file: 'Episodes', row: 4, field: 'PL_POST', message: expect.stringMatching(/is not a postcode/) },
    ]);
  });
});

describe('in or out of area', () => {
  it('takes the district of a full postcode or a district, and the LA’s own districts as given', () => {
    expect(postcodeDistrict('ls6 2ab')).toBe('LS6');
    expect(postcodeDistrict('SW1A1AA')).toBe('SW1A');
    expect(postcodeDistrict('M1')).toBe('M1');
    expect(postcodeDistrict('not a postcode')).toBeUndefined();
    expect(parseDistricts('LS1, LS2\nls6  xx')).toEqual({
      districts: new Set(['LS1', 'LS2', 'LS6']),
      invalid: ['xx'],
    });
  });

  it('is not known when the LA gives none of its districts', () => {
    const [child] = historiesOf(extract(), new Set());
    expect(child!.facts.filter((f) => f.inArea !== undefined)).toEqual([]);
  });
});

describe('the DfE code lists', () => {
  it('say what each code becomes here, and which the DfE has retired', () => {
    expect(REC.X1!.value).toBe('continues');
    expect(REC.E17!.value).toBe('reached-18');
    expect(REC.E45!.value).toBe('special-guardianship-order');
    expect(SEX['1']).toMatchObject({ value: 'male', notListedFrom: '2024 to 2025' });
    expect(PLACE.Z1!.notListedFrom).toBe('2025 to 2026');
    expect(Object.keys(LS)).toHaveLength(13);
    expect(Object.keys(REVIEW_CODE)).toEqual(['PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7']);
  });
});
