import { datesIn } from '../../application/dates';
import { language } from './i18n';

/** The pages use the application's date formats, in the page's language: one place for how staff read dates. */
const FORMATS = { en: datesIn('en-GB'), cy: datesIn('cy-GB') };

export const longDate = (value: string) => FORMATS[language()].longDate(value);
export const shortDate = (value: string) => FORMATS[language()].shortDate(value);
export const dateTime = (instant: string | Date) => FORMATS[language()].dateTime(instant);
export const timestamp = (instant: string | Date) => FORMATS[language()].timestamp(instant);
