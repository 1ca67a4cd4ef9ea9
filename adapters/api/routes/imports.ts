import * as z from 'zod';
import type { App } from '../../../application/app';
import {
  ImportChanged,
  importBy,
  ivStatusExport,
  type Preview,
  parseDistricts,
  previewImport,
  runImport,
  type TableName,
  type UploadedFile,
} from '../../../application/import';
import { badRequest, HttpProblem } from '../../http/problem';
import { type Route, route } from '../../http/router';
import { previewInWords, reasonText, resultInWords } from '../../web/i18n/ssda903-import';

const File = z
  .string()
  .min(1, 'must be the file, base64-encoded')
  .regex(/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/, 'must be the file, base64-encoded');
const Extract = z.strictObject({
  files: z.strictObject({ header: File, episodes: File, reviews: File }),
  districts: z
    .array(z.string().max(8))
    .max(1000)
    .default([])
    .describe(
      'The postcode districts of your area (such as LS6); without them, in or out of area is not known',
    ),
});
const Confirmed = Extract.extend({
  planDigest: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be the planDigest of the preview you checked')
    .describe('The preview’s planDigest: the import writes only what that preview showed'),
});

const TABLES: Record<keyof z.infer<typeof Extract>['files'], TableName> = {
  header: 'Header',
  episodes: 'Episodes',
  reviews: 'Reviews',
};

/** The request's files and districts, or a 400 naming each that is wrong. */
function requestOf(body: z.infer<typeof Extract>) {
  const files: UploadedFile[] = Object.entries(body.files).map(([key, base64]) => ({
    name: `${key}.csv`,
    table: TABLES[key as keyof typeof TABLES],
    bytes: Buffer.from(base64, 'base64'),
  }));
  const { districts, invalid } = parseDistricts(body.districts.join(' '));
  if (invalid.length > 0)
    throw badRequest([
      {
        name: 'body.districts',
        reason: `${invalid.join(', ')}: each must be a postcode district, such as LS6`,
      },
    ]);
  return { files, districts };
}

/** Problems with the files as a whole are bad input: 400, naming each file; nothing is written. */
function refuseBadFiles(preview: Preview) {
  if (preview.fileProblems.length === 0) return;
  throw badRequest(
    preview.fileProblems.map((p) => ({
      name: `body.files.${p.file.toLowerCase()}`,
      reason: reasonText(p.reason),
    })),
  );
}

/** Importing children from the LA's case system (SSDA903) and their IV status back out to it. */
export function importRoutes(app: App): Route[] {
  return [
    route({
      method: 'POST',
      path: '/api/imports/ssda903/preview',
      summary:
        'Preview an import of your SSDA903 extract: what would be recorded, child by child, and every refused row. Writes nothing.',
      tag: 'imports',
      action: 'children:import',
      body: Extract,
      handle: async ({ principal, body }) => {
        const { files, districts } = requestOf(body);
        const preview = await previewImport(app, importBy(principal, files, districts));
        refuseBadFiles(preview);
        return { body: previewInWords(preview) };
      },
    }),
    route({
      method: 'POST',
      path: '/api/imports/ssda903',
      summary:
        'Import the SSDA903 extract you previewed: writes what the preview showed (its planDigest), as backdated events',
      tag: 'imports',
      action: 'children:import',
      body: Confirmed,
      handle: async ({ principal, body }) => {
        const { files, districts } = requestOf(body);
        try {
          const result = await runImport(app, importBy(principal, files, districts), {
            planDigest: body.planDigest,
          });
          refuseBadFiles(result.preview);
          return { body: resultInWords(result) };
        } catch (error) {
          if (error instanceof ImportChanged)
            throw new HttpProblem(409, 'The preview is out of date', error.message);
          throw error;
        }
      },
    }),
    route({
      method: 'GET',
      path: '/api/imports/ssda903/iv-status',
      summary:
        'Each imported child’s Independent Visitor status, keyed by your case system’s id (CHILD), as CSV or JSON',
      tag: 'imports',
      action: 'children:import',
      query: z.object({ format: z.enum(['csv', 'json']).default('csv') }),
      handle: async ({ principal, query }) => {
        const exported = await ivStatusExport(app, principal.la);
        return query.format === 'json'
          ? { body: exported.rows }
          : {
              raw: exported.csv,
              headers: {
                'content-type': 'text/csv; charset=utf-8',
                'content-disposition': `attachment; filename="iv-status-${principal.la}.csv"`,
              },
            };
      },
    }),
  ];
}
