import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { expect } from 'vitest';
import type { Principal } from '../../application/access';
import { londonDateOf } from '../../domain/calendar';
import { people, visitor as testVisitor } from './app';
import { apiEvent } from './http';
import { vettingSteps } from './vetting';

type Api = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Children matched with volunteers, recorded through the API as a coordinator would, and the Independent Visitor
 * each volunteer signs in as: for the tests of the IV's own service.
 */
export function visitorWorld(api: Api) {
  const ok = async (response: Promise<APIGatewayProxyStructuredResultV2>) => {
    const r = await response;
    expect(r.statusCode, r.body).toBeLessThan(300);
    return JSON.parse(r.body || '{}');
  };
  const post = (path: string, body: object = {}, as: Principal = people.coordinator) =>
    ok(api(apiEvent('POST', path, { as, body })));
  const today = londonDateOf(new Date());

  async function volunteer(name: string): Promise<{ volunteerId: string; visitor: Principal }> {
    const { volunteerId } = await post('/api/volunteers', { name });
    for (const [slug, body] of vettingSteps({ today, capacity: 3 }))
      await post(`/api/volunteers/${volunteerId}/${slug}`, body);
    // The test visitor of the directory (so the history names them), signed in as this volunteer.
    const visitor: Principal = { ...testVisitor, volunteerId };
    return { volunteerId, visitor };
  }

  /** A child in care, referred, and matched with the volunteer; named Jamie "Jay" by default. */
  async function matchedChild(volunteerId: string, names: object = {}): Promise<string> {
    const { childId } = await post('/api/children', {
      firstNames: 'Jamie',
      lastName: 'Okonkwo',
      preferredName: 'Jay',
      placementArea: 'Millbrook',
      dateOfBirth: '2014-05-02',
      sex: 'male',
      ethnicity: 'WBRI',
      unaccompaniedAsylumSeeking: false,
      placementInLaArea: true,
      socialWorkerRef: 'social-worker-1',
      iroRef: 'iro-1',
      ...names,
    });
    await post(`/api/children/${childId}/offer`);
    await post(`/api/children/${childId}/decision`, { decision: 'accepted', sufficientUnderstanding: true });
    await post(`/api/children/${childId}/referral`, { interests: ['football'] });
    await post(`/api/children/${childId}/match`, { volunteerId });
    return childId;
  }

  return { ok, post, volunteer, matchedChild };
}
