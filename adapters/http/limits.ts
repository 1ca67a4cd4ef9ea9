/**
 * How large a request body may be. Ordinary forms and API calls are small; an SSDA903 extract is uploaded to a few
 * routes only, up to what a Lambda behind API Gateway can take (a 6 MB event, in which a file upload arrives
 * base64-encoded). The command line import takes larger files.
 */
export const BODY_LIMIT_BYTES = 1_000_000;
export const UPLOAD_LIMIT_BYTES = 4 * 1024 * 1024;

export const UPLOAD_PATHS: ReadonlySet<string> = new Set([
  '/imports/ssda903/preview',
  '/imports/ssda903',
  '/api/imports/ssda903/preview',
  '/api/imports/ssda903',
]);

export const bodyLimitFor = (method: string, path: string): number =>
  method === 'POST' && UPLOAD_PATHS.has(path) ? UPLOAD_LIMIT_BYTES : BODY_LIMIT_BYTES;

/** What a person is told when what they sent is too large (HTTP 413). */
export const tooLarge = (limit: number) => ({
  title: 'The files are too large',
  detail:
    limit === UPLOAD_LIMIT_BYTES
      ? 'Files sent here can be 4 MB in all. For a larger extract, use the command line: npm run import -- ssda903 <folder> --la <code>.'
      : `A request can be at most ${Math.round(limit / 1000)} kB.`,
});
