import { notFound } from '../../http/problem';
import { languageCookie, parseLanguage } from '../i18n/choice';
import type { Page } from '../pages';

/** A path on this site only ("/children/1?x"), never another site ("//elsewhere", "https://…"). */
const localPath = (to: string | null) => (to && /^\/(?![/\\])/.test(to) ? to : '/');

/** The language toggle's link: remembers the choice and goes back to the page it was chosen on. */
export const languagePages = (): Page[] => [
  {
    method: 'GET',
    path: '/language/{language}',
    action: 'public',
    handle: async ({ params, query }) => {
      const language = parseLanguage(params.language);
      if (!language) throw notFound('Page not found.');
      return { redirect: localPath(query.get('to')), cookies: [languageCookie(language)] };
    },
  },
];
