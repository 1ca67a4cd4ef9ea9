import { describe, expect, it } from 'vitest';
import { reasonText } from '../../../../adapters/web/i18n/volunteer-import';
import { VOLUNTEER_COLUMNS, VOLUNTEER_TEMPLATE } from '../../../../application/import';
import {
  MAX_VOLUNTEER_FILE_BYTES,
  readVolunteerFile,
} from '../../../../application/import/volunteers/format';
import {
  alex,
  sam,
  type VolunteerValues,
  volunteersCsv,
  volunteersFile,
} from '../../../support/volunteers-csv';

const read = (rows: readonly VolunteerValues[], columns?: readonly string[]) =>
  readVolunteerFile(volunteersFile(rows, columns));
/** Each refused row as "row field: sentence", the way the preview lists it. */
const refusals = (file: ReturnType<typeof readVolunteerFile>) =>
  file.rowProblems.map((p) => `${p.row} ${p.field ?? ''}: ${reasonText(p.reason)}`);
const fileProblems = (file: ReturnType<typeof readVolunteerFile>) =>
  file.fileProblems.map((p) => reasonText(p.reason));

describe('reading a volunteers file', () => {
  it('reads one volunteer a row: name, contact, DBS, references and training by their columns', () => {
    const file = read([alex('V1'), sam('V2')]);
    expect(file.fileProblems).toEqual([]);
    expect(file.rowProblems).toEqual([]);
    expect(file.volunteers).toEqual([
      {
        row: 2,
        ref: 'V1',
        name: 'Alex Example',
        email: 'alex.example@example.com',
        phone: '07700 900123',
        appliedOn: '2026-01-05',
        dbs: {
          level: 'enhanced-with-childrens-barred-list',
          certificateNumber: '001234567890',
          issuedOn: '2026-01-12',
          updateServiceSubscribed: true,
        },
        references: [
          { slot: 1, receivedOn: '2026-01-19', satisfactory: true },
          { slot: 2, receivedOn: '2026-01-26', satisfactory: true },
        ],
        training: [
          { slot: 1, course: 'iv-induction', completedOn: '2026-02-02' },
          { slot: 2, course: 'safeguarding-children', completedOn: '2026-02-09' },
        ],
      },
      { row: 3, ref: 'V2', name: 'Sam Sample', appliedOn: '2025-03-03', references: [], training: [] },
    ]);
  });

  it('reads its own template: the made-up volunteer is valid', () => {
    const file = readVolunteerFile({
      name: 'template.csv',
      bytes: new TextEncoder().encode(VOLUNTEER_TEMPLATE),
    });
    expect(file.fileProblems).toEqual([]);
    expect(file.rowProblems).toEqual([]);
    expect(file.volunteers.map((v) => v.name)).toEqual(['Alex Example']);
  });

  it('reads a UTF-8 byte order mark, Windows-1252 text and CRLF or LF line endings alike', () => {
    const text = volunteersCsv([{ ...sam('V1'), GIVEN_NAME: 'Zoë' }]);
    const utf8 = new TextEncoder().encode(text);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    const lf = new TextEncoder().encode(text.replaceAll('\r\n', '\n'));
    // Windows-1252: ë is the one byte 0xEB.
    const cp1252 = new Uint8Array([...text].map((c) => (c === 'ë' ? 0xeb : c.charCodeAt(0))));
    for (const bytes of [utf8, bom, lf, cp1252]) {
      const file = readVolunteerFile({ name: 'v.csv', bytes });
      expect(file.fileProblems).toEqual([]);
      expect(file.volunteers.map((v) => v.name)).toEqual(['Zoë Sample']);
    }
    expect(readVolunteerFile({ name: 'v.csv', bytes: cp1252 }).encoding).toBe('windows-1252');
    expect(readVolunteerFile({ name: 'v.csv', bytes: bom }).encoding).toBe('utf-8');
  });

  it('refuses a file with columns missing, unknown or twice, saying which', () => {
    const without = VOLUNTEER_COLUMNS.filter((c) => c !== 'EMAIL' && c !== 'DBS_ISSUED');
    expect(fileProblems(read([sam('V1')], without))).toEqual([
      'volunteers.csv has no EMAIL, DBS_ISSUED column. Use the columns of the template.',
    ]);
    expect(fileProblems(read([sam('V1')], [...VOLUNTEER_COLUMNS, 'NOTES']))).toEqual([
      'volunteers.csv has a column NOTES that is not one of the template’s. Delete it, or check its name against the template.',
    ]);
    expect(fileProblems(read([sam('V1')], [...VOLUNTEER_COLUMNS, 'EMAIL']))).toEqual([
      'volunteers.csv has the column EMAIL twice.',
    ]);
    // Column names as a person may type them are the same columns.
    const typed = VOLUNTEER_COLUMNS.map((c) => c.toLowerCase().replaceAll('_', ' '));
    const file = readVolunteerFile({
      name: 'v.csv',
      bytes: new TextEncoder().encode(
        `${typed.join(',')}\r\n${volunteersCsv([sam('V1')]).split('\r\n')[1]}\r\n`,
      ),
    });
    expect(file.fileProblems).toEqual([]);
    expect(file.volunteers).toHaveLength(1);
  });

  it('refuses a file with no volunteers, a workbook, UTF-16 and a file over 50 MB, before reading it', () => {
    expect(fileProblems(read([]))).toEqual([
      'volunteers.csv has no volunteers in it: add one row per volunteer under the column names.',
    ]);
    const workbook = readVolunteerFile({
      name: 'v.xlsx',
      bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1]),
    });
    expect(fileProblems(workbook)[0]).toMatch(/^v\.xlsx cannot be read: it is a spreadsheet workbook/);
    const utf16 = readVolunteerFile({ name: 'v.csv', bytes: new Uint8Array([0xff, 0xfe, 0x41, 0]) });
    expect(fileProblems(utf16)[0]).toMatch(/saved as UTF-16/);
    const huge = readVolunteerFile({ name: 'big.csv', bytes: new Uint8Array(MAX_VOLUNTEER_FILE_BYTES + 1) });
    expect(fileProblems(huge)).toEqual([
      'big.csv is 50 MB: a file can be at most 50 MB. A volunteers file is far smaller; check that it is the right file.',
    ]);
    expect(huge.volunteers).toEqual([]);
  });

  it('reads dates as dd/mm/yyyy or yyyy-mm-dd, and refuses every other form with how to write it', () => {
    const applied = (APPLIED: string) => read([{ ...sam('V1'), APPLIED }]);
    expect(applied('2025-03-03').volunteers[0]?.appliedOn).toBe('2025-03-03');
    expect(applied('03/03/2025').volunteers[0]?.appliedOn).toBe('2025-03-03');
    const refused = (value: string) => refusals(applied(value));
    expect(refused('03/13/2025')).toEqual([
      '2 APPLIED: APPLIED “03/13/2025”: 13 is not a month. Dates go day first: dd/mm/yyyy, for example 03/02/2024 for 3 February 2024.',
    ]);
    expect(refused('31/02/2025')).toEqual(['2 APPLIED: APPLIED “31/02/2025” is not a real date.']);
    expect(refused('03/03/25')[0]).toMatch(/has a two-digit year\. Write the year in full/);
    expect(refused('03-03-2025')[0]).toMatch(/must be written with slashes/);
    expect(refused('45719')[0]).toMatch(/looks like a spreadsheet’s number for a date/);
    expect(refused('03/03/2025 09:00')[0]).toMatch(/has a time in it/);
    expect(refused('3 March 2025')[0]).toMatch(/is not a date\. Write it as dd\/mm\/yyyy/);
    expect(refused('')).toEqual([
      '2 APPLIED: APPLIED is empty. Give the date the volunteer applied, as dd/mm/yyyy.',
    ]);
  });

  it('refuses a bad email address or phone number, an unknown DBS level or course, and half a DBS check', () => {
    const file = read([
      { ...sam('V1'), EMAIL: 'alex.example.com' },
      { ...sam('V2'), PHONE: '12345' },
      { ...alex('V3'), DBS_LEVEL: 'Basic' },
      { ...alex('V4'), DBS_CERTIFICATE: '', DBS_UPDATE_SERVICE: 'maybe' },
      { ...alex('V5'), DBS_CERTIFICATE: '1234', TRAINING_1_COURSE: 'first aid' },
      { ...alex('V6'), DBS_CERTIFICATE: '009876543210', REFERENCE_2_SATISFACTORY: '' },
    ]);
    expect(refusals(file)).toEqual([
      '2 EMAIL: EMAIL “alex.example.com” is not an email address. Enter it in the correct format, like name@example.com.',
      '3 PHONE: PHONE “12345” is not a phone number. Enter it like 07700 900982 or +44 7700 900982.',
      '4 DBS_LEVEL: DBS_LEVEL “Basic” is not a level of DBS check: use Enhanced, or Enhanced with barred list.',
      '5 DBS_CERTIFICATE: DBS_CERTIFICATE is empty, but DBS_LEVEL, DBS_ISSUED, DBS_UPDATE_SERVICE is filled in. Fill in all of them, or leave all of them empty.',
      '5 DBS_UPDATE_SERVICE: DBS_UPDATE_SERVICE “maybe” must be yes or no.',
      '6 DBS_CERTIFICATE: DBS_CERTIFICATE must be the 12 digits printed on the certificate, for example 001234567890.',
      '6 TRAINING_1_COURSE: TRAINING_1_COURSE “first aid” is not one of the courses: use one of iv-induction, safeguarding-children, trauma-informed-practice, online-safety.',
      '7 REFERENCE_2_SATISFACTORY: REFERENCE_2_SATISFACTORY is empty, but REFERENCE_2_RECEIVED is filled in. Fill in all of them, or leave all of them empty.',
    ]);
    expect(file.volunteers).toEqual([]);
    // Every refusal names the volunteer it keeps out.
    expect(file.rowProblems.map((p) => p.volunteer)).toEqual([
      'V1',
      'V2',
      'V3',
      'V4',
      'V4',
      'V5',
      'V5',
      'V6',
    ]);
  });

  it('refuses duplicate rows, two rows for one volunteer and one DBS certificate for two, keeping all of them out', () => {
    const file = read([
      sam('V1'),
      sam('V1'),
      { ...sam('V2'), GIVEN_NAME: 'Samantha' },
      { ...sam('v2'), GIVEN_NAME: 'Sammy' },
      alex('V3'),
      { ...alex('V4'), EMAIL: 'other@example.com' },
      sam('V5'),
    ]);
    expect(refusals(file)).toEqual([
      '3 VOLUNTEER_REF: This row repeats row 2. Delete one of them.',
      '5 VOLUNTEER_REF: Row 4 has the same VOLUNTEER_REF. Each volunteer has one row: give each their own reference.',
      '7 DBS_CERTIFICATE: Row 6 has the same DBS certificate number. Check which volunteer it belongs to.',
    ]);
    expect(file.volunteers.map((v) => v.ref)).toEqual(['V5']);
  });

  it('refuses empty names and references, and a row with the wrong number of values', () => {
    const file = readVolunteerFile({
      name: 'v.csv',
      bytes: new TextEncoder().encode(
        `${volunteersCsv([{ ...sam(''), GIVEN_NAME: '' }])}V9,Sam,Sample,extra,,,,\r\n`,
      ),
    });
    expect(refusals(file)).toEqual([
      '2 VOLUNTEER_REF: VOLUNTEER_REF is empty. Give the service’s own reference for the volunteer, such as VOL-0001.',
      '2 GIVEN_NAME: GIVEN_NAME is empty. Enter the volunteer’s given name.',
      `3 : It has 8 values, but there are ${VOLUNTEER_COLUMNS.length} columns. Check for a comma inside a value that is not in quotes.`,
    ]);
  });
});
