import { z } from 'zod';
import { WHEN_FIELDS } from '../../../application/actions';
import type { App } from '../../../application/app';
import { CHILD_ACTIONS, ENTER_CARE_FIELDS } from '../../../application/children/actions';
import { enterCare, recordForChild, viewChild } from '../../../application/children/children';
import { schemaOf } from '../../../application/fields';
import { timelineJson } from '../../../application/timeline';
import { RecordId } from '../../../events/contracts/common';
import { type Route, route } from '../../http/router';

const ChildParams = z.object({ childId: RecordId });
const Recorded = z.object({
  childId: z.string(),
  version: z.number().int().optional(),
  duplicate: z.boolean(),
});

/** The child's record: entering care, every later fact as its own POST, and the record as GETs. */
export function childRoutes(app: App): Route[] {
  return [
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
        const { stages: _, ...state } = view.state;
        return {
          body: {
            childId: view.childId,
            la: view.la,
            version: view.state.version,
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
        return {
          body: timelineJson(view.events),
        };
      },
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
