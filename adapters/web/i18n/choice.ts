import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { jurisdictionOfLa } from '../../../events/contracts/common';
import { cookieValue } from '../../http/session';
import type { Language } from './index';

export const LANGUAGE_COOKIE = 'iv_lang';
const A_YEAR_S = 365 * 24 * 60 * 60;

const isLanguage = (value: string | undefined): value is Language => value === 'en' || value === 'cy';

/**
 * The language a page is answered in: the one the person chose with the toggle (remembered in a cookie), otherwise
 * the language of their LA's country: Welsh for a Welsh council (Welsh Language Standards), English elsewhere.
 */
export function languageOf(event: APIGatewayProxyEventV2, la: string | undefined): Language {
  const chosen = cookieValue(event, LANGUAGE_COOKIE);
  if (isLanguage(chosen)) return chosen;
  return la && la !== 'national' && jurisdictionOfLa(la) === 'wales' ? 'cy' : 'en';
}

export const parseLanguage = (value: string | undefined): Language | undefined =>
  isLanguage(value) ? value : undefined;

/** Not a secret, so readable by nothing but the server all the same; a year, as GOV.UK keeps cookie choices. */
export const languageCookie = (language: Language) =>
  `${LANGUAGE_COOKIE}=${language}; Path=/; Max-Age=${A_YEAR_S}; HttpOnly; SameSite=Lax`;
