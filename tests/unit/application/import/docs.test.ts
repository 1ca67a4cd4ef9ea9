import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, VOLUNTEER_COLUMNS } from '../../../../application/import';
import {
  DFE_GUIDE,
  ETHNIC,
  LS,
  PLACE,
  REC,
  REVIEW_CODE,
  RNE,
  SEX,
} from '../../../../application/import/ssda903/codes';
import { TABLES } from '../../../../application/import/ssda903/files';

const doc = readFileSync(new URL('../../../../docs/importing.md', import.meta.url), 'utf8');

describe('docs/importing.md', () => {
  it('lists every DfE code the import reads, under its list, with the year of the guide', () => {
    expect(doc).toContain(DFE_GUIDE.title);
    const lists = { SEX, ETHNIC, LS, RNE, PLACE, REC, REVIEW_CODE };
    for (const [list, codes] of Object.entries(lists)) {
      const section = doc.split(`### ${list}\n`)[1]?.split('\n### ')[0] ?? '';
      for (const code of Object.keys(codes)) expect(section, `${list} ${code}`).toContain(`| ${code} |`);
    }
  });

  it('names every column of the three files and of the export', () => {
    for (const { columns } of Object.values(TABLES))
      for (const c of columns) expect(doc).toContain(`\`${c}\``);
    for (const c of EXPORT_COLUMNS) expect(doc).toContain(`\`${c}\``);
  });

  it('names every column of the volunteers file', () => {
    const section = doc.split('## Volunteers from a spreadsheet\n')[1]?.split('\n## ')[0] ?? '';
    for (const c of VOLUNTEER_COLUMNS) expect(section, c).toContain(`\`${c}\``);
  });
});
