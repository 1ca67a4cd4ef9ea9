import { describe, expect, it } from 'vitest';
import { type ChildCommand, childDecider, isObjecting } from '../../../../domain/child';
import { decideMatch } from '../../../../domain/matching';
import { refusalOf, specFor } from '../../../support/decider-spec';
import { context } from '../../../support/domain';
import {
  approvedVolunteer,
  at,
  type ChildHistory,
  JURISDICTIONS,
  kindsOn,
  matched,
  offered,
  openOn,
  referred,
} from './journeys';

/*
 * s.23ZB(8) (Wales: s.98(8)): when the LA gives effect to an objection under (6) or (7) and it is to having anyone as
 * the child's visitor, the LA need not propose another until the objection is withdrawn. So the record says whether
 * an objection is to one visitor or to anyone; while one to anyone stands, no duty to propose an IV is chased and
 * none falls due at reviews; its withdrawal re-opens the duty.
 */
const spec = specFor(childDecider);
const OBJECTED = at('2026-06-01');
const REFER: ChildCommand = { type: 'ReferToIvService', needs: [], interests: [], preferences: [] };

const RECONSIDER = ['reconsider-at-review', 'reconsider-after-ending', 'reconsider-after-withdrawal'];
const reconsiderDuties = (h: ChildHistory, now: string) =>
  kindsOn(h, now).filter((kind) => RECONSIDER.includes(kind));

