import { describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { ControllableClock } from '../../../infra/local/clock';
import { people, testApp } from '../../support/app';
import { apiEvent, TEST_SECRET } from '../../support/http';

/** The admin clock over the local system's real clock (in memory): finding 2 of issue 19. */
describe('POST /api/admin/clock', () => {
  const clock = new ControllableClock({ startAt: new Date('2026-12-01T09:00:00Z') });
  const app = testApp(() => clock.now());
  const api = createApiHandler(
    {
      ...app,
      local: {
        advanceClock: async (duration) => clock.advance(duration),
        setClock: async (instant) => clock.setTo(instant),
        outbox: async () => [],
      },
    },
    { localSessionSecret: TEST_SECRET },
  );
  const move = (body: unknown) => api(apiEvent('POST', '/api/admin/clock', { as: people.admin, body }));

  it('refuses a move too large to represent as a bad field, and the clock stays where it was', async () => {
    const before = clock.now().getTime();
    const response = await move({ advance: '99999999999999999999w' });
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body!)['invalid-params']).toEqual([
      { name: 'body.advance', reason: 'must be at most 260 weeks (5 years)' },
    ]);
    expect(Math.abs(clock.now().getTime() - before)).toBeLessThan(60_000);
  });

  it('refuses to move the clock back with a 422 sentence, not a 500', async () => {
    const response = await move({ to: '2000-01-01T00:00:00Z' });
    expect(response.statusCode).toBe(422);
    expect(JSON.parse(response.body!).detail).toMatch(
      /^The clock only moves forward: it already says 2026-12-01/,
    );
  });

  it('still moves it forward by a sensible amount', async () => {
    const response = await move({ advance: '21d' });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body!).now.slice(0, 10)).toBe('2026-12-22');
  });
});
