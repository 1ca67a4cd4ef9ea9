import { describe, expect, it } from 'vitest';
import { calendarFor } from '../../../../domain/calendar';
import { type ChildCommand, type ChildState, childDecider } from '../../../../domain/child';
import { DomainRuleBroken } from '../../../../domain/decider';
import { obligationsOf } from '../../../../domain/obligations';
import { ENGLAND_DEFAULT_POLICY } from '../../../../domain/policy';
import { catalog } from '../../../../events/contracts';
import type { ChildEvent } from '../../../../events/contracts/child';
import { enterCare, History, systemActor } from '../../../support/domain';

/*
 * A record started from the case system's SSDA903 extract: entered care on a date in the past (backdated with the
 * import's reason), the case system's id kept, reviews known by their dates only. Its IV status is unknown.
 */
const NOW = '2026-06-01T09:00:00.000Z';
const REASON = 'Imported from the case system';
const backdated = (date: string) => ({ occurredAt: `${date}T11:00:00.000Z` });

function imported(caseSystemId = '123456') {
  const h = new History<ChildCommand, ChildEvent, ChildState>(childDecider);
  const { unaccompaniedAsylumSeeking: _, placementInLaArea: __, ...known } = enterCare();
  h.record({ ...known, ...backdated('2025-09-01') }, NOW, { reason: REASON });
  h.record({ type: 'RecordImport', source: 'ssda903', caseSystemId }, NOW);
  return h;
}
const review = (h: ReturnType<typeof imported>, date: string) =>
  h.record({ type: 'RecordReview', ...backdated(date) }, NOW, { reason: REASON });
const kinds = (h: ReturnType<typeof imported>) =>
  obligationsOf(h.state, ENGLAND_DEFAULT_POLICY, calendarFor('england'), new Date(NOW)).map((o) => ({
    kind: o.kind,
    dueOn: o.dueOn,
    summary: o.summary,
  }));
const ruleOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainRuleBroken) return { status: error.status, rule: error.rule };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('a record imported from the case system', () => {
  it('keeps the case system’s id, and records nothing the extract did not say', () => {
    const h = imported();
    expect(h.types()).toEqual(['ChildEnteredCare', 'ChildRecordImported']);
    const entered = h.facts[0]!.event.data as Record<string, unknown>;
    expect(entered).not.toHaveProperty('placementInLaArea');
    expect(entered).not.toHaveProperty('unaccompaniedAsylumSeeking');
    expect(() => catalog.parseForWrite('ChildEnteredCare', 3, entered)).not.toThrow();
    expect(h.state).toMatchObject({
      importedFrom: { source: 'ssda903', caseSystemId: '123456', on: '2026-06-01' },
      ivStatusUnknown: true,
      period: { startedOn: '2025-09-01' },
    });
    expect(h.state.placementInLaArea).toBeUndefined();
  });

  it('records the same case system id once, and refuses another, a system actor, or a record not started', () => {
    const h = imported();
    expect(h.decide({ type: 'RecordImport', source: 'ssda903', caseSystemId: '123456' }, NOW)).toEqual([]);
    expect(
      ruleOf(() => h.decide({ type: 'RecordImport', source: 'ssda903', caseSystemId: '999' }, NOW)),
    ).toEqual({ status: 409, rule: 'imported-with-another-id' });
    const fresh = new History<ChildCommand, ChildEvent, ChildState>(childDecider);
    expect(
      ruleOf(() => fresh.decide({ type: 'RecordImport', source: 'ssda903', caseSystemId: '1' }, NOW)),
    ).toEqual({ status: 409, rule: 'child-not-recorded' });
    const other = new History<ChildCommand, ChildEvent, ChildState>(childDecider);
    other.record(enterCare(), NOW);
    expect(
      ruleOf(() =>
        other.decide({ type: 'RecordImport', source: 'ssda903', caseSystemId: '1' }, NOW, {
          actor: systemActor,
        }),
      ),
    ).toMatchObject({ rule: 'import-by-a-person' });
  });

  it('records a review by its date alone, and refuses one with an outcome but no answer', () => {
    const h = imported();
    const [held] = review(h, '2025-09-26');
    expect(held).toMatchObject({ type: 'LookedAfterReviewHeld', data: {} });
    expect(h.state.period?.reviews).toEqual([{ heldOn: '2025-09-26' }]);
    expect(ruleOf(() => h.decide({ type: 'RecordReview', outcome: 'iv-in-place' }, NOW))).toMatchObject({
      status: 422,
      rule: 'review-outcome',
    });
  });

  it('stays "IV status unknown" when told or reviewed without the IV question, and is known once the offer is', () => {
    const h = imported();
    review(h, '2025-09-26');
    h.record({ type: 'RecordChildTold' }, NOW);
    expect(h.state.ivStatusUnknown).toBe(true);
    h.record({ type: 'OfferIndependentVisitor', ...backdated('2025-10-01') }, NOW, {
      reason: 'Found on file',
    });
    expect(h.state.ivStatusUnknown).toBe(false);

    const reviewed = imported();
    reviewed.record(
      { type: 'RecordReview', ivConsidered: true, outcome: 'child-declined' },
      '2026-06-02T09:00:00.000Z',
    );
    expect(reviewed.state.ivStatusUnknown).toBe(false);
  });

  it('runs its deadlines from the imported dates, and does not claim an imported review skipped the IV question', () => {
    const h = imported();
    review(h, '2025-09-26');
    review(h, '2025-12-19');
    expect(kinds(h)).toEqual([
      {
        kind: 'offer-iv-by-first-review',
        // 20 working days after entering care on 1 September 2025.
        dueOn: '2025-09-29',
        summary: 'Offer an Independent Visitor before the first looked-after review.',
      },
      {
        kind: 'reconsider-at-review',
        // Six months after the second review.
        dueOn: '2026-06-19',
        summary: 'Consider an Independent Visitor at looked-after review 3.',
      },
    ]);

    // A review recorded as not considering the IV question still raises the duty to consider it now.
    const skipped = imported();
    review(skipped, '2025-09-26');
    skipped.record(
      { type: 'RecordReview', ivConsidered: false, outcome: 'not-considered', ...backdated('2025-12-19') },
      NOW,
      { reason: REASON },
    );
    expect(kinds(skipped).map((o) => o.summary)).toContain(
      'Review 2 did not consider an Independent Visitor: consider it now.',
    );
  });
});
