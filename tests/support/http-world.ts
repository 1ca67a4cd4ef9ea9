import { paginateListTables, paginateScan } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ulid } from 'ulid';
import { expect } from 'vitest';
import { createApiHandler } from '../../adapters/api/app';
import { apiRoutes } from '../../adapters/api/routes';
import { issueSessionToken } from '../../adapters/http/session';
import { createWebHandler, webPages } from '../../adapters/web/app';
import { sessionPages } from '../../adapters/web/routes/session';
import type { Principal } from '../../application/access';
import { quietLog } from '../../application/ports/log';
import { createStreamProjector } from '../../application/projections/project';
import { londonDateOf } from '../../domain/calendar';
import { childStreamId, volunteerStreamId } from '../../events/stream-id';
import { PERSONAS } from '../../infra/local/personas';
import { isolatedApp, people, staff, visitor } from './app';
import { apiEvent, TEST_SECRET } from './http';
import { localClient } from './store';

type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The API and the pages over tables of their own, wired as the local server wires them, with a few records in them:
 * the route tables the fuzzer and the authorisation matrix walk, and a count of every item, to show nothing was
 * written.
 */
export async function httpWorld() {
  const prefix = `w${ulid().toLowerCase()}-`;
  const { app } = await isolatedApp(prefix);
  const auth = { localSessionSecret: TEST_SECRET };
  const signIn = sessionPages(auth, PERSONAS);
  const api: Handler = createApiHandler(app, auth) as Handler;
  const web = createWebHandler(app, auth, signIn);

  const ok = async (response: Promise<APIGatewayProxyStructuredResultV2>) => {
    const r = await response;
    expect(r.statusCode, r.body).toBeLessThan(300);
    return JSON.parse(r.body || '{}');
  };
  const post = (path: string, as: Principal, body: object = {}) =>
    ok(api(apiEvent('POST', path, { as, body })));
  const newChild = {
    firstNames: 'Sam',
    lastName: 'Taylor',
    dateOfBirth: '2014-05-02',
    sex: 'male',
    ethnicity: 'WBRI',
    unaccompaniedAsylumSeeking: false,
    placementInLaArea: true,
    socialWorkerRef: staff.socialWorker.id,
    iroRef: staff.iro.id,
  };
  const { childId } = await post('/api/children', people.coordinator, newChild);
  await post(`/api/children/${childId}/offer`, people.coordinator);
  await post(`/api/children/${childId}/decision`, people.coordinator, {
    decision: 'accepted',
    sufficientUnderstanding: true,
  });
  await post(`/api/children/${childId}/referral`, people.coordinator, { interests: ['football'] });
  const { volunteerId } = await post('/api/volunteers', people.coordinator, { name: 'Alex Morgan' });
  await post(`/api/volunteers/${volunteerId}/dbs-check`, people.coordinator, {
    level: 'enhanced',
    certificateNumber: '001234567890',
    issuedOn: londonDateOf(new Date()),
    updateServiceSubscribed: false,
  });
  // Approved and matched with the child, so the child has an Independent Visitor who signs in as `visitor`.
  for (const [slug, body] of [
    ['reference', { referenceId: 'ref-1', satisfactory: true }],
    ['reference', { referenceId: 'ref-2', satisfactory: true }],
    ['training', { course: 'iv-induction' }],
    [
      'independence',
      {
        wordingVersion: '2026-01',
        electedMemberOfLa: false,
        employeeOfLa: false,
        relativeOrHouseholdMemberOfEither: false,
      },
    ],
    ['approval', {}],
  ] as const)
    await post(`/api/volunteers/${volunteerId}/${slug}`, people.coordinator, body);
  await post(`/api/children/${childId}/match`, people.coordinator, { volunteerId });
  const { childId: otherChildId } = await post('/api/children', people.otherCoordinator, {
    ...newChild,
    socialWorkerRef: staff.southmereSocialWorker.id,
    iroRef: staff.southmereIro.id,
  });
  // Their list rows, as the projector would have written them, so the lists and reports have something to show.
  const project = createStreamProjector({
    store: app.store,
    readModels: app.readModels,
    now: app.now,
    log: quietLog,
  });
  for (const streamId of [
    childStreamId(childId),
    childStreamId(otherChildId),
    volunteerStreamId(volunteerId),
  ])
    await project(streamId);

  const client = localClient();
  /** How many items every table of this world holds. */
  const counts = async (): Promise<Record<string, number>> => {
    const names: string[] = [];
    for await (const page of paginateListTables({ client }, {}))
      names.push(...(page.TableNames ?? []).filter((n) => n.startsWith(prefix)));
    const out: Record<string, number> = {};
    for (const name of names.sort()) {
      out[name] = 0;
      for await (const page of paginateScan({ client }, { TableName: name, Select: 'COUNT' }))
        out[name] += page.Count ?? 0;
    }
    return out;
  };

  return {
    app,
    api,
    web,
    routes: apiRoutes(app),
    pages: webPages(app, signIn),
    records: { childId, volunteerId, otherChildId },
    /** The Independent Visitor of `childId`, signed in as the volunteer `volunteerId`. */
    visitor: { ...visitor, volunteerId },
    counts,
  };
}

/** The request a browser signed in as this person sends for a page: the session in its cookie. */
export function pageEvent(
  method: string,
  path: string,
  options: { as?: Principal; form?: string; headers?: Record<string, string>; query?: string } = {},
): APIGatewayProxyEventV2 {
  const event = apiEvent(method, path, { headers: options.headers, query: options.query });
  return {
    ...event,
    headers: {
      ...event.headers,
      ...(options.form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    body: options.form,
    cookies: options.as ? [`iv_session=${issueSessionToken(options.as, TEST_SECRET)}`] : undefined,
  };
}

/** A path template with its parameters filled in. */
export const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'missing');
