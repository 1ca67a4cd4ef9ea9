import { describe, expect, it } from 'vitest';
import { type ChildCommand, childDecider, isObjecting } from '../../../../domain/child';
import { fold } from '../../../../domain/decider';
import { catalog } from '../../../../events/contracts';
import type { ChildEvent } from '../../../../events/contracts/child';
import { specFor } from '../../../support/decider-spec';
import { at, type ChildHistory, JURISDICTIONS, kindsOn, matched, offered } from './journeys';

/*
 * Events written before these rules are still read: each older schema version is upcast, and the state it folds to
 * follows the new rules in the way that keeps the LA's duties to the child rather than quietly dropping them.
 */
const spec = specFor(childDecider);
const REFER: ChildCommand = { type: 'ReferToIvService', needs: [], interests: [], preferences: [] };

/** The history with one more event, as stored at `schemaVersion` and read back through the catalog. */
function withStored(
  h: ChildHistory,
  type: ChildEvent['type'],
  schemaVersion: number,
  stored: unknown,
  on: string,
) {
  const { data } = catalog.upcast(type, schemaVersion, stored);
  const meta = { ...h.facts.at(-1)!.meta, version: h.facts.length + 1, occurredAt: on, recordedAt: on };
  return [...h.facts, { event: { type, data } as ChildEvent, meta }];
}

describe.each(JURISDICTIONS)('events stored before issue 17, in $country', ({ la }) => {
  it('given an objection to continuing at version 1, then it reads as to this visitor: another IV is to be considered', () => {
    const h = matched(la);
    const ended = at('2026-06-01');
    const facts = withStored(h, 'ChildObjectedToContinuing', 1, { matchId: 'match-1' }, ended);
    facts.push({
      event: {
        type: 'RelationshipEnded',
        data: {
          matchId: 'match-1',
          volunteerId: 'volunteer-7',
          reason: 'child-objected',
          whileLookedAfter: true,
        },
      },
      meta: { ...facts.at(-1)!.meta, version: facts.length + 1 },
    });
    const state = fold(childDecider, facts);
    expect(isObjecting(state)).toBe(false);
    expect(state.objectedVolunteers).toEqual(['volunteer-7']);
    expect(kindsOn(state, at('2026-06-02'))).toContain('reconsider-after-ending');
    spec(state)
      .when(REFER, at('2026-06-02'))
      .then([{ type: 'ReferredToIvService' }]);
  });

  it('given an objection to the offer at version 1, with sufficient understanding, then it reads as to having anyone', () => {
    const h = offered(la);
    const stored = { decision: 'objected', sufficientUnderstanding: true };
    const state = fold(childDecider, withStored(h, 'ChildDecisionRecorded', 1, stored, at('2026-01-20')));
    expect(isObjecting(state)).toBe(true);
    spec(state).when(REFER, at('2026-01-21')).thenRefused('child-objected');
  });

  it('given a review at version 1, then it reads as one with no reason', () => {
    const stored = { ivConsidered: true, outcome: 'iv-to-be-offered' };
    expect(catalog.upcast('LookedAfterReviewHeld', 1, stored)).toEqual({ schemaVersion: 3, data: stored });
  });
});
