import * as z from 'zod';
import type { App } from '../../../application/app';
import { openApiDocument, type Route, route } from '../../http/router';
import { auditRoutes } from './audit';
import { childRoutes } from './children';
import { expenseRoutes } from './expenses';
import { importRoutes } from './imports';
import { personalDataRoutes } from './personal-data';
import { reportRoutes } from './reports';
import { trainingRoutes } from './training';
import { visitorRoutes } from './visitors';
import { volunteerImportRoutes } from './volunteer-imports';
import { volunteerRoutes } from './volunteers';

/** Every route of the JSON API. The OpenAPI document is generated from this same list. */
export function apiRoutes(app: App): Route[] {
  const routes: Route[] = [
    route({
      method: 'GET',
      path: '/api/me',
      summary: 'Who you are signed in as, your role and your local authority',
      tag: 'session',
      action: 'signed-in',
      response: z.object({ id: z.string(), name: z.string(), role: z.string(), la: z.string() }),
      handle: async ({ principal }) => ({ body: principal }),
    }),
    ...childRoutes(app),
    ...auditRoutes(app),
    ...reportRoutes(app),
    ...volunteerRoutes(app),
    ...importRoutes(app),
    ...volunteerImportRoutes(app),
    ...personalDataRoutes(app),
    ...visitorRoutes(app),
    ...expenseRoutes(app),
    ...trainingRoutes(app),
  ];
  return routes;
}

export const apiDocument = (app: App) =>
  openApiDocument(apiRoutes(app), { title: 'Independent Visitors API', version: '1.0.0' });
