import { MONTHS } from '../../../domain/calendar';
import { CATALOGUES, t, term, WORDS } from './index';

type Sentences = string | Record<string, string>;
const ENGLISH_RULES: Record<string, Sentences> = CATALOGUES.en.rules;

const LONG_DATE = /^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$/;
const CATEGORY_JOINER = '; and ';

/** A value the domain wrote into its English sentence, in the page's language: a date in words, a category. */
export function inPageWords(value: string): string {
  const date = LONG_DATE.exec(value);
  const month = date ? MONTHS.indexOf(date[2]!) : -1;
  if (date && month >= 0)
    return WORDS.date(`${date[3]}-${String(month + 1).padStart(2, '0')}-${date[1]!.padStart(2, '0')}`);
  return value.split(CATEGORY_JOINER).map(term).join('; ');
}

/** The English sentence as a pattern whose {{placeholders}} capture what the domain filled in. */
const patternOf = (english: string) =>
  new RegExp(
    `^${english
      .split(/\{\{(\w+)\}\}/)
      .map((part, i) => (i % 2 ? `(?<${part}>.+?)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
  );

/**
 * A domain rule's refusal in the page's language. The domain says it in English (and the API keeps that); the
 * catalogue has each rule's sentence by its name (`rules`), with a variant where one rule has several sentences.
 * The English catalogue tells which variant the domain used and what it filled in, so the Welsh gets the same
 * values. A sentence the catalogue does not know is shown as the domain wrote it.
 */
export function ruleSentence(rule: string | undefined, message: string): string {
  const sentences = rule ? ENGLISH_RULES[rule] : undefined;
  if (!sentences) return message;
  const variants = typeof sentences === 'string' ? { '': sentences } : sentences;
  for (const [variant, english] of Object.entries(variants)) {
    const match = patternOf(english).exec(message);
    if (!match) continue;
    const values = Object.fromEntries(
      Object.entries(match.groups ?? {}).map(([name, value]) => [name, inPageWords(value)]),
    );
    return t(variant ? `${rule}.${variant}` : rule!, { ns: 'rules', replace: values });
  }
  return message;
}
