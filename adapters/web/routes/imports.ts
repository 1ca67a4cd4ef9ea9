import type { Principal } from '../../../application/access';
import type { App } from '../../../application/app';
import {
  type ChildPreview,
  ImportChanged,
  importBy,
  ivStatusExport,
  type Preview,
  parseDistricts,
  previewImport,
  type Refusal,
  runImport,
  TABLE_NAMES,
  type TableName,
  type UploadedFile,
} from '../../../application/import';
import { UPLOAD_LIMIT_BYTES } from '../../http/body';
import { type Part, parseMultipart, textFields } from '../../http/multipart';
import { longDate } from '../dates';
import { t } from '../i18n';
import { reasonText, summaryOf } from '../i18n/ssda903-import';
import type { Page, PageResult } from '../pages';

/*
 * The import pages: upload the SSDA903 extract, check the preview (the GOV.UK error summary lists every refused
 * row), then confirm. Nothing is recorded before the confirmation; the confirmation sends back the same files (in
 * the preview page's form) and the preview's digest, so it records exactly what the person checked.
 */

const FIELD: Record<TableName, string> = { Header: 'header', Episodes: 'episodes', Reviews: 'reviews' };
const COLUMNS: Record<TableName, string> = {
  Header: 'CHILD, SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB',
  Episodes:
    'CHILD, DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN',
  Reviews: 'CHILD, DOB, REVIEW, REVIEW_CODE',
};
/** At most this many refused rows in the error summary; every one is in the table below it. */
const SUMMARISED = 25;

type Errors = Array<{ text: string; href?: string }>;
const i = (key: string, values?: Record<string, unknown>) => t(`imports.${key}`, values);

const uploadPage = (
  extra: { errors?: Errors; fieldErrors?: Record<string, string>; districts?: string } = {},
  status = 200,
): PageResult => ({
  view: 'pages/import-upload.njk',
  status,
  context: {
    title: i('title'),
    files: TABLE_NAMES.map((table) => ({ table, field: FIELD[table], columns: COLUMNS[table] })),
    errors: extra.errors ?? [],
    fieldErrors: extra.fieldErrors ?? {},
    districts: extra.districts ?? '',
  },
});

const where = (r: Pick<Refusal, 'file' | 'row' | 'field'>) =>
  [r.file, r.row !== undefined ? i('row', { row: r.row }) : undefined, r.field].filter(Boolean).join(', ');

const OUTCOME: Record<ChildPreview['outcome'], { key: string; classes: string }> = {
  new: { key: 'new', classes: 'govuk-tag--green' },
  additions: { key: 'newFacts', classes: 'govuk-tag--blue' },
  unchanged: { key: 'nothingNew', classes: 'govuk-tag--grey' },
  refused: { key: 'notImported', classes: 'govuk-tag--red' },
};

function previewPage(preview: Preview, sent: { files: UploadedFile[]; districts: string }): PageResult {
  const refusals = preview.refusals.map((r, i) => ({
    ...r,
    id: `refusal-${i + 1}`,
    where: where(r),
    message: reasonText(r.reason),
  }));
  const errors: Errors = refusals
    .slice(0, SUMMARISED)
    .map((r) => ({ text: `${r.where}: ${r.message}`, href: `#${r.id}` }));
  if (refusals.length > SUMMARISED)
    errors.push({
      text: i('moreRows', { n: refusals.length - SUMMARISED }),
      href: '#refusals',
    });
  const toWrite = preview.totals.new + preview.totals.additions;
  // The confirmation sends the files back base64-encoded (a third larger): it too must fit the upload limit.
  const confirmBytes = sent.files.reduce((n, f) => n + Math.ceil(f.bytes.length / 3) * 4, 0) + 64 * 1024;
  const conflicts = preview.children.flatMap((c) =>
    c.conflicts.map((conflict) => [
      { text: c.child },
      { text: reasonText(conflict.reason) },
      { text: conflict.source ? where(conflict.source) : '' },
    ]),
  );
  return {
    view: 'pages/import-preview.njk',
    context: {
      title: i('previewTitle'),
      errors,
      errorDescription: i('errorDescription'),
      totals: preview.totals,
      toWrite,
      tooLargeToConfirm: confirmBytes > UPLOAD_LIMIT_BYTES,
      summaryRows: [
        ...preview.files.map((f) => ({
          key: { text: i('file', { table: f.table ?? '' }) },
          value: {
            text: `${i('rows', { name: f.name, rows: f.rows })}${f.encoding === 'windows-1252' ? i('windows1252') : ''}`,
          },
        })),
        { key: { text: i('extract') }, value: { text: preview.sha256 } },
        ...(
          [
            ['childrenInExtract', preview.totals.children],
            ['newChildren', preview.totals.new],
            ['somethingNew', preview.totals.additions],
            ['nothingNewChildren', preview.totals.unchanged],
            ['notImportedChildren', preview.totals.refused],
            ['factsToRecord', preview.totals.facts],
            ['differences', preview.totals.conflicts],
          ] as const
        ).map(([key, n]) => ({ key: { text: i(key) }, value: { text: String(n) } })),
      ],
      notes: preview.notes.map(reasonText),
      refusals: refusals.map((r) => ({
        id: r.id,
        cells: [{ text: r.child ?? '' }, { text: r.where }, { text: r.message }],
      })),
      conflicts,
      children: preview.children.map((c) => [
        { text: c.child },
        { text: summaryOf(c) },
        {
          html: `<strong class="govuk-tag ${OUTCOME[c.outcome].classes}">${i(OUTCOME[c.outcome].key)}</strong>`,
        },
      ]),
      hidden: [
        ...sent.files.map((f) => ({ name: FIELD[f.table!], value: Buffer.from(f.bytes).toString('base64') })),
        { name: 'districts', value: sent.districts },
        { name: 'planDigest', value: preview.planDigest },
      ],
    },
  };
}

