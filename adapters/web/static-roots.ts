import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The files CloudFront serves from S3 in AWS: GOV.UK Frontend's build and the app's own CSS and JS. */
const govuk = join(dirname(dirname(createRequire(import.meta.url).resolve('govuk-frontend'))), 'govuk');
const ours = fileURLToPath(new URL('./static', import.meta.url));

export const STATIC_ROOTS: ReadonlyArray<{ prefix: string; dir: string }> = [
  { prefix: '/assets/', dir: join(govuk, 'assets') },
  { prefix: '/stylesheets/govuk-frontend.min.css', dir: join(govuk, 'govuk-frontend.min.css') },
  { prefix: '/javascripts/govuk-frontend.min.js', dir: join(govuk, 'govuk-frontend.min.js') },
  { prefix: '/stylesheets/', dir: ours },
  { prefix: '/javascripts/', dir: ours },
];
