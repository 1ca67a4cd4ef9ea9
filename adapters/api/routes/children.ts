import * as z from 'zod';
import { WHEN_FIELDS } from '../../../application/actions';
import type { App } from '../../../application/app';
import { CHILD_ACTIONS, ENTER_CARE_FIELDS } from '../../../application/children/actions';
import {
  enterCare,
  MISTAKE_FIELDS,
  markEntryInError,
  recordForChild,
  viewChild,
} from '../../../application/children/children';
import { schemaOf } from '../../../application/fields';
import { ListQuery, listChildren } from '../../../application/lists/children';
import { searchChildren } from '../../../application/lists/search';
import { timelineJson } from '../../../application/timeline';
import { RecordId } from '../../../events/contracts/common';
import { badRequest } from '../../http/problem';
import { type Route, route } from '../../http/router';

const ChildParams = z.object({ childId: RecordId });
const Recorded = z.object({
  childId: z.string(),
  version: z.number().int().optional(),
  duplicate: z.boolean(),
});

/** The child's record: entering care, every later fact as its own POST, and the record as GETs. */
const ListRow = z.object({
  childId: z.string(),
  name: z.string(),
  caseSystemId: z.string().optional(),
  age: z.number().int(),
  placement: z.string(),
  inArea: z.boolean(),
  socialWorker: z.string(),
  iro: z.string(),
  stage: z.string(),
  duty: z.object({ label: z.string(), dueOn: z.string(), workingDaysLeft: z.number().int() }).optional(),
});

export function childRoutes(app: App): Route[] {
  return [
    route({
      method: 'GET',
      path: '/api/children',
      summary:
        'A page of children: your caseload, your team’s or the whole LA’s, filtered by duty, due date, area and age band, sorted',
      tag: 'children',
      action: 'tasks:read',
      query: ListQuery,
      response: z.object({
        rows: z.array(ListRow),
        total: z.number().int(),
        atLeast: z.boolean(),
        page: z.number().int(),
        pages: z.number().int(),
        scope: z.string(),
      }),
      handle: async ({ principal, query }) => {
        const list = await listChildren(app, principal, query);
        return {
          body: {
            rows: list.rows,
            total: list.total,
            atLeast: list.atLeast,
            page: list.query.page,
            pages: list.pages,
            scope: list.query.scope,
            sort: list.query.sort,
          },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/api/children/search',
      summary: 'Find children of your LA by part of a name, a date of birth or a case-system id',
      tag: 'children',
      action: 'child:read',
      query: z.strictObject({
        q: z.string({ error: 'Enter part of a name, a date of birth or a case-system id' }).max(100),
        page: z.coerce.number().int().min(1).max(1000).optional(),
      }),
      response: z.object({
        kind: z.string(),
        rows: z.array(ListRow),
        total: z.number().int(),
        page: z.number().int(),
        pages: z.number().int(),
        tooMany: z.boolean(),
      }),
      handle: async ({ principal, query }) => {
        const result = await searchChildren(app, principal, query.q, query.page);
        if ('problem' in result)
          throw badRequest([
            {
              name: 'query.q',
              reason: 'Enter at least 2 letters of the name, a date of birth or a case-system id',
            },
          ]);
        const { query: _, ...body } = result;
        return { body };
      },
    }),
    route({
      method: 'POST',
      path: '/api/children',
      summary: 'Record a child entering care (starts the child’s record in your local authority)',
      tag: 'children',
      action: 'child:record',
      body: schemaOf([...ENTER_CARE_FIELDS, ...WHEN_FIELDS]),
      response: Recorded,
      successStatus: 201,
      handle: async ({ principal, body, command }) => {
        const result = await enterCare(app, principal, body, command());
        return { body: result, headers: { location: `/api/children/${result.childId}` } };
      },
    }),
    route({
      method: 'GET',
      path: '/api/children/{childId}',
      summary: 'A child’s record: where they are in the journey, open obligations, what can be recorded next',
      tag: 'children',
      action: 'child:read',
      params: ChildParams,
      handle: async ({ principal, params }) => {
        const view = await viewChild(app, principal, params.childId, 'api');
        const { stages: _, entries: __, ...state } = view.state;
        return {
          body: {
            childId: view.childId,
            la: view.la,
            version: view.state.version,
            names: view.names,
            journey: view.journey,
            state,
            obligations: view.obligations,
            nextActions: view.actions.map((a) => a.slug),
          },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/api/children/{childId}/timeline',
      summary: 'Every event of a child’s record, oldest first, with who recorded it, when and why',
      tag: 'children',
      action: 'child:read',
      params: ChildParams,
      handle: async ({ principal, params }) => {
        const view = await viewChild(app, principal, params.childId, 'api');
        return { body: timelineJson(view.events, view.sentences) };
      },
    }),
    route({
      method: 'POST',
      path: '/api/children/{childId}/mistake',
      summary:
        'Mark an entry of the child’s record as made by mistake (by its version): it stays in the history, marked, and the record reads as if it had not been made',
      tag: 'children',
      action: 'child:record',
      params: ChildParams,
      body: schemaOf(MISTAKE_FIELDS),
      response: Recorded,
      handle: async ({ principal, params, body, command }) => ({
        body: await markEntryInError(app, principal, params.childId, body, command()),
      }),
    }),
    ...CHILD_ACTIONS.map((action) =>
      route({
        method: 'POST',
        path: `/api/children/{childId}/${action.slug}`,
        summary: action.title,
        tag: 'children',
        action: action.permission,
        params: ChildParams,
        body: schemaOf([...action.fields, ...WHEN_FIELDS]),
        response: Recorded,
        handle: async ({ principal, params, body, command }) => ({
          body: await recordForChild(app, principal, params.childId, action, body, command()),
        }),
      }),
    ),
  ];
}
