import * as z from 'zod';
import type { App } from '../../../application/app';
import {
  ImportChanged,
  previewVolunteerImport,
  runVolunteerImport,
  VOLUNTEER_TEMPLATE,
  type VolunteerImportPreview,
  type VolunteerRefusal,
  volunteerImportBy,
} from '../../../application/import';
import { badRequest, HttpProblem } from '../../http/problem';
import { type Route, route } from '../../http/router';
import { reasonText } from '../../web/i18n/volunteer-import';

const Upload = z.strictObject({
  file: z
    .string()
    .min(1, 'must be the volunteers CSV file, base64-encoded')
    .regex(/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/, 'must be the volunteers CSV file, base64-encoded'),
  filename: z.string().max(200).default('volunteers.csv'),
});
const Confirmed = Upload.extend({
  planDigest: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be the planDigest of the preview you checked')
    .describe('The preview’s planDigest: the import writes only what that preview showed'),
});

const fileOf = (body: z.infer<typeof Upload>) => ({
  name: body.filename,
  bytes: new Uint8Array(Buffer.from(body.file, 'base64')),
});

/** Problems with the file as a whole are bad input: 400, naming the file; nothing is written. */
function refuseBadFile(preview: VolunteerImportPreview) {
  if (preview.fileProblems.length === 0) return;
  throw badRequest(preview.fileProblems.map((p) => ({ name: 'body.file', reason: reasonText(p.reason) })));
}

/** Each refusal and difference with its sentence in English beside its key, for a reader and for a program. */
const worded = <T extends { reason: VolunteerRefusal['reason'] }>(item: T) => ({
  ...item,
  message: reasonText(item.reason),
});
const inWords = (preview: VolunteerImportPreview) => ({
  ...preview,
  refusals: preview.refusals.map(worded),
  notes: preview.notes.map(reasonText),
  volunteers: preview.volunteers.map((v) => ({ ...v, conflicts: v.conflicts.map(worded) })),
});

/** Importing volunteers from the IV service's spreadsheet (CSV). */
export function volunteerImportRoutes(app: App): Route[] {
  return [
    route({
      method: 'POST',
      path: '/api/imports/volunteers/preview',
      summary:
        'Preview an import of your volunteers CSV: what would be recorded, volunteer by volunteer, and every refused row. Writes nothing.',
      tag: 'imports',
      action: 'volunteers:import',
      body: Upload,
      handle: async ({ principal, body }) => {
        const preview = await previewVolunteerImport(app, volunteerImportBy(principal, fileOf(body)));
        refuseBadFile(preview);
        return { body: inWords(preview) };
      },
    }),
    route({
      method: 'POST',
      path: '/api/imports/volunteers',
      summary:
        'Import the volunteers CSV you previewed: writes what the preview showed (its planDigest), as backdated events',
      tag: 'imports',
      action: 'volunteers:import',
      body: Confirmed,
      handle: async ({ principal, body }) => {
        try {
          const result = await runVolunteerImport(app, volunteerImportBy(principal, fileOf(body)), {
            planDigest: body.planDigest,
          });
          refuseBadFile(result.preview);
          return {
            body: { ...result, preview: inWords(result.preview), failed: result.failed.map(worded) },
          };
        } catch (error) {
          if (error instanceof ImportChanged)
            throw new HttpProblem(409, 'The preview is out of date', error.message);
          throw error;
        }
      },
    }),
    route({
      method: 'GET',
      path: '/api/imports/volunteers/template',
      summary: 'The volunteers CSV template: its columns and one made-up volunteer',
      tag: 'imports',
      action: 'volunteers:import',
      handle: async () => ({
        raw: VOLUNTEER_TEMPLATE,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="volunteers-template.csv"',
        },
      }),
    }),
  ];
}
