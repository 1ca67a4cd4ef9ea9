/** Importing children from an LA's case system (the SSDA903 extract) and exporting their IV status back to it. */
export { EXPORT_COLUMNS, type ExportRow, ivStatusExport } from './export';
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
  summaryOf,
} from './ssda903/import';
export { inWords } from './words';
