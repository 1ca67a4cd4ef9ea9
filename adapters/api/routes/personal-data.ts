import * as z from 'zod';
import { mayDo } from '../../../application/access';
import type { App } from '../../../application/app';
import { actorOf } from '../../../application/children/children';
import { schemaOf } from '../../../application/fields';
import {
  ERASE_FIELDS,
  erase,
  LIFT_HOLD_FIELDS,
  liftHold,
  PLACE_HOLD_FIELDS,
  placeHold,
  SUBJECT_ACCESS_FIELDS,
} from '../../../application/personal-data/actions';
import { changePersonalData, viewPersonalData } from '../../../application/personal-data/erasure';
import { subjectAccessCopy } from '../../../application/personal-data/subject-access';
import { RecordId } from '../../../events/contracts/common';
import { forbidden } from '../../http/problem';
import { type Route, route } from '../../http/router';

const KINDS = { children: 'child', volunteers: 'volunteer' } as const;
const RecordParams = z.object({ kind: z.enum(['children', 'volunteers']), id: RecordId });
const HoldParams = RecordParams.extend({ holdId: RecordId });
const Changed = z.object({ version: z.number().int().optional(), duplicate: z.boolean() });

/**
 * A record's personal data through the API: its retention and holds, placing and lifting a hold, erasure on
 * request, and the person's subject access copy (an HTML document).
 */
export function personalDataRoutes(app: App): Route[] {
  const base = '/api/{kind}/{id}/personal-data';
  return [
    route({
      method: 'GET',
      path: base,
      summary:
        'How long a record’s personal data is kept, under which rule, its legal holds, and whether it is erased',
      tag: 'personal data',
      // Everyone who may read a volunteer may read a child; the record's own kind is checked in the handler.
      action: 'child:read',
      params: RecordParams,
      handle: async ({ principal, params }) => {
        if (!mayDo(principal, params.kind === 'children' ? 'child:read' : 'volunteer:read'))
          throw forbidden();
        return { body: await viewPersonalData(app, principal, KINDS[params.kind], params.id, 'api') };
      },
    }),
    route({
      method: 'POST',
      path: `${base}/holds`,
      summary: 'Place a legal hold: nothing is erased until it is lifted',
      tag: 'personal data',
      action: 'personal-data:manage',
      params: RecordParams,
      body: schemaOf(PLACE_HOLD_FIELDS),
      response: Changed,
      handle: async ({ principal, params, body, command }) => ({
        body: await changePersonalData(
          app,
          principal,
          KINDS[params.kind],
          params.id,
          placeHold(body),
          command(),
        ),
      }),
    }),
    route({
      method: 'POST',
      path: `${base}/holds/{holdId}/lift`,
      summary: 'Lift a legal hold',
      tag: 'personal data',
      action: 'personal-data:manage',
      params: HoldParams,
      body: schemaOf(LIFT_HOLD_FIELDS),
      response: Changed,
      handle: async ({ principal, params, body, command }) => ({
        body: await changePersonalData(
          app,
          principal,
          KINDS[params.kind],
          params.id,
          liftHold(params.holdId, body),
          command(),
        ),
      }),
    }),
    route({
      method: 'POST',
      path: `${base}/erase`,
      summary: 'Erase a person’s personal data on request (cannot be undone; refused under a legal hold)',
      tag: 'personal data',
      action: 'personal-data:manage',
      params: RecordParams,
      body: schemaOf(ERASE_FIELDS),
      response: Changed,
      handle: async ({ principal, params, body, command }) => ({
        body: await changePersonalData(app, principal, KINDS[params.kind], params.id, erase(body), command()),
      }),
    }),
    route({
      method: 'POST',
      path: `${base}/subject-access`,
      summary: 'The person’s subject access copy of their record, as a printable HTML document',
      tag: 'personal data',
      action: 'subject-access:export',
      params: RecordParams,
      body: schemaOf(SUBJECT_ACCESS_FIELDS),
      handle: async ({ principal, params, body }) => {
        const copy = await subjectAccessCopy(
          app,
          actorOf(principal),
          KINDS[params.kind],
          params.id,
          body.reference,
          'api',
        );
        return { raw: copy.html, headers: { 'content-type': 'text/html; charset=utf-8' } };
      },
    }),
  ];
}
