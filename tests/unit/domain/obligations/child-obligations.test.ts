import { describe, expect, it } from 'vitest';
import { calendarFor } from '../../../../domain/calendar';
import { type ChildCommand, type ChildState, childDecider } from '../../../../domain/child';
import { obligationsOf, openObligation } from '../../../../domain/obligations';
import { ENGLAND_DEFAULT_POLICY } from '../../../../domain/policy';
import type { ChildEvent } from '../../../../events/contracts/child';
import { enterCare, History } from '../../../support/domain';

const policy = ENGLAND_DEFAULT_POLICY;
const calendar = calendarFor('england');
const SID = 'child#child-1';
const open = (h: History<ChildCommand, ChildEvent, ChildState>, now: string) =>
  obligationsOf(h.state, policy, calendar, new Date(now));
const kinds = (h: History<ChildCommand, ChildEvent, ChildState>, now: string) =>
  open(h, now).map((o) => o.kind);

const enteredOn19Dec = () => {
  const h = new History<ChildCommand, ChildEvent, ChildState>(childDecider);
  h.record(enterCare(), '2025-12-19T11:00:00.000Z');
  return h;
};
const matched = () => {
  const h = enteredOn19Dec();
  h.record({ type: 'OfferIndependentVisitor' }, '2026-01-05T10:00:00.000Z');
  h.record(
    { type: 'ReferToIvService', needs: [], interests: [], preferences: [] },
    '2026-01-06T10:00:00.000Z',
  );
  h.apply(
    [{ type: 'VisitorMatched', data: { matchId: 'match-1', referralId: 'referral-1', volunteerId: 'v-1' } }],
    '2026-02-02T10:00:00.000Z',
  );
  return h;
};

describe('offer an IV by the first review', () => {
  it('given a child entering care on 19 Dec 2025, is due by the end of 21 Jan 2026 with a reminder 5 working days before', () => {
    const [o] = open(enteredOn19Dec(), '2025-12-19T12:00:00.000Z');
    expect(o).toEqual({
      id: `${SID}:offer-iv-by-first-review:2025-12-19`,
      kind: 'offer-iv-by-first-review',
      streamId: SID,
      la: 'E08000035',
      dueOn: '2026-01-21',
      dueAt: '2026-01-22T00:00:00.000Z',
      remindAt: '2026-01-14T09:00:00.000Z',
      escalateEveryDays: 7,
      summary: 'Offer an Independent Visitor before the first looked-after review.',
    });
  });

  it('keeps the same id when recomputed later, and disappears once the offer is recorded', () => {
    const h = enteredOn19Dec();
    expect(open(h, '2026-03-01T00:00:00.000Z')[0]!.id).toBe(open(h, '2025-12-20T00:00:00.000Z')[0]!.id);
    h.record({ type: 'OfferIndependentVisitor' }, '2026-02-01T10:00:00.000Z');
    expect(kinds(h, '2026-02-01T11:00:00.000Z')).not.toContain('offer-iv-by-first-review');
  });

  it('comes back with a new id for a new period of care', () => {
    const h = enteredOn19Dec();
    h.record({ type: 'OfferIndependentVisitor' }, '2026-01-05T10:00:00.000Z');
    h.record({ type: 'LeaveCare', reason: 'returned-home' }, '2026-02-01T10:00:00.000Z');
    expect(open(h, '2026-02-02T00:00:00.000Z')).toEqual([]);
    h.record({ type: 'ReEnterCare', placementInLaArea: true }, '2026-05-01T10:00:00.000Z');
    expect(open(h, '2026-05-02T00:00:00.000Z').map((o) => o.id)).toEqual([
      `${SID}:offer-iv-by-first-review:2026-05-01`,
    ]);
  });
});

describe('reconsider at every later review', () => {
  it('after the first review, is due at the second review 3 months later, then 6 months after each', () => {
    const h = enteredOn19Dec();
    h.record({ type: 'OfferIndependentVisitor' }, '2026-01-05T10:00:00.000Z');
    h.record(
      { type: 'RecordChildDecision', decision: 'declined', sufficientUnderstanding: true },
      '2026-01-06T10:00:00.000Z',
    );
    h.record(
      { type: 'RecordReview', ivConsidered: true, outcome: 'child-declined' },
      '2026-01-20T10:00:00.000Z',
    );
    expect(open(h, '2026-01-21T00:00:00.000Z').map((o) => [o.id, o.dueOn])).toEqual([
      [`${SID}:reconsider-at-review:2025-12-19:2`, '2026-04-20'],
    ]);
    h.record(
      { type: 'RecordReview', ivConsidered: true, outcome: 'child-declined' },
      '2026-04-15T10:00:00.000Z',
    );
    expect(open(h, '2026-04-16T00:00:00.000Z').map((o) => [o.id, o.dueOn])).toEqual([
      [`${SID}:reconsider-at-review:2025-12-19:3`, '2026-10-15'],
    ]);
  });

  it('stays open for a review that did not consider the IV question until it is considered', () => {
    const h = enteredOn19Dec();
    h.record({ type: 'OfferIndependentVisitor' }, '2026-01-05T10:00:00.000Z');
    h.record(
      { type: 'RecordReview', ivConsidered: true, outcome: 'iv-offered-awaiting-decision' },
      '2026-01-20T10:00:00.000Z',
    );
    h.record(
      { type: 'RecordReview', ivConsidered: false, outcome: 'not-considered' },
      '2026-04-15T10:00:00.000Z',
    );
    expect(open(h, '2026-04-16T00:00:00.000Z').map((o) => o.id)).toEqual([
      `${SID}:reconsider-at-review:2025-12-19:2`,
      `${SID}:reconsider-at-review:2025-12-19:3`,
    ]);
    h.record(
      { type: 'RecordChildDecision', decision: 'declined', sufficientUnderstanding: true },
      '2026-04-20T10:00:00.000Z',
    );
    expect(open(h, '2026-04-21T00:00:00.000Z').map((o) => o.id)).toEqual([
      `${SID}:reconsider-at-review:2025-12-19:3`,
    ]);
  });

  it('does not apply while a referral is waiting or the child has an IV', () => {
    const h = matched();
    h.record(
      { type: 'RecordReview', ivConsidered: true, outcome: 'iv-in-place' },
      '2026-02-10T10:00:00.000Z',
    );
    expect(kinds(h, '2026-02-11T00:00:00.000Z')).not.toContain('reconsider-at-review');
  });
});

