import { describe, expect, it } from 'vitest';
import {
  executionNameFor,
  planEscalation,
  planReminder,
  type WorkflowObligation,
} from '../../../../application/deadlines/plan';

const obligation: WorkflowObligation = {
  id: 'child#c1:offer-iv-by-first-review:2026-06-01',
  kind: 'offer-iv-by-first-review',
  streamId: 'child#c1',
  la: 'E08000035',
  remindAt: '2026-06-22T08:00:00.000Z',
  dueAt: '2026-06-29T23:00:00.000Z',
  escalateEveryDays: 7,
};

describe('planning the deadline workflow', () => {
  it('names an execution after its obligation: stable, and within Step Functions name rules', () => {
    const name = executionNameFor(obligation.id);
    expect(name).toBe(executionNameFor(obligation.id));
    expect(name).not.toBe(executionNameFor(`${obligation.id}x`));
    expect(name).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
  });

  it('escalation n falls n cadences after the due day, at London midnight (BST here)', () => {
    const step = planEscalation({
      obligation,
      escalationsDone: 1,
      executionName: 'ob-x',
      executionStartedAt: '2026-06-01T09:00:00.000Z',
      now: new Date('2026-07-07T00:00:00.000Z'),
    });
    expect(step).toMatchObject({
      done: false,
      number: 2,
      at: '2026-07-13T23:00:00.000Z',
      continueAsNew: false,
    });
  });

  it('a workflow that starts long after the miss makes only the latest escalation due, not every missed one', () => {
    const step = planEscalation({
      obligation,
      escalationsDone: 0,
      executionName: 'ob-x',
      executionStartedAt: '2026-09-01T00:00:00.000Z',
      now: new Date('2026-09-01T00:00:00.000Z'),
    });
    // Nine weekly periods have passed since the day after the deadline: one escalation, numbered 9, now.
    expect(step).toMatchObject({ done: false, number: 9, at: '2026-08-31T23:00:00.000Z' });
  });

  it('continues as a new execution when the next escalation would pass the one-year horizon', () => {
    const step = planEscalation({
      obligation,
      escalationsDone: 49,
      executionName: 'ob-x--e10',
      executionStartedAt: '2026-06-01T09:00:00.000Z',
      now: new Date('2027-06-01T00:00:00.000Z'),
    });
    expect(step).toMatchObject({
      continueAsNew: true,
      continueAs: 'ob-x--e49',
      continuedAt: '2027-06-01T00:00:00.000Z',
    });
  });

  it('a fresh execution never continues at once, so a long cadence cannot spin', () => {
    const step = planEscalation({
      obligation: { ...obligation, escalateEveryDays: 400 },
      escalationsDone: 0,
      executionName: 'ob-x',
      executionStartedAt: '2026-07-01T00:00:00.000Z',
      now: new Date('2026-07-01T00:00:00.000Z'),
    });
    expect(step.continueAsNew).toBe(false);
  });

  it('no cadence means no repeated escalation', () => {
    const step = planEscalation({
      obligation: { ...obligation, escalateEveryDays: 0 },
      escalationsDone: 0,
      executionName: 'ob-x',
      executionStartedAt: '2026-06-01T09:00:00.000Z',
      now: new Date('2026-06-30T00:00:00.000Z'),
    });
    expect(step).toEqual({ done: true });
  });

  it('a reminder years away waits for the horizon and carries on in a new execution', () => {
    const far = { ...obligation, remindAt: '2029-03-01T09:00:00.000Z' };
    const step = planReminder({
      obligation: far,
      executionName: 'ob-x',
      executionStartedAt: '2026-06-01T09:00:00.000Z',
    });
    expect(step).toMatchObject({
      continueAsNew: true,
      at: '2027-05-27T09:00:00.000Z',
      continuedAt: '2027-05-27T09:00:00.000Z',
    });
    expect(step.continueAs).toBe('ob-x--r20270527');
    expect(
      planReminder({ obligation, executionName: 'ob-x', executionStartedAt: '2026-06-01T09:00:00.000Z' }),
    ).toEqual({
      done: false,
      at: obligation.remindAt,
      continueAsNew: false,
    });
  });
});
