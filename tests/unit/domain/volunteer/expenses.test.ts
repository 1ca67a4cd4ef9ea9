import { describe, expect, it } from 'vitest';
import { type VolunteerCommand, type VolunteerState, volunteerDecider } from '../../../../domain/volunteer';
import type { VolunteerEvent } from '../../../../events/contracts/volunteer';
import { specFor } from '../../../support/decider-spec';
import { approvedVolunteerSteps, History } from '../../../support/domain';

const APPROVED_AT = '2026-01-10T10:00:00.000Z';
const NOW = '2026-02-03T12:00:00.000Z';
const visitorActor = { id: 'visitor-1', role: 'independent-visitor', la: 'E08000035' } as const;
const given = specFor(volunteerDecider);

const approved = () => {
  const h = new History<VolunteerCommand, VolunteerEvent, VolunteerState>(volunteerDecider);
  for (const step of approvedVolunteerSteps()) h.record(step, APPROVED_AT);
  return h;
};
const claim = (overrides: Partial<Extract<VolunteerCommand, { type: 'ClaimExpense' }>> = {}) =>
  ({
    type: 'ClaimExpense',
    claimId: 'claim0001',
    amountPence: 1250,
    category: 'travel',
    spentOn: '2026-02-02',
    description: 'Bus fares to the park and back',
    receiptKey: 'receipts/volunteer-7/claim0001.jpg',
    ...overrides,
  }) as const;
const claimed = () => {
  const h = approved();
  h.record(claim(), NOW, { actor: visitorActor });
  return h;
};

describe('claiming an expense', () => {
  it('records the claim with its amount in pence, category, day, description and receipt', () => {
    given(approved())
      .when(claim(), NOW, { actor: visitorActor })
      .then([
        {
          type: 'ExpenseClaimed',
          data: {
            claimId: 'claim0001',
            amountPence: 1250,
            category: 'travel',
            spentOn: '2026-02-02',
            description: 'Bus fares to the park and back',
            receiptKey: 'receipts/volunteer-7/claim0001.jpg',
          },
        },
      ]);
  });

  it('holds the claim as waiting for the coordinator', () => {
    expect(claimed().state.expenseClaims).toEqual([
      expect.objectContaining({ claimId: 'claim0001', status: 'waiting', claimedOn: '2026-02-03' }),
    ]);
  });

  it('refuses a claim by a volunteer who is not approved', () => {
    const h = new History<VolunteerCommand, VolunteerEvent, VolunteerState>(volunteerDecider);
    h.record({ type: 'Apply', volunteerId: 'volunteer-7', la: 'E08000035' }, APPROVED_AT);
    given(h).when(claim(), NOW).thenRefused('not-approved', 409);
  });

  it('refuses an amount of nothing, or over £1,000', () => {
    given(approved())
      .when(claim({ amountPence: 0 }), NOW)
      .thenRefused('expense-amount', 422);
    given(approved())
      .when(claim({ amountPence: 100_001 }), NOW)
      .thenRefused('expense-amount', 422);
  });

  it('refuses money spent in the future, or before the volunteer was approved', () => {
    given(approved())
      .when(claim({ spentOn: '2026-02-04' }), NOW)
      .thenRefused('expense-in-future', 422);
    given(approved())
      .when(claim({ spentOn: '2026-01-09' }), NOW)
      .thenRefused('expense-before-approval', 422);
  });

  it('refuses a receipt kept under another volunteer, and the same claim twice', () => {
    given(approved())
      .when(claim({ receiptKey: 'receipts/volunteer-8/claim0001.jpg' }), NOW)
      .thenRefused('receipt-not-theirs', 422);
    given(claimed()).when(claim(), NOW).thenRefused('claim-exists', 409);
  });
});

describe('deciding on a claim', () => {
  it('approves a waiting claim', () => {
    given(claimed())
      .when({ type: 'ApproveExpenseClaim', claimId: 'claim0001' }, NOW)
      .then([{ type: 'ExpenseClaimApproved', data: { claimId: 'claim0001' } }]);
  });

  it('rejects a waiting claim with the reason given', () => {
    given(claimed())
      .when(
        { type: 'RejectExpenseClaim', claimId: 'claim0001', reason: ' The receipt is for another day ' },
        NOW,
      )
      .then([
        {
          type: 'ExpenseClaimRejected',
          data: { claimId: 'claim0001', reason: 'The receipt is for another day' },
        },
      ]);
  });

  it('refuses a rejection without a reason', () => {
    given(claimed())
      .when({ type: 'RejectExpenseClaim', claimId: 'claim0001', reason: '   ' }, NOW)
      .thenRefused('rejection-needs-reason', 422);
  });

  it('refuses to decide twice, or on a claim that does not exist', () => {
    const h = claimed();
    h.record({ type: 'ApproveExpenseClaim', claimId: 'claim0001' }, NOW);
    expect(h.state.expenseClaims[0]).toMatchObject({ status: 'approved', decidedOn: '2026-02-03' });
    given(h)
      .when({ type: 'RejectExpenseClaim', claimId: 'claim0001', reason: 'Too late' }, NOW)
      .thenRefused('claim-decided', 409);
    given(h)
      .when({ type: 'ApproveExpenseClaim', claimId: 'claim0002' }, NOW)
      .thenRefused('no-such-claim', 409);
  });

  it('never lets the volunteer decide on their own claim', () => {
    given(claimed())
      .when({ type: 'ApproveExpenseClaim', claimId: 'claim0001' }, NOW, { actor: visitorActor })
      .thenRefused('own-claim', 409);
  });

  it('still decides on the claims of a volunteer who has left', () => {
    const h = claimed();
    h.record({ type: 'Withdraw', reason: 'own-choice' }, NOW);
    given(h)
      .when({ type: 'ApproveExpenseClaim', claimId: 'claim0001' }, NOW)
      .then([{ type: 'ExpenseClaimApproved', data: { claimId: 'claim0001' } }]);
    given(h)
      .when(claim({ claimId: 'claim0002' }), NOW)
      .thenRefused('withdrawn', 409);
  });
});
