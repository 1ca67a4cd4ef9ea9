/** Importing children from an LA's case system (the SSDA903 extract) and exporting their IV status back to it; importing volunteers from a spreadsheet. */
export { EXPORT_COLUMNS, type ExportRow, ivStatusExport } from './export';
export { type Reason, reason } from './reasons';
export { importBy } from './request';
export { parseDistricts } from './ssda903/area';
export { DFE_GUIDE } from './ssda903/codes';
export {
  MAX_FILE_BYTES,
  type Refusal,
  TABLE_NAMES,
  type TableName,
  type UploadedFile,
} from './ssda903/files';
export {
  type ChildPreview,
  ImportChanged,
  type ImportDeps,
  type ImportRequest,
  type ImportResult,
  importedChildId,
  type Preview,
  previewImport,
  runImport,
} from './ssda903/import';
export type { Conflict } from './ssda903/plan';
export {
  MAX_VOLUNTEER_FILE_BYTES,
  VOLUNTEER_COLUMNS,
  VOLUNTEER_TEMPLATE,
} from './volunteers/format';
export {
  importedVolunteerId,
  previewVolunteerImport,
  runVolunteerImport,
  type VolunteerImportPreview,
  type VolunteerImportRequest,
  type VolunteerImportResult,
  type VolunteerPreview,
  volunteerImportBy,
} from './volunteers/import';
export type { Conflict as VolunteerConflict, PlannedFact } from './volunteers/plan';
export type { Refusal as VolunteerRefusal } from './volunteers/reasons';
export { inWords } from './words';
