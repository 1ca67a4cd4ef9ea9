import { londonDateOf, longDateOf } from '../domain/calendar';
import { dateTime } from './dates';

/**
 * The words the application writes sentences with, in the reader's language. The application speaks English: each
 * sentence is given as its English text with {{placeholders}}, which is also its key in the web's catalogues
 * (adapters/web/i18n, `sentences`), so a page in Welsh passes Words that look the Welsh up, and so does a document
 * downloaded from it (the audit export, the subject access copy); the API, the command line and the tests read the
 * English.
 */
export interface Words {
  /** The reader's language, as a document's lang attribute gives it ("en", "cy"). */
  readonly language: string;
  /** A sentence or phrase of the application's, with its values filled in. */
  say(english: string, values?: Record<string, string | number>): string;
  /** A label the application gives in English (an outcome, a reason, a course) in the reader's language. */
  term(english: string): string;
  /** "1 December 2026", from a local date or the London day of an instant. */
  date(value: string): string;
  /** "23 Nov 2026, 09:00", an instant in London time. */
  dateTime(instant: string): string;
}

const fill = (text: string, values: Record<string, string | number> = {}) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));

export const ENGLISH_WORDS: Words = {
  language: 'en',
  say: fill,
  term: (english) => english,
  date: (value) => longDateOf(value.length === 10 ? value : londonDateOf(value)),
  dateTime,
};
