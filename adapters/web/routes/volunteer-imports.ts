import type { Principal } from '../../../application/access';
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
import { UPLOAD_LIMIT_BYTES } from '../../http/body';
import { type Part, parseMultipart, textFields } from '../../http/multipart';
import { longDate } from '../dates';
import { t } from '../i18n';
import { factsText, reasonText, whereText } from '../i18n/volunteer-import';
import type { Page, PageResult } from '../pages';

/*
 * The volunteer import's pages: upload the spreadsheet (the template is offered here), check the preview (the GOV.UK
 * error summary lists every refused row), then confirm. Nothing is recorded before the confirmation, which sends
 * back the same file (in the preview's form) and the preview's digest, so it records exactly what was checked.
 */

const FIELD = 'volunteers';
/** At most this many refused rows in the error summary; every one is in the table below it. */
const SUMMARISED = 25;
const OUTCOME_TAG = { new: 'green', additions: 'blue', unchanged: 'grey', refused: 'red' } as const;

type Errors = Array<{ text: string; href?: string }>;

const uploadPage = (errors: Errors = [], status = 200): PageResult => ({
  view: 'pages/volunteer-import-upload.njk',
  status,
  context: {
    title: t('volunteerImport.upload.title'),
    errors,
    fileError: errors[0]?.text,
  },
});

const fileProblemsPage = (problems: readonly VolunteerRefusal[]) =>
  uploadPage(
    problems.map((p) => ({ text: reasonText(p.reason), href: `#${FIELD}` })),
    400,
  );

function previewPage(preview: VolunteerImportPreview, bytes: Uint8Array): PageResult {
  const refusals = preview.refusals.map((r, i) => ({
    id: `refusal-${i + 1}`,
    where: whereText(r),
    text: reasonText(r.reason),
    volunteer: r.volunteer ?? '',
  }));
  const errors: Errors = refusals
    .slice(0, SUMMARISED)
    .map((r) => ({ text: `${r.where}: ${r.text}`, href: `#${r.id}` }));
  if (refusals.length > SUMMARISED)
    errors.push({
      text: t('volunteerImport.preview.andMore', { count: refusals.length - SUMMARISED }),
      href: '#refusals',
    });
  const totals = preview.totals;
  const toWrite = totals.new + totals.additions;
  // The confirmation sends the file back base64-encoded (a third larger): it too must fit the upload limit.
  const confirmBytes = Math.ceil(bytes.length / 3) * 4 + 64 * 1024;
  const summaryRow = (key: string, text: string) => ({ key: { text: key }, value: { text } });
  return {
    view: 'pages/volunteer-import-preview.njk',
    context: {
      title: t('volunteerImport.preview.title'),
      errors,
      errorTitle: t('volunteerImport.preview.problemWith', { count: refusals.length }),
      toWrite,
      confirmText: t('volunteerImport.preview.confirm', { count: toWrite }),
      tooLargeToConfirm: confirmBytes > UPLOAD_LIMIT_BYTES,
      summaryRows: [
        summaryRow(
          t('volunteerImport.preview.file'),
          t('volunteerImport.preview.fileRows', { name: preview.file.name, count: preview.file.rows }),
        ),
        summaryRow(t('volunteerImport.preview.sha256'), preview.sha256),
        ...(['volunteers', 'new', 'additions', 'unchanged', 'refused', 'facts', 'conflicts'] as const).map(
          (key) => summaryRow(t(`volunteerImport.preview.totals.${key}`), String(totals[key])),
        ),
      ],
      notes: preview.notes.map(reasonText),
      refusals,
      conflicts: preview.volunteers.flatMap((v) =>
        v.conflicts.map((c) => [
          { text: v.name ? `${v.name} (${v.ref})` : v.ref },
          { text: reasonText(c.reason) },
          { text: c.source ? whereText(c.source) : '' },
        ]),
      ),
      volunteers: preview.volunteers.map((v) => [
        { text: v.name ? `${v.name} (${v.ref})` : v.ref },
        { text: factsText(v) },
        {
          html: `<strong class="govuk-tag govuk-tag--${OUTCOME_TAG[v.outcome]}">${t(`volunteerImport.preview.outcomes.${v.outcome}`)}</strong>`,
        },
      ]),
      hidden: [
        { name: FIELD, value: Buffer.from(bytes).toString('base64') },
        { name: 'filename', value: preview.file.name },
        { name: 'planDigest', value: preview.planDigest },
      ],
    },
  };
}