describe.each(JURISDICTIONS)('an objection to having anyone as the IV, in $country', ({ la }) => {
  /** Matched, then the child objected to the appointment continuing, and to having anyone. */
  const objectedToAnyone = () => {
    const h = matched(la);
    h.record(
      { type: 'RecordObjectionToContinuing', sufficientUnderstanding: true, objectionTo: 'any-visitor' },
      OBJECTED,
    );
    return h;
  };

  it('given an objection to continuing and to anyone, then the IV ends and no duty to propose another is chased, even at reviews', () => {
    const h = objectedToAnyone();
    expect(h.state.relationship).toBeUndefined();
    expect(isObjecting(h.state)).toBe(true);
    h.record({ type: 'RecordReview', ivConsidered: true, outcome: 'child-objected' }, at('2026-06-10'));
    h.record({ type: 'RecordReview', ivConsidered: false, outcome: 'not-considered' }, at('2026-09-10'));
    expect(reconsiderDuties(h, at('2026-09-11'))).toEqual([]);
    expect(reconsiderDuties(h, at('2027-09-11'))).toEqual([]);
    spec(h).when(REFER, at('2026-09-12')).thenRefused('child-objected', 409);
  });

  it('given a standing objection, when a new decision is recorded, then it is refused until the withdrawal is', () => {
    const h = objectedToAnyone();
    h.record({ type: 'OfferIndependentVisitor' }, at('2026-07-01'));
    const refusal = spec(h)
      .when(
        { type: 'RecordChildDecision', decision: 'accepted', sufficientUnderstanding: true },
        at('2026-07-02'),
      )
      .thenRefused('objection-stands', 409);
    expect(refusal.message).toMatch(/record the withdrawal first/);
  });

  it('given a standing objection, when the child withdraws it, then the duty to consider an IV re-opens, once', () => {
    const h = objectedToAnyone();
    spec(h)
      .when({ type: 'WithdrawObjection' }, at('2026-07-01'))
      .then([{ type: 'ObjectionWithdrawn', data: { objectionTo: 'any-visitor' } }]);
    h.record({ type: 'WithdrawObjection' }, at('2026-07-01'));
    expect(isObjecting(h.state)).toBe(false);
    expect(openOn(h, at('2026-07-02')).filter((o) => RECONSIDER.includes(o.kind))).toMatchObject([
      // 20 working days after Wednesday 1 July 2026.
      { kind: 'reconsider-after-withdrawal', dueOn: '2026-07-29' },
    ]);
    h.record({ type: 'OfferIndependentVisitor' }, at('2026-07-06'));
    expect(reconsiderDuties(h, at('2026-07-07'))).toEqual([]);
    spec(h)
      .when(REFER, at('2026-07-08'))
      .then([{ type: 'ReferredToIvService' }]);
  });

  it('given reviews held while the objection stood, when it is withdrawn, then the review duty returns with the next review', () => {
    const h = objectedToAnyone();
    h.record({ type: 'RecordReview', ivConsidered: true, outcome: 'child-objected' }, at('2026-06-10'));
    h.record({ type: 'RecordReview', ivConsidered: false, outcome: 'not-considered' }, at('2026-09-10'));
    h.record({ type: 'WithdrawObjection' }, at('2026-10-01'));
    expect(
      openOn(h, at('2026-10-02'))
        .filter((o) => RECONSIDER.includes(o.kind))
        .map((o) => [o.kind, o.dueOn]),
    ).toEqual([
      ['reconsider-at-review', '2027-03-10'],
      ['reconsider-after-withdrawal', '2026-10-29'],
    ]);
  });

  it('given an offer, when the child objects to it with sufficient understanding, then the objection is to anyone and a waiting referral goes', () => {
    const h = referred(la);
    const [decision] = spec(h)
      .when({ type: 'RecordChildDecision', decision: 'objected', sufficientUnderstanding: true }, OBJECTED)
      .then([
        { type: 'ChildDecisionRecorded' },
        { type: 'ReferralWithdrawn', data: { referralId: 'referral-1', reason: 'child-objected' } },
      ]);
    expect(decision!.data).toMatchObject({ decision: 'objected', objectionTo: 'any-visitor' });
    h.record({ type: 'RecordChildDecision', decision: 'objected', sufficientUnderstanding: true }, OBJECTED);
    h.record({ type: 'RecordReview', ivConsidered: true, outcome: 'child-objected' }, at('2026-06-10'));
    expect(kindsOn(h, at('2026-06-11'))).toEqual([]);
  });

  it('given an offer, when the child objects to the proposed visitor only, then only that volunteer is barred and the referral waits on', () => {
    const h = referred(la);
    spec(h)
      .when(
        {
          type: 'RecordChildDecision',
          decision: 'objected',
          sufficientUnderstanding: true,
          objectionTo: 'proposed-visitor',
          proposedVolunteerId: 'volunteer-7',
        },
        OBJECTED,
      )
      .then([
        {
          type: 'ChildDecisionRecorded',
          data: {
            decision: 'objected',
            sufficientUnderstanding: true,
            objectionTo: 'proposed-visitor',
            proposedVolunteerId: 'volunteer-7',
          },
        },
      ]);
    h.record(
      {
        type: 'RecordChildDecision',
        decision: 'objected',
        sufficientUnderstanding: true,
        objectionTo: 'proposed-visitor',
        proposedVolunteerId: 'volunteer-7',
      },
      OBJECTED,
    );
    expect(isObjecting(h.state)).toBe(false);
    expect(kindsOn(h, at('2026-06-02'))).toContain('referral-waiting-too-long');
    const match = (volunteerId: string) => () =>
      decideMatch(
        { type: 'MatchVisitor' },
        h.state,
        approvedVolunteer(la, volunteerId).state,
        context(at('2026-06-03')),
      );
    expect(refusalOf(match('volunteer-7')).rule).toBe('child-objected-to-visitor');
    expect(match('volunteer-8')()[0].map((e) => e.type)).toEqual(['VisitorMatched']);

    h.record({ type: 'WithdrawObjection', volunteerId: 'volunteer-7' }, at('2026-06-03'));
    expect(match('volunteer-7')()[0].map((e) => e.type)).toEqual(['VisitorMatched']);
  });

  it('refuses an objection to a proposed visitor without the volunteer, and a scope on anything but an objection', () => {
    spec(offered(la))
      .when(
        {
          type: 'RecordChildDecision',
          decision: 'objected',
          sufficientUnderstanding: true,
          objectionTo: 'proposed-visitor',
        },
        OBJECTED,
      )
      .thenRefused('proposed-visitor', 422);
    spec(offered(la))
      .when(
        {
          type: 'RecordChildDecision',
          decision: 'accepted',
          sufficientUnderstanding: true,
          objectionTo: 'any-visitor',
        },
        OBJECTED,
      )
      .thenRefused('objection-scope', 422);
  });

  it('refuses a withdrawal when there is no objection on record, or one dated before the objection', () => {
    spec(offered(la)).when({ type: 'WithdrawObjection' }, OBJECTED).thenRefused('no-objection', 409);
    spec(offered(la))
      .when({ type: 'WithdrawObjection', volunteerId: 'volunteer-7' }, OBJECTED)
      .thenRefused('no-objection', 409);
    spec(objectedToAnyone())
      .when({ type: 'WithdrawObjection', occurredAt: at('2026-05-20') }, at('2026-06-05'), { reason: 'late' })
      .thenRefused('before-objection', 422);
  });
});
