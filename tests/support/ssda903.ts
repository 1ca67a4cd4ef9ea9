import type { Principal } from '../../application/access';
import type { TableName, UploadedFile } from '../../application/import';

/*
 * Made-up SSDA903 files for tests. CHILD ids carry a prefix of the test's own, so tests that import into the same
 * local authority never meet each other's children.
 */

export const HEADER_COLUMNS = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB';
export const EPISODE_COLUMNS =
  'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN';
export const REVIEW_COLUMNS = 'CHILD,DOB,REVIEW,REVIEW_CODE';

export type ExtractLines = Record<TableName, string[]>;

/**
 * Two children: `<p>1001` entered care on 1 March 2024 placed in area, moved out of area on 10 June 2024 and went
 * home on 20 January 2025; `<p>1002` entered care on 5 September 2025 (no postcode given) and is looked after.
 */
export const twoChildren = (p: string): ExtractLines => ({
  Header: [HEADER_COLUMNS, `${p}1001,F,14/03/2012,WBRI,,,`, `${p}1002,M,02/11/2015,BAFR,,,`],
  Episodes: [
    EPISODE_COLUMNS,
    `${p}1001,01/03/2024,S,C2,N1,U4,PR1,10/06/2024,X1,,,NV1 2AB,`,
    `${p}1001,10/06/2024,P,C2,N1,U6,PR4,20/01/2025,E4A,CARPL,,QZ9 9ZZ,`,
    `${p}1002,05/09/2025,S,V2,N4,U4,PR1,,,,,,`,
  ],
  Reviews: [
    REVIEW_COLUMNS,
    `${p}1001,14/03/2012,28/03/2024,PN1`,
    `${p}1001,14/03/2012,27/06/2024,PN3`,
    `${p}1002,02/11/2015,02/10/2025,PN1`,
  ],
});

export const DISTRICTS = new Set(['NV1', 'NV2']);

export const csvText = (lines: readonly string[]) => `${lines.join('\r\n')}\r\n`;

export const uploads = (extract: Record<TableName, string | string[]>): UploadedFile[] =>
  (Object.entries(extract) as Array<[TableName, string | string[]]>).map(([table, text]) => ({
    name: `${table.toLowerCase()}.csv`,
    table,
    bytes: new TextEncoder().encode(Array.isArray(text) ? csvText(text) : text),
  }));

/** A local authority of its own for one test: no other test's children in its records or its export. */
export const newLa = (): string => `E99${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;

export const coordinatorOf = (la: string): Principal => ({
  id: `coordinator-${la}`,
  name: 'Test Coordinator',
  role: 'coordinator',
  la,
});

/** A prefix for CHILD ids no other test uses. */
export const uniquePrefix = (): string => `T${Math.random().toString(36).slice(2, 8).toUpperCase()}-`;
