import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mayDo, type Principal } from '../../application/access';
import type { App } from '../../application/app';
import type { AuthConfig } from '../http/session';
import { createPageRouter, type Page } from './pages';
import { auditPages } from './routes/audit';
import { childPages } from './routes/children';
import { homePages } from './routes/home';
import { personalDataPages } from './routes/personal-data';
import { reportPages } from './routes/reports';
import { visitorPages } from './routes/visitors';
import { volunteerPages } from './routes/volunteers';

/** The sections a person sees in the service navigation, by what their role allows. */
const navigationFor = (app: App) => (principal: Principal | undefined, path: string) => {
  if (!principal) return { principal, navigation: [], home: { href: '/sign-in', text: 'Sign in' } };
  const items = [
    { href: '/', text: 'Tasks', show: mayDo(principal, 'tasks:read') },
    { href: '/my-visits', text: 'My visits', show: mayDo(principal, 'visitor:own-matches') },
    { href: '/volunteers', text: 'Volunteers', show: mayDo(principal, 'volunteer:read') },
    { href: '/reports', text: 'Reports', show: mayDo(principal, 'report:la') },
    { href: '/reports/national', text: 'National return', show: mayDo(principal, 'report:national') },
    { href: '/audit', text: 'Audit', show: mayDo(principal, 'audit:read') },
  ];
  // Where "go back" takes each person: their own start page, never one their role does not have.
  const home = mayDo(principal, 'tasks:read')
    ? { href: '/', text: 'Go to your task list' }
    : mayDo(principal, 'visitor:own-matches')
      ? { href: '/my-visits', text: 'Go to the children you visit' }
      : mayDo(principal, 'report:national')
        ? { href: '/reports/national', text: 'Go to the national return' }
        : mayDo(principal, 'audit:read')
          ? { href: '/audit', text: 'Go to the audit pages' }
          : { href: '/reports', text: 'Go to the reports' };
  return {
    principal,
    home,
    laName: principal.la === 'national' ? 'National' : (app.laName?.(principal.la) ?? principal.la),
    navigation: items
      .filter((i) => i.show)
      .map(({ href, text }) => ({
        href,
        text,
        active: href === '/' ? path === '/' || path.startsWith('/children') : path.startsWith(href),
      })),
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
  return (event: APIGatewayProxyEventV2) => router(event);
}

/** Every page of the site, in the order the router tries them: the table the tests walk, too. */
export const webPages = (app: App, signInPages: Page[] = [], extraPages: Page[] = []): Page[] => [
  ...signInPages,
  ...homePages(app),
  ...childPages(app),
  ...personalDataPages(app, 'child'),
  ...personalDataPages(app, 'volunteer'),
  ...auditPages(app),
  ...reportPages(app),
  ...volunteerPages(app),
  ...visitorPages(app),
  ...extraPages,
];
