import type { Reason } from '../../../application/import';
import { longDate } from '../dates';
import { CATALOGUES, t, term } from './index';
import { ruleSentence } from './rules';

/** What both imports say about a CSV file or a date (`importFiles.*`): how the file is saved, how a date is written. */
const SHARED = new Set(Object.keys(CATALOGUES.en.pages.importFiles));

/**
 * An import's reason (application/import/reasons.ts) in the language of the page, from the import's own part of the
 * catalogue (`section.<key>`) or the part both imports share; outside a request, in English, as the API and the
 * command line give it. Dates are worded as the page words them, terms by the catalogue of terms, and a domain
 * rule's refusal by its rule's name.
 */
export function reasonIn(
  section: string,
  reason: Reason,
  words: Record<string, (value: string) => string> = {},
) {
  const values: Record<string, string | number> = { ...reason.values };
  for (const [name, word] of Object.entries(words))
    if (typeof values[name] === 'string') values[name] = word(values[name]);
  if (typeof values.message === 'string')
    values.message = ruleSentence(values.rule as string | undefined, values.message);
  for (const [name, date] of Object.entries(reason.dates ?? {})) values[name] = longDate(date);
  for (const [name, english] of Object.entries(reason.terms ?? {})) values[name] = term(english);
  const key = SHARED.has(reason.key.split('.')[0]!)
    ? `importFiles.${reason.key}`
    : `${section}.${reason.key}`;
  return t(key, values);
}
