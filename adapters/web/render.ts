import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { dateTime, longDate } from './dates';
import { currentPath, language, t, term } from './i18n';

/**
 * Where the templates are: beside this file in the source tree by default; in AWS the web function's entry point
 * sets the folders they were copied to beside the bundle.
 */
let paths = {
  views: fileURLToPath(new URL('./views', import.meta.url)),
  govukFrontend: dirname(dirname(createRequire(import.meta.url).resolve('govuk-frontend'))),
};
let environment: nunjucks.Environment | undefined;

export function setTemplatePaths(next: { views: string; govukFrontend: string }): void {
  paths = next;
  environment = undefined;
}

function templates(): nunjucks.Environment {
  if (environment) return environment;
  environment = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([paths.views, paths.govukFrontend], { noCache: false }),
    { autoescape: true, throwOnUndefined: false },
  );
  environment.addFilter('day', (value: string | undefined) => (value ? longDate(value) : ''));
  environment.addFilter('dateTime', (value: string | undefined) => (value ? dateTime(value) : ''));
  environment.addFilter('humanise', (value: string | undefined) =>
    value
      ? value
          .replace(/([a-z])([A-Z])/g, '$1 $2')
          .replace(/-/g, ' ')
          .replace(/^./, (c) => c.toUpperCase())
      : '',
  );
  // The page's words (`t('layout.signOut')`) and the application's (`field.label | term`), in every view and macro.
  environment.addGlobal('t', t);
  environment.addFilter('term', (value: string | undefined) => (value ? term(value) : ''));
  return environment;
}

/** The GOV.UK language toggle's two links, each back to this page in the other language. */
const languageToggle = () => {
  const to = encodeURIComponent(currentPath());
  return [
    {
      language: 'en',
      text: 'English',
      switchText: 'Change the language to English',
      href: `/language/en?to=${to}`,
    },
    {
      language: 'cy',
      text: 'Cymraeg',
      switchText: 'Newid yr iaith i’r Gymraeg',
      href: `/language/cy?to=${to}`,
    },
  ].map((item) => ({ ...item, current: item.language === language() }));
};

export function render(view: string, context: Record<string, unknown>): string {
  return templates().render(view, { htmlLang: language(), languageToggle: languageToggle(), ...context });
}
