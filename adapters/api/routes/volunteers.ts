import * as z from 'zod';
import { WHEN_FIELDS } from '../../../application/actions';
import type { App } from '../../../application/app';

import { schemaOf } from '../../../application/fields';
import { MATCH_FIELDS, matchVisitor, suggestVolunteers } from '../../../application/matching';
import { timelineJson } from '../../../application/timeline';
import { PROFILE_FIELDS, VOLUNTEER_ACTIONS } from '../../../application/volunteers/actions';
import {
  recordForVolunteer,
  registerVolunteer,
  viewVolunteer,
  volunteerRegister,
} from '../../../application/volunteers/volunteers';
import { RecordId } from '../../../events/contracts/common';
import { type Route, route } from '../../http/router';

const VolunteerParams = z.object({ volunteerId: RecordId });
const ChildParams = z.object({ childId: RecordId });
const Recorded = z.object({
  volunteerId: z.string(),
  version: z.number().int().optional(),
  duplicate: z.boolean(),
});
const Summary = z.object({
  volunteerId: z.string(),
  name: z.string(),
  status: z.enum(['applied', 'approved', 'paused', 'suspended', 'withdrawn']),
  capacity: z.number().int(),
  activeMatches: z.number().int(),
  dbsValidUntil: z.string().optional(),
  dbs: z.enum(['none', 'valid', 'renew-soon', 'expired']),
});

/** The volunteer register, each volunteer's record as its own POSTs, and matching a child with a volunteer. */
export function volunteerRoutes(app: App): Route[] {
  return [
    route({
      method: 'POST',
      path: '/api/volunteers',
      summary: 'Register someone who applied to be an Independent Visitor (starts their record in your LA)',
      tag: 'volunteers',
      action: 'volunteer:record',
      body: schemaOf([...PROFILE_FIELDS, ...WHEN_FIELDS]),
      response: Recorded,
      successStatus: 201,
      handle: async ({ principal, body, command }) => {
        const result = await registerVolunteer(app, principal, body, command());
        return { body: result, headers: { location: `/api/volunteers/${result.volunteerId}` } };
      },
    }),
    route({
      method: 'GET',
      path: '/api/volunteers',
      summary: 'The volunteer register of your LA: status, children visited of capacity, DBS check validity',
      tag: 'volunteers',
      action: 'volunteer:read',
      response: z.array(Summary),
      handle: async ({ principal }) => ({ body: await volunteerRegister(app, principal) }),
    }),
    route({
      method: 'GET',
      path: '/api/volunteers/{volunteerId}',
      summary: 'A volunteer’s record: vetting, approval, capacity, matches and what can be recorded next',
      tag: 'volunteers',
      action: 'volunteer:read',
      params: VolunteerParams,
      handle: async ({ principal, params }) => {
        const view = await viewVolunteer(app, principal, params.volunteerId);
        const { stages: _, ...state } = view.state;
        return {
          body: {
            volunteerId: view.volunteerId,
            la: view.la,
            version: view.state.version,
            summary: view.summary,
            state,
            nextActions: view.actions.map((a) => a.slug),
          },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/api/volunteers/{volunteerId}/timeline',
      summary: 'Every event of a volunteer’s record, oldest first, with who recorded it, when and why',
      tag: 'volunteers',
      action: 'volunteer:read',
      params: VolunteerParams,
      handle: async ({ principal, params }) => {
        const view = await viewVolunteer(app, principal, params.volunteerId);
        return { body: timelineJson(view.events, view.sentences) };
      },
    }),
    ...VOLUNTEER_ACTIONS.map((action) =>
      route({
        method: 'POST',
        path: `/api/volunteers/{volunteerId}/${action.slug}`,
        summary: action.title,
        tag: 'volunteers',
        action: action.permission,
        params: VolunteerParams,
        body: schemaOf([...action.fields, ...WHEN_FIELDS]),
        response: Recorded,
        handle: async ({ principal, params, body, command }) => ({
          body: await recordForVolunteer(app, principal, params.volunteerId, action, body, command()),
        }),
      }),
    ),
    route({
      method: 'GET',
      path: '/api/children/{childId}/suggested-volunteers',
      summary:
        'Volunteers the child could be matched with now (approved, DBS valid, independent, with room), and why others cannot',
      tag: 'matching',
      action: 'match:make',
      params: ChildParams,
      handle: async ({ principal, params }) => ({
        body: await suggestVolunteers(app, principal, params.childId),
      }),
    }),
    route({
      method: 'POST',
      path: '/api/children/{childId}/match',
      summary:
        'Match the child with a volunteer: appoints their Independent Visitor (both records, or neither)',
      tag: 'matching',
      action: 'match:make',
      params: ChildParams,
      body: schemaOf(MATCH_FIELDS),
      response: z.object({
        childId: z.string(),
        volunteerId: z.string(),
        childVersion: z.number().int().optional(),
        volunteerVersion: z.number().int().optional(),
        duplicate: z.boolean(),
      }),
      handle: async ({ principal, params, body, command }) => {
        const { volunteerId, ...input } = body as { volunteerId: string };
        return { body: await matchVisitor(app, principal, params.childId, volunteerId, input, command()) };
      },
    }),
  ];
}
