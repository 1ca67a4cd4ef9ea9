import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TOptions } from 'i18next';
import { datesIn } from '../../../application/dates';
import type { Words } from '../../../application/words';
import type { Language } from '../../../domain/local-authorities';

export type { Language };
export const LANGUAGES: readonly Language[] = ['en', 'cy'];

/**
 * The service's words in English and Welsh (Welsh Language Standards (No. 1) Regulations 2015), one catalogue file
 * per language for a translator to review side by side. Each file has two parts:
 * - `pages`: the web pages' own words, under keys that say where they are (`home.findAChild`);
 * - `terms`: words the application speaks in English (field labels, hints, options, action titles, labels), keyed
 *   by that English text, so the application stays in one language and the pages translate what it says;
 * - `sentences`: the application's sentences with {{placeholders}} (the history's, application/timeline.ts), keyed by
 *   their English in the same way;
 * - `rules`: the sentence of each domain rule a command can break, by the rule's name (docs/domain-rules.md).
 */
export const CATALOGUES = { en: catalogueOf('en'), cy: catalogueOf('cy') } as const;

type Catalogue = typeof import('./en.json', { with: { type: 'json' }});

/*
 * Read from their files rather than bundled: the two catalogues are about 300 KB of JSON, which as code took the web
 * function's bundle past 1 MB (tests/infra/bundle-size.test.ts), and JSON parses faster than code loads. In the Lambda
 * the web function's bundling hook (infra/bundling/copy-web-templates.mjs) puts them beside its index.mjs.
 */
function catalogueOf(language: Language): Catalogue {
  const folder = dirname(fileURLToPath(import.meta.url));
  return JSON.parse(readFileSync(join(folder, `${language}.json`), 'utf8'));
}

const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  resources: Object.fromEntries(
    LANGUAGES.map((language) => [
      language,
      {
        pages: CATALOGUES[language].pages,
        terms: CATALOGUES[language].terms,
        sentences: CATALOGUES[language].sentences,
        rules: CATALOGUES[language].rules,
      },
    ]),
  ),
  lng: 'en',
  // A word missing in Welsh shows in English rather than as a key; tests/unit/web/i18n.test.ts fails on any gap.
  fallbackLng: 'en',
  ns: ['pages', 'terms', 'sentences', 'rules'],
  defaultNS: 'pages',
  // Nunjucks escapes what it prints; escaping here too would print &amp;.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/**
 * The language of the request being answered, set once per request by the web handler (app.ts), so the layout,
 * every view, every page handler and the helpers they call read the same language without it being passed through
 * each function. Outside a request (a script, a test of a helper) it is English.
 */
const current = new AsyncLocalStorage<{ language: Language; path: string }>();

export const inLanguage = <T>(language: Language, path: string, run: () => T): T =>
  current.run({ language, path }, run);

export const language = (): Language => current.getStore()?.language ?? 'en';
/** The path (and query) of the page being answered: where the language toggle comes back to. */
export const currentPath = (): string => current.getStore()?.path ?? '/';

/** A page's own words: `t('home.findAChild')`, with `{{name}}` filled from `values`. */
export const t = (key: string, values?: TOptions): string => i18n.t(key, { ...values, lng: language() });

/**
 * Words the application gives in English (a label, a hint, an option, a title) in the page's language. Text the
 * catalogue does not know (a name, a place) is shown as it is.
 */
export const term = (english: string): string =>
  english
    ? i18n.t(english, {
        ns: 'terms',
        lng: language(),
        keySeparator: false,
        nsSeparator: false,
        defaultValue: english,
      })
    : english;

/** The application's own sentences (given in English with {{placeholders}}) in the page's language. */
export const sentence = (english: string, values?: Record<string, string | number>): string =>
  english
    ? i18n.t(english, {
        ns: 'sentences',
        lng: language(),
        keySeparator: false,
        nsSeparator: false,
        defaultValue: english,
        replace: values,
      })
    : english;

/** The words the application writes its sentences with, in the page's language (application/words.ts). */
const DATES = { en: datesIn('en-GB'), cy: datesIn('cy-GB') };
export const WORDS: Words = {
  get language() {
    return language();
  },
  say: sentence,
  term,
  date: (value) => DATES[language()].longDate(value),
  dateTime: (instant) => DATES[language()].dateTime(instant),
};