/** The file the form sent: as a file (the upload) or base64 (the confirmation). */
function fileOf(parts: readonly Part[], encoded: boolean) {
  const part = parts.find((p) => p.name === FIELD);
  const bytes = part && (encoded ? Buffer.from(part.data.toString('utf8'), 'base64') : part.data);
  if (!part || !bytes || bytes.length === 0) return undefined;
  const name = (encoded ? textFields(parts).filename : part.filename) || 'volunteers.csv';
  return { name, bytes: new Uint8Array(bytes) };
}

const unreadable = () => uploadPage([{ text: t('volunteerImport.upload.unreadableForm') }], 400);

export function volunteerImportPages(app: App): Page[] {
  const read = (principal: Principal, parts: Part[], encoded: boolean) => {
    const file = fileOf(parts, encoded);
    return file && { file, request: volunteerImportBy(principal, file) };
  };
  return [
    {
      method: 'GET',
      path: '/imports/volunteers',
      action: 'volunteers:import',
      handle: async () => uploadPage(),
    },
    {
      method: 'GET',
      path: '/imports/volunteers/template.csv',
      action: 'volunteers:import',
      handle: async () => ({
        download: {
          body: VOLUNTEER_TEMPLATE,
          contentType: 'text/csv; charset=utf-8',
          filename: 'volunteers-template.csv',
        },
      }),
    },
    {
      method: 'POST',
      path: '/imports/volunteers/preview',
      action: 'volunteers:import',
      handle: async ({ principal, event }) => {
        const parts = parseMultipart(event);
        if (!parts) return unreadable();
        const sent = read(principal, parts, false);
        if (!sent)
          return uploadPage([{ text: t('volunteerImport.upload.chooseFile'), href: `#${FIELD}` }], 400);
        const preview = await previewVolunteerImport(app, sent.request);
        if (preview.fileProblems.length > 0) return fileProblemsPage(preview.fileProblems);
        return previewPage(preview, sent.file.bytes);
      },
    },
    {
      method: 'POST',
      path: '/imports/volunteers',
      action: 'volunteers:import',
      handle: async ({ principal, event }) => {
        const parts = parseMultipart(event);
        const sent = parts && read(principal, parts, true);
        if (!parts || !sent) return unreadable();
        try {
          const result = await runVolunteerImport(app, sent.request, {
            planDigest: textFields(parts).planDigest ?? '',
          });
          if (result.preview.fileProblems.length > 0) return fileProblemsPage(result.preview.fileProblems);
          const { written, preview } = result;
          return {
            view: 'pages/volunteer-import-result.njk',
            context: {
              title: t('volunteerImport.result.title'),
              writtenText: t('volunteerImport.result.written', { count: written.volunteers }),
              factsText: t('volunteerImport.result.facts', {
                count: written.events,
                on: longDate(app.now().toISOString()),
                sha: `${preview.sha256.slice(0, 12)}…`,
              }),
              refused: preview.totals.refused,
              refusedText: t('volunteerImport.result.refused', { count: preview.totals.refused }),
              conflicts: preview.totals.conflicts,
              conflictsText: t('volunteerImport.result.conflicts', { count: preview.totals.conflicts }),
              failed: result.failed.map((f) => [{ text: f.ref }, { text: reasonText(f.reason) }]),
            },
          };
        } catch (error) {
          if (!(error instanceof ImportChanged)) throw error;
          const page = previewPage(await previewVolunteerImport(app, sent.request), sent.file.bytes);
          return 'view' in page
            ? {
                ...page,
                status: 409,
                context: { ...page.context, changed: t('volunteerImport.preview.changed') },
              }
            : page;
        }
      },
    },
  ];
}
