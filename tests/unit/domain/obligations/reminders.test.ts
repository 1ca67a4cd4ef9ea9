import { describe, expect, it } from 'vitest';
import { calendarFor } from '../../../../domain/calendar';
import { type ChildCommand, type ChildState, childDecider } from '../../../../domain/child';
import { DomainRuleBroken } from '../../../../domain/decider';
import { escalationAt, obligationsOf } from '../../../../domain/obligations';
import { ENGLAND_DEFAULT_POLICY } from '../../../../domain/policy';
import type { ChildEvent } from '../../../../events/contracts/child';
import { enterCare, History, systemActor } from '../../../support/domain';

const ID = 'child#child-1:offer-iv-by-first-review:2025-12-19';
const DUE_AT = '2026-01-22T00:00:00.000Z';
const asSystem = { actor: systemActor };
const given = () => {
  const h = new History<ChildCommand, ChildEvent, ChildState>(childDecider);
  h.record(enterCare(), '2025-12-19T11:00:00.000Z');
  return h;
};
const remind: ChildCommand = { type: 'RecordObligationReminder', obligationId: ID };
const miss: ChildCommand = { type: 'RecordMissedDeadline', obligationId: ID };
const escalate = (escalation: number): ChildCommand => ({
  type: 'RecordEscalation',
  obligationId: ID,
  escalation,
});

describe('recording reminders for an open obligation', () => {
  it('given the reminder time, when the workflow records a reminder, then it is recorded once only', () => {
    const h = given();
    expect(h.record(remind, '2026-01-14T09:00:00.000Z', asSystem)).toEqual([
      {
        type: 'ObligationReminderSent',
        data: { obligationId: ID, kind: 'offer-iv-by-first-review', dueAt: DUE_AT },
      },
    ]);
    expect(h.decide(remind, '2026-01-14T09:05:00.000Z', asSystem)).toEqual([]);
  });

  it('records nothing before the reminder time', () => {
    expect(given().decide(remind, '2026-01-14T08:59:00.000Z', asSystem)).toEqual([]);
  });

  it('records no reminder, missed deadline or escalation once the offer has been made', () => {
    const h = given();
    h.record({ type: 'OfferIndependentVisitor' }, '2026-01-13T10:00:00.000Z');
    expect(h.decide(remind, '2026-01-14T09:00:00.000Z', asSystem)).toEqual([]);
    expect(h.decide(miss, DUE_AT, asSystem)).toEqual([]);
    expect(h.decide(escalate(1), '2026-02-01T00:00:00.000Z', asSystem)).toEqual([]);
  });

  it('records the missed deadline only from the due time, and once', () => {
    const h = given();
    expect(h.decide(miss, '2026-01-21T23:59:59.000Z', asSystem)).toEqual([]);
    expect(h.record(miss, DUE_AT, asSystem).map((e) => e.type)).toEqual(['ObligationDeadlineMissed']);
    expect(h.decide(miss, '2026-01-23T00:00:00.000Z', asSystem)).toEqual([]);
  });

  it('records each escalation once, no earlier than every escalateEveryDays after the due time', () => {
    const h = given();
    const [o] = obligationsOf(h.state, ENGLAND_DEFAULT_POLICY, calendarFor('england'), new Date(DUE_AT));
    expect(escalationAt(o!, 1)).toBe('2026-01-29T00:00:00.000Z');
    expect(escalationAt(o!, 2)).toBe('2026-02-05T00:00:00.000Z');
    expect(h.decide(escalate(1), '2026-01-28T23:00:00.000Z', asSystem)).toEqual([]);
    expect(h.record(escalate(1), '2026-01-29T00:00:00.000Z', asSystem)).toEqual([
      {
        type: 'ObligationEscalated',
        data: { obligationId: ID, kind: 'offer-iv-by-first-review', dueAt: DUE_AT, escalation: 1 },
      },
    ]);
    expect(h.decide(escalate(1), '2026-02-01T00:00:00.000Z', asSystem)).toEqual([]);
    expect(h.decide(escalate(2), '2026-02-05T00:00:00.000Z', asSystem)).toHaveLength(1);
  });

  it('records nothing for an obligation id that was never open', () => {
    expect(
      given().decide({ type: 'RecordMissedDeadline', obligationId: 'child#child-1:nope' }, DUE_AT, asSystem),
    ).toEqual([]);
  });

  it('refuses reminders recorded by a person, and escalation number 0', () => {
    expect(() => given().decide(remind, '2026-01-14T09:00:00.000Z')).toThrow(DomainRuleBroken);
    expect(() => given().decide(escalate(0), '2026-02-14T09:00:00.000Z', asSystem)).toThrow(
      /numbered 1, 2, 3/,
    );
  });
});