describe('reconsider after an ending while still in care', () => {
  it('opens when the IV resigns, and closes when a new IV is offered', () => {
    const h = matched();
    h.record({ type: 'RecordIvResignation', writtenNoticeOn: '2026-05-28' }, '2026-06-01T10:00:00.000Z');
    const o = open(h, '2026-06-02T00:00:00.000Z').find((x) => x.kind === 'reconsider-after-ending');
    expect(o).toMatchObject({ id: `${SID}:reconsider-after-ending:match-1`, dueOn: '2026-06-29' });
    h.record({ type: 'OfferIndependentVisitor' }, '2026-06-10T10:00:00.000Z');
    expect(kinds(h, '2026-06-11T00:00:00.000Z')).not.toContain('reconsider-after-ending');
  });

  it('does not open when the relationship ends because the child left care', () => {
    const h = matched();
    h.record({ type: 'LeaveCare', reason: 'returned-home' }, '2026-06-01T10:00:00.000Z');
    expect(open(h, '2026-06-02T00:00:00.000Z')).toEqual([]);
  });
});

describe('referral, visits, match reviews and planning for 18', () => {
  it('flags a referral waiting longer than the policy allows', () => {
    const h = enteredOn19Dec();
    h.record(
      { type: 'ReferToIvService', needs: [], interests: [], preferences: [] },
      '2026-01-06T10:00:00.000Z',
    );
    expect(open(h, '2026-01-07T00:00:00.000Z').map((o) => [o.id, o.dueOn])).toEqual([
      [`${SID}:referral-waiting-too-long:referral-1`, '2026-04-06'],
    ]);
  });

  it('expects a visit within 42 days of the match, then of the last visit held, and a match review every 6 months', () => {
    const h = matched();
    expect(open(h, '2026-02-03T00:00:00.000Z').map((o) => [o.id, o.dueOn])).toEqual([
      [`${SID}:visit-overdue:match-1:2026-02-02`, '2026-03-16'],
      [`${SID}:match-review-due:match-1:1`, '2026-08-02'],
      [`${SID}:plan-before-18:match-1`, '2033-09-14'],
    ]);
    h.record({ type: 'RecordVisit', outcome: 'cancelled', mode: 'in-person' }, '2026-02-20T10:00:00.000Z');
    expect(open(h, '2026-02-21T00:00:00.000Z')[0]!.id).toBe(`${SID}:visit-overdue:match-1:2026-02-02`);
    h.record(
      { type: 'RecordVisit', outcome: 'held', mode: 'in-person', durationMinutes: 60 },
      '2026-03-01T10:00:00.000Z',
    );
    h.record({ type: 'RecordMatchReview', outcome: 'continuing' }, '2026-07-01T10:00:00.000Z');
    expect(open(h, '2026-07-02T00:00:00.000Z').map((o) => [o.id, o.dueOn])).toEqual([
      [`${SID}:visit-overdue:match-1:2026-03-01`, '2026-04-12'],
      [`${SID}:match-review-due:match-1:2`, '2027-01-01'],
      [`${SID}:plan-before-18:match-1`, '2033-09-14'],
    ]);
  });

  it('closes the plan-before-18 obligation once the plan is recorded', () => {
    const h = matched();
    h.record({ type: 'PlanForEighteenthBirthday', plan: 'end-at-18' }, '2026-03-01T10:00:00.000Z');
    expect(kinds(h, '2026-03-02T00:00:00.000Z')).not.toContain('plan-before-18');
  });

  it('keeps visits expected for a care leaver until the age the offer runs to', () => {
    const h = matched();
    h.record(
      { type: 'LeaveCare', reason: 'reached-18', continueUnderCareLeaverOffer: { untilAge: 21 } },
      '2034-03-14T10:00:00.000Z',
    );
    expect(kinds(h, '2034-03-15T00:00:00.000Z')).toEqual(['visit-overdue', 'match-review-due']);
    expect(kinds(h, '2037-03-15T00:00:00.000Z')).toEqual([]);
  });

  it('finds an open obligation by id, and nothing for an id that is not open', () => {
    const h = enteredOn19Dec();
    const id = `${SID}:offer-iv-by-first-review:2025-12-19`;
    expect(openObligation(h.state, policy, calendar, new Date('2026-01-01T00:00:00Z'), id)?.kind).toBe(
      'offer-iv-by-first-review',
    );
    expect(
      openObligation(h.state, policy, calendar, new Date('2026-01-01T00:00:00Z'), `${id}x`),
    ).toBeUndefined();
  });
});
