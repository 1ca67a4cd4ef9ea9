import { CATALOGUES } from '../../adapters/web/i18n';

type Catalogue = { [key: string]: string | Catalogue };

/** Every string of a catalogue part by its dotted key (`home.findAChild`). */
export function flatten(node: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** A page's words as a person reads them: tags dropped, entities read, space squeezed. */
export const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    // What the page itself marks as English (lang="en" inside a Welsh page) is declared, not missed.
    .replace(/<(?!html)(\w+)\s[^>]*\blang="en"[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

/**
 * The English the catalogue has a different Welsh for, as pieces a Welsh page must not show: each string's fixed
 * words between its {{placeholders}}, where a piece is long enough to mean something (two words or more).
 */
const englishOnly = (() => {
  const all = (c: (typeof CATALOGUES)['en' | 'cy']) =>
    new Map([
      ...flatten(c.pages),
      ...Object.entries(c.terms),
      ...Object.entries(c.sentences),
      ...[...flatten(c.rules)].map(([rule, text]) => [`rules.${rule}`, text] as const),
    ]);
  const en = all(CATALOGUES.en);
  const cy = all(CATALOGUES.cy);
  const pieces = new Set<string>();
  for (const [key, english] of en) {
    if (cy.get(key) === english) continue;
    // Words have letters: punctuation such as `: “` between two placeholders is the same in both languages.
    for (const piece of english.split(/\{\{\w+\}\}/))
      if (
        piece
          .trim()
          .split(/\s+/)
          .filter((word) => /\p{L}/u.test(word)).length >= 2
      )
        pieces.add(piece.trim());
  }
  return [...pieces];
})();

const KEYS = [...flatten(CATALOGUES.en.pages).keys()].map((key) => key.replace(/_(one|other)$/, ''));
/** A key shown raw that the catalogue does not have at all: a section's name, a dot, then more of a key. */
const UNKNOWN_KEY = new RegExp(`\\b(${Object.keys(CATALOGUES.en.pages).join('|')})\\.[a-zA-Z][\\w.]*`);

/** What on a page rendered in Welsh is a catalogue key shown raw, or English that has a Welsh translation. */
export function untranslated(html: string): string[] {
  const lines = textOf(html);
  const found: string[] = [];
  for (const line of lines) {
    for (const key of KEYS) if (line.includes(key)) found.push(`raw key ${key}: "${line}"`);
    const unknown = UNKNOWN_KEY.exec(line);
    if (unknown) found.push(`raw key ${unknown[0]}: "${line}"`);
    for (const piece of englishOnly) if (line.includes(piece)) found.push(`English "${piece}": "${line}"`);
  }
  return found;
}
