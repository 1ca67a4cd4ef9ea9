import { describe, expect, it } from 'vitest';
import { type ChildCommand, type ChildState, childDecider } from '../../../domain/child';
import { DomainRuleBroken } from '../../../domain/decider';
import { ENGLAND_DEFAULT_POLICY } from '../../../domain/policy';
import { childRetention, erasureSubjectOf, volunteerRetention } from '../../../domain/retention';
import { type VolunteerCommand, type VolunteerState, volunteerDecider } from '../../../domain/volunteer';
import type { ChildEvent } from '../../../events/contracts/child';
import type { VolunteerEvent } from '../../../events/contracts/volunteer';
import { approvedVolunteerSteps, enterCare, History, systemActor } from '../../support/domain';

const policy = ENGLAND_DEFAULT_POLICY;
const child = (dateOfBirth = '2016-03-14') => {
  const h = new History<ChildCommand, ChildEvent, ChildState>(childDecider);
  h.record(enterCare({ dateOfBirth }), '2026-01-05T10:00:00.000Z');
  return h;
};
const ruleOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainRuleBroken) return error.rule;
    throw error;
  }
  return undefined;
};
const atRetention: ChildCommand = { type: 'EraseAtEndOfRetention' };
const byRequest: ChildCommand = {
  type: 'ErasePersonalData',
  basis: 'erasure-request',
  reason: 'Request SAR-7',
};
const asSystem = { actor: systemActor };

describe('how long personal data is kept (2010 Regulations reg 50; local policy for volunteers)', () => {
  it("keeps a child's record until the 75th anniversary of their birth", () => {
    expect(childRetention(child('2016-03-14').state, policy)).toEqual({
      until: '2091-03-14',
      rule: expect.stringContaining('reg 50: until the 75th anniversary'),
    });
    expect(childRetention(child('2012-02-29').state, policy)?.until).toBe('2087-02-28');
  });

  it('keeps it for 15 years from the death of a child who died before 18, and to 75 after one who died older', () => {
    const h = child('2016-03-14');
    h.record({ type: 'LeaveCare', reason: 'died' }, '2026-02-01T10:00:00.000Z');
    expect(childRetention(h.state, policy)).toEqual({
      until: '2041-01-31',
      rule: expect.stringContaining('15 years from the death of a child who died before 18'),
    });
  });

  it("keeps a volunteer's record for the policy's years after they leave, and while they are active", () => {
    const h = new History<VolunteerCommand, VolunteerEvent, VolunteerState>(volunteerDecider);
    for (const step of approvedVolunteerSteps()) h.record(step, '2026-01-05T10:00:00.000Z');
    expect(volunteerRetention(h.state, policy)).toBeUndefined();
    h.record({ type: 'Withdraw', reason: 'own-choice' }, '2026-05-20T10:00:00.000Z');
    expect(volunteerRetention(h.state, policy)).toEqual({
      until: '2032-05-20',
      rule: expect.stringContaining('6 years after leaving'),
    });
    // A leaver's record is the one held and erased: these are open to a withdrawn volunteer.
    expect(h.record({ type: 'PlaceLegalHold', reason: 'Claim 42' }, '2026-06-01T10:00:00.000Z')).toHaveLength(
      1,
    );
  });
});

describe('erasure', () => {
  it('at the end of retention: by the system only, only after the last day, keeping coarse statistics', () => {
    const h = child('2016-03-14');
    expect(ruleOf(() => h.decide(atRetention, '2091-03-15T10:00:00.000Z'))).toBe('system-only');
    expect(h.decide(atRetention, '2091-03-14T20:00:00.000Z', asSystem)).toEqual([]);
    expect(h.record(atRetention, '2091-03-15T10:00:00.000Z', asSystem)).toEqual([
      {
        type: 'PersonalDataErased',
        data: {
          basis: 'retention-period-ended',
          policy: expect.stringContaining('reg 50'),
          reason: 'The retention period set by this rule has ended.',
          retained: { birthMonth: '2016-03', ethnicGroup: 'Mixed' },
        },
      },
    ]);
    expect(h.decide(atRetention, '2091-03-16T10:00:00.000Z', asSystem)).toEqual([]);
  });

  it('on request: refused a second time, and nothing more can be recorded on the record', () => {
    const h = child();
    expect(h.record(byRequest, '2026-02-01T10:00:00.000Z').map((e) => e.data)).toEqual([
      expect.objectContaining({ basis: 'erasure-request', reason: 'Request SAR-7' }),
    ]);
    expect(ruleOf(() => h.decide(byRequest, '2026-02-02T10:00:00.000Z'))).toBe('already-erased');
    expect(ruleOf(() => h.decide({ type: 'RecordChildTold' }, '2026-02-02T10:00:00.000Z'))).toBe('erased');
    expect(ruleOf(() => h.decide({ type: 'PlaceLegalHold', reason: 'x' }, '2026-02-02T10:00:00.000Z'))).toBe(
      'already-erased',
    );
  });

  it('is blocked by a legal hold, on request and at the end of retention, until the hold is lifted', () => {
    const h = child('2016-03-14');
    const [placed] = h.record(
      { type: 'PlaceLegalHold', reason: 'Claim 2026/114' },
      '2026-02-01T10:00:00.000Z',
    );
    expect(placed).toEqual({ type: 'LegalHoldPlaced', data: { holdId: 'hold-1', reason: 'Claim 2026/114' } });
    expect(ruleOf(() => h.decide(byRequest, '2026-02-02T10:00:00.000Z'))).toBe('legal-hold');
    expect(h.decide(atRetention, '2092-01-01T10:00:00.000Z', asSystem)).toEqual([]);
    expect(erasureSubjectOf(h.state, policy).retention?.until).toBe('2091-03-14');

    expect(
      ruleOf(() =>
        h.decide({ type: 'LiftLegalHold', holdId: 'hold-9', reason: 'x' }, '2026-02-03T10:00:00.000Z'),
      ),
    ).toBe('no-such-hold');
    h.record(
      { type: 'LiftLegalHold', holdId: 'hold-1', reason: 'Claim settled' },
      '2092-01-01T10:00:00.000Z',
    );
    expect(h.decide(atRetention, '2092-01-01T11:00:00.000Z', asSystem).map((e) => e.type)).toEqual([
      'PersonalDataErased',
    ]);
    expect(h.decide(byRequest, '2092-01-01T11:00:00.000Z').map((e) => e.type)).toEqual([
      'PersonalDataErased',
    ]);
  });
});
