import { describe, expect, it } from 'vitest';
import { childDecider } from '../../../../domain/child';
import type { Actor } from '../../../../events/envelope';
import { specFor } from '../../../support/decider-spec';
import { at, JURISDICTIONS, matched } from './journeys';

/*
 * An Independent Visitor records their own visits: only with the child they are the visitor of now. The application
 * finds only their own matches; this is the rule itself, so a visit can never land on another volunteer's match.
 */
const NOW = at('2026-06-01');
const spec = specFor(childDecider);
const visitor = (la: string): Actor => ({ id: 'iv-person-1', role: 'independent-visitor', la });
const visit = (visitorId?: string) => ({
  type: 'RecordVisit' as const,
  outcome: 'held' as const,
  mode: 'in-person' as const,
  durationMinutes: 90,
  activities: ' We went to the park and played football. ',
  howItWent: 'well' as const,
  childsWords: 'I scored two goals!',
  ...(visitorId ? { visitorId } : {}),
});

describe.each(JURISDICTIONS)('a visit recorded by the Independent Visitor, in $country', ({ la }) => {
  it('given the child is matched with them, then the visit is recorded with what they did, how it went and the child’s words', () => {
    const [recorded] = spec(matched(la, undefined, 'volunteer-7'))
      .when(visit('volunteer-7'), NOW, { actor: visitor(la) })
      .then([{ type: 'VisitRecorded' }]);
    expect(recorded!.data).toEqual({
      matchId: 'match-1',
      outcome: 'held',
      mode: 'in-person',
      durationMinutes: 90,
      activities: 'We went to the park and played football.',
      howItWent: 'well',
      childsWords: 'I scored two goals!',
    });
  });

  it('given the child is matched with another volunteer, then it is refused', () => {
    spec(matched(la, undefined, 'volunteer-8'))
      .when(visit('volunteer-7'), NOW, { actor: visitor(la) })
      .thenRefused('not-your-match', 409);
  });

  it('given no volunteer record is named, then it is refused', () => {
    spec(matched(la))
      .when(visit(), NOW, { actor: visitor(la) })
      .thenRefused('not-your-match', 409);
  });

  it('given the match has ended, then it is refused', () => {
    const ended = matched(la, undefined, 'volunteer-7');
    ended.record({ type: 'RecordIvResignation', writtenNoticeOn: '2026-05-01' }, at('2026-05-01'));
    spec(ended)
      .when(visit('volunteer-7'), NOW, { actor: visitor(la) })
      .thenRefused('not-your-match', 409);
  });

  it('given staff record it, then no volunteer needs naming', () => {
    spec(matched(la))
      .when(visit(), NOW)
      .then([{ type: 'VisitRecorded' }]);
  });
});
