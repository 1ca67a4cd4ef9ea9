import * as z from 'zod';
import type { App } from '../../../application/app';
import { schemaOf } from '../../../application/fields';
import { CONCERN_FIELDS, VISIT_FIELDS } from '../../../application/visitors/fields';
import { myMatch, myMatches, raiseMyConcern, recordMyVisit } from '../../../application/visitors/matches';
import { RecordId } from '../../../events/contracts/common';
import { type Route, route } from '../../http/router';

const Match = z.object({
  childId: z.string(),
  name: z.string(),
  age: z.number().int().optional(),
  area: z.string().optional(),
  matchedOn: z.string(),
  lastVisitOn: z.string().optional(),
  nextVisitDueOn: z.string().optional(),
  coordinator: z.string(),
  visitsPaused: z.boolean(),
  concernsRaised: z.array(
    z.object({
      number: z.number().int(),
      raisedOn: z.string(),
      status: z.enum(['received', 'acknowledged', 'closed']),
    }),
  ),
});
const Recorded = z.object({
  childId: z.string(),
  version: z.number().int().optional(),
  duplicate: z.boolean(),
});
const ChildParams = z.object({ childId: RecordId });

/** The Independent Visitor's own API: their active matches, and the visits they record. */
export function visitorRoutes(app: App): Route[] {
  return [
    route({
      method: 'GET',
      path: '/api/my/matches',
      summary:
        'For an Independent Visitor: the children they visit now, each with the name they are called by, their age, the area they live in, when the next visit is due and who coordinates the match',
      tag: 'independent visitors',
      action: 'visitor:own-matches',
      response: z.object({ matches: z.array(Match) }),
      handle: async ({ principal }) => ({ body: { matches: await myMatches(app, principal, 'api') } }),
    }),
    route({
      method: 'GET',
      path: '/api/my/matches/{childId}',
      summary: 'For an Independent Visitor: one of the children they visit now',
      tag: 'independent visitors',
      action: 'visitor:own-matches',
      params: ChildParams,
      response: Match,
      handle: async ({ principal, params }) => ({
        body: await myMatch(app, principal, params.childId, 'api'),
      }),
    }),
    route({
      method: 'POST',
      path: '/api/my/matches/{childId}/visit',
      summary:
        'For an Independent Visitor: record a visit with a child they visit now; it goes on the child’s record as recorded by them',
      tag: 'independent visitors',
      action: 'visitor:own-matches',
      params: ChildParams,
      body: schemaOf(VISIT_FIELDS),
      response: Recorded,
      successStatus: 201,
      handle: async ({ principal, params, body, command }) => ({
        body: await recordMyVisit(app, principal, params.childId, body, command()),
      }),
    }),
    route({
      method: 'POST',
      path: '/api/my/matches/{childId}/concern',
      summary:
        'For an Independent Visitor: raise a safeguarding concern about a child they visit now; the coordinator must acknowledge it the same working day',
      tag: 'independent visitors',
      action: 'visitor:own-matches',
      params: ChildParams,
      body: schemaOf(CONCERN_FIELDS),
      response: Recorded,
      successStatus: 201,
      handle: async ({ principal, params, body, command }) => ({
        body: await raiseMyConcern(app, principal, params.childId, body, command()),
      }),
    }),
  ];
}
