import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mayDo, type Principal } from '../../application/access';
import type { App } from '../../application/app';
import { type AuthConfig, principalOf } from '../http/session';
import { inLanguage, t } from './i18n';
import { languageOf } from './i18n/choice';
import { laNameOf } from './i18n/la-name';
import { createPageRouter, type Page } from './pages';
import { auditPages } from './routes/audit';
import { childPages } from './routes/children';
import { expensePages } from './routes/expenses';
import { homePages } from './routes/home';
import { importPages } from './routes/imports';
import { languagePages } from './routes/language';
import { personalDataPages } from './routes/personal-data';
import { reportPages } from './routes/reports';
import { trainingPages } from './routes/training';
import { visitorPages } from './routes/visitors';
import { volunteerImportPages } from './routes/volunteer-imports';
import { volunteerPages } from './routes/volunteers';

/** The sections a person sees in the service navigation, by what their role allows. */
const navigationFor = (app: App) => (principal: Principal | undefined, path: string) => {
  if (!principal)
    return { principal, navigation: [], home: { href: '/sign-in', text: t('navigation.signIn') } };
  const items = [
    { href: '/', text: t('navigation.tasks'), show: mayDo(principal, 'tasks:read') },
    { href: '/my-visits', text: t('navigation.myVisits'), show: mayDo(principal, 'visitor:own-matches') },
    {
      href: '/my-visits/expenses',
      text: t('expenses.navigation'),
      show: mayDo(principal, 'visitor:own-matches'),
    },
    {
      href: '/my-visits/training',
      text: t('training.navigation'),
      show: mayDo(principal, 'visitor:own-matches'),
    },
    { href: '/volunteers', text: t('navigation.volunteers'), show: mayDo(principal, 'volunteer:read') },
    { href: '/reports', text: t('navigation.reports'), show: mayDo(principal, 'report:la') },
    {
      href: '/reports/national',
      text: t('navigation.nationalReturn'),
      show: mayDo(principal, 'report:national'),
    },
    { href: '/audit', text: t('navigation.audit'), show: mayDo(principal, 'audit:read') },
  ];
  // Where "go back" takes each person: their own start page, never one their role does not have.
  const home = mayDo(principal, 'tasks:read')
    ? { href: '/', text: t('navigation.goToTasks') }
    : mayDo(principal, 'visitor:own-matches')
      ? { href: '/my-visits', text: t('navigation.goToMyVisits') }
      : mayDo(principal, 'report:national')
        ? { href: '/reports/national', text: t('navigation.goToNationalReturn') }
        : mayDo(principal, 'audit:read')
          ? { href: '/audit', text: t('navigation.goToAudit') }
          : { href: '/reports', text: t('navigation.goToReports') };
  const shown = items.filter((i) => i.show);
  const matches = (href: string) =>
    href === '/' ? path === '/' || path.startsWith('/children') : path.startsWith(href);
  // The most specific section is the current one: /my-visits/expenses is Expenses, not also My visits.
  const current = shown.filter((i) => matches(i.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return {
    principal,
    home,
    laName: laNameOf(app, principal.la),
    navigation: shown.map(({ href, text }) => ({ href, text, active: href === current })),
  };
};

/**
 * The pages. `signInPages` are the local persona sign-in locally (routes/session.ts) and Cognito's hosted-UI sign-in
 * in AWS (routes/cognito.ts).
 */
export function createWebHandler(
  app: App,
  auth: AuthConfig,
  signInPages: Page[] = [],
  extraPages: Page[] = [],
) {
  const router = createPageRouter({
    pages: webPages(app, signInPages, extraPages),
    auth,
    navigation: navigationFor(app),
  });
  // Each request is answered in one language: the person's choice, or their LA's country's (i18n/choice.ts).
  return (event: APIGatewayProxyEventV2) => {
    const la = principalOf(event, auth, { cookie: true })?.la;
    const path = event.rawQueryString ? `${event.rawPath}?${event.rawQueryString}` : event.rawPath;
    return inLanguage(languageOf(event, la), path, () => router(event));
  };
}

/** Every page of the site, in the order the router tries them: the table the tests walk, too. */
export const webPages = (app: App, signInPages: Page[] = [], extraPages: Page[] = []): Page[] => [
  ...signInPages,
  ...languagePages(),
  ...homePages(app),
  ...childPages(app),
  ...personalDataPages(app, 'child'),
  ...personalDataPages(app, 'volunteer'),
  ...auditPages(app),
  ...reportPages(app),
  ...volunteerPages(app),
  ...importPages(app),
  ...volunteerImportPages(app),
  ...visitorPages(app),
  ...expensePages(app),
  ...trainingPages(app),
  ...extraPages,
];
