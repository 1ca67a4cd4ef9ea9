import * as z from 'zod';
import type { App } from '../../../application/app';
import { schemaOf } from '../../../application/fields';
import { MY_TRAINING_FIELDS, myTraining, recordMyTraining } from '../../../application/volunteers/training';
import { type Route, route } from '../../http/router';

const Course = z.object({ course: z.string(), courseText: z.string() });

/** The Independent Visitor's own training record: what they hold, until when, and adding a course. */
export function trainingRoutes(app: App): Route[] {
  return [
    route({
      method: 'GET',
      path: '/api/my/training',
      summary:
        'For an Independent Visitor: each course they completed, when, and when it expires; the mandatory courses that have lapsed or are not yet recorded',
      tag: 'independent visitors',
      action: 'visitor:own-matches',
      response: z.object({
        courses: z.array(
          Course.extend({
            completedOn: z.string(),
            expiresOn: z.string().optional(),
            lapsed: z.boolean(),
            mandatory: z.boolean(),
          }),
        ),
        lapsedMandatory: z.array(Course.extend({ expiredOn: z.string().optional() })),
        notYetRecorded: z.array(Course),
      }),
      handle: async ({ principal }) => ({ body: await myTraining(app, principal) }),
    }),
    route({
      method: 'POST',
      path: '/api/my/training',
      summary:
        'For an Independent Visitor: record a course they completed, with the day they completed it and, if it expires, when; the renewal falls due then',
      tag: 'independent visitors',
      action: 'visitor:own-matches',
      body: schemaOf(MY_TRAINING_FIELDS),
      response: z.object({
        volunteerId: z.string(),
        version: z.number().int().optional(),
        duplicate: z.boolean(),
      }),
      successStatus: 201,
      handle: async ({ principal, body, command }) => ({
        body: await recordMyTraining(app, principal, body, command()),
      }),
    }),
  ];
}