/** The extract the form sent: as files (the upload) or as base64 fields (the confirmation). */
function filesOf(
  parts: readonly Part[],
  encoded: boolean,
): { files: UploadedFile[]; fieldErrors: Record<string, string> } {
  const files: UploadedFile[] = [];
  const fieldErrors: Record<string, string> = {};
  for (const table of TABLE_NAMES) {
    const part = parts.find((p) => p.name === FIELD[table]);
    const bytes = part && (encoded ? Buffer.from(part.data.toString('utf8'), 'base64') : part.data);
    if (!part || !bytes || bytes.length === 0) fieldErrors[FIELD[table]!] = i('chooseFile', { table });
    else files.push({ name: part.filename || `${FIELD[table]}.csv`, table, bytes });
  }
  return { files, fieldErrors };
}

/** The districts field, or the error that says how to put it right. */
function districtsOf(text: string) {
  const { districts, invalid } = parseDistricts(text);
  return invalid.length > 0
    ? {
        districts,
        error: i('notADistrict', { districts: invalid.join(', ') }),
      }
    : { districts };
}

const unreadable = (): PageResult => uploadPage({ errors: [{ text: i('unreadable') }] }, 400);

export function importPages(app: App): Page[] {
  const read = (principal: Principal, parts: Part[], encoded: boolean) => {
    const fields = textFields(parts);
    const { files, fieldErrors } = filesOf(parts, encoded);
    const districts = districtsOf(fields.districts ?? '');
    if (districts.error) fieldErrors.districts = districts.error;
    return { fields, files, fieldErrors, request: importBy(principal, files, districts.districts) };
  };
  const fieldErrorPage = (
    fieldErrors: Record<string, string>,
    districts: string,
    problems: Refusal[] = [],
  ) => {
    const errors: Errors = [
      ...Object.entries(fieldErrors).map(([field, text]) => ({ text, href: `#${field}` })),
      ...problems.map((p) => ({
        text: reasonText(p.reason),
        href: `#${FIELD[p.file as TableName] ?? 'header'}`,
      })),
    ];
    const byField = { ...fieldErrors };
    for (const p of problems) byField[FIELD[p.file as TableName] ?? 'header'] ??= reasonText(p.reason);
    return uploadPage({ errors, fieldErrors: byField, districts }, 400);
  };

  return [
    {
      method: 'GET',
      path: '/imports/ssda903',
      action: 'children:import',
      handle: async () => uploadPage(),
    },
    {
      method: 'POST',
      path: '/imports/ssda903/preview',
      action: 'children:import',
      handle: async ({ principal, event }) => {
        const parts = parseMultipart(event);
        if (!parts) return unreadable();
        const { fields, files, fieldErrors, request } = read(principal, parts, false);
        if (Object.keys(fieldErrors).length > 0) return fieldErrorPage(fieldErrors, fields.districts ?? '');
        const preview = await previewImport(app, request);
        if (preview.fileProblems.length > 0)
          return fieldErrorPage({}, fields.districts ?? '', preview.fileProblems);
        return previewPage(preview, { files, districts: fields.districts ?? '' });
      },
    },
    {
      method: 'POST',
      path: '/imports/ssda903',
      action: 'children:import',
      handle: async ({ principal, event }) => {
        const parts = parseMultipart(event);
        if (!parts) return unreadable();
        const { fields, files, fieldErrors, request } = read(principal, parts, true);
        if (Object.keys(fieldErrors).length > 0) return unreadable();
        try {
          const result = await runImport(app, request, { planDigest: fields.planDigest ?? '' });
          if (result.preview.fileProblems.length > 0)
            return fieldErrorPage({}, fields.districts ?? '', result.preview.fileProblems);
          return {
            view: 'pages/import-result.njk',
            context: {
              title: i('complete'),
              written: result.written,
              conflicts: result.preview.totals.conflicts,
              refused: result.preview.totals.refused,
              failed: result.failed.map((f) => [{ text: f.child }, { text: reasonText(f.reason) }]),
              sha256: result.preview.sha256,
              on: longDate(app.now().toISOString()),
            },
          };
        } catch (error) {
          if (!(error instanceof ImportChanged)) throw error;
          const preview = await previewImport(app, request);
          const page = previewPage(preview, { files, districts: fields.districts ?? '' });
          return 'view' in page
            ? { ...page, status: 409, context: { ...page.context, changed: i('changed') } }
            : page;
        }
      },
    },
    {
      method: 'GET',
      path: '/imports/ssda903/iv-status.csv',
      action: 'children:import',
      handle: async ({ principal }) => ({
        download: {
          body: (await ivStatusExport(app, principal.la)).csv,
          contentType: 'text/csv; charset=utf-8',
          filename: `iv-status-${principal.la}.csv`,
        },
      }),
    },
  ];
}
