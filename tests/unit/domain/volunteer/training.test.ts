import { describe, expect, it } from 'vitest';
import { calendarFor } from '../../../../domain/calendar';
import { obligationsOf } from '../../../../domain/obligations';
import { ENGLAND_DEFAULT_POLICY } from '../../../../domain/policy';
import {
  lapsedMandatoryTraining,
  type VolunteerCommand,
  type VolunteerState,
  volunteerDecider,
} from '../../../../domain/volunteer';
import { catalog } from '../../../../events/contracts';
import type { VolunteerEvent } from '../../../../events/contracts/volunteer';
import { specFor } from '../../../support/decider-spec';
import { approvedVolunteerSteps, History } from '../../../support/domain';

const NOW = '2026-01-10T10:00:00.000Z';
const given = specFor(volunteerDecider);
const approved = () => {
  const h = new History<VolunteerCommand, VolunteerEvent, VolunteerState>(volunteerDecider);
  for (const step of approvedVolunteerSteps()) h.record(step, NOW);
  return h;
};
const renewals = (state: VolunteerState, now = NOW) =>
  obligationsOf(state, ENGLAND_DEFAULT_POLICY, calendarFor('england'), new Date(now)).filter(
    (o) => o.kind === 'renew-training',
  );
const safeguarding = (completedOn: string, expiresOn?: string) =>
  ({ type: 'RecordTraining', course: 'safeguarding-children', completedOn, expiresOn }) as const;

describe('training with an expiry', () => {
  it('records the day completed and the day it expires', () => {
    given(approved())
      .when(safeguarding('2025-06-02', '2028-06-02'), NOW)
      .then([
        {
          type: 'VolunteerTrainingCompleted',
          data: { course: 'safeguarding-children', completedOn: '2025-06-02', expiresOn: '2028-06-02' },
        },
      ]);
  });

  it('refuses training completed in the future, or expiring before it was completed', () => {
    given(approved()).when(safeguarding('2026-01-11'), NOW).thenRefused('training-in-future', 422);
    given(approved())
      .when(safeguarding('2025-06-02', '2025-06-02'), NOW)
      .thenRefused('training-expiry-order', 422);
  });

  it('opens a renewal due on the expiry, or the working day before when it falls on a weekend', () => {
    const h = approved();
    h.record(safeguarding('2025-06-02', '2026-03-02'), NOW); // a Monday
    expect(renewals(h.state)).toEqual([
      expect.objectContaining({
        id: 'volunteer#volunteer-7:renew-training:safeguarding-children:2026-03-02',
        dueOn: '2026-03-02',
        dueAt: '2026-03-03T00:00:00.000Z',
      }),
    ]);
    const weekend = approved();
    weekend.record(safeguarding('2025-06-02', '2026-03-01'), NOW); // a Sunday: due on Friday 27 February
    expect(renewals(weekend.state).map((o) => o.dueOn)).toEqual(['2026-02-27']);
  });

  it('counts the reminder in working days, across a bank holiday', () => {
    const h = approved();
    // Due Tuesday 7 April 2026: 20 working days before it skip Good Friday (3 April) and Easter Monday (6 April),
    // so the reminder goes on Friday 6 March, not Tuesday 10 March.
    h.record(safeguarding('2025-06-02', '2026-04-07'), NOW);
    expect(renewals(h.state)[0]!.remindAt).toBe('2026-03-06T09:00:00.000Z');
  });

  it('replaces the renewal with the next one when the course is renewed, and an older completion changes nothing', () => {
    const h = approved();
    h.record(safeguarding('2023-03-01', '2026-03-02'), NOW);
    h.record(safeguarding('2026-01-05', '2029-01-05'), NOW);
    expect(renewals(h.state).map((o) => o.dueOn)).toEqual(['2029-01-05']);
    h.record(safeguarding('2024-01-05', '2027-01-05'), NOW);
    expect(h.state.training['safeguarding-children']).toMatchObject({ expiresOn: '2029-01-05' });
  });

  it('owes nothing for a course that does not expire, nor once the volunteer has left', () => {
    const h = approved();
    expect(renewals(h.state)).toEqual([]);
    h.record(safeguarding('2025-06-02', '2026-03-02'), NOW);
    h.record({ type: 'Withdraw', reason: 'own-choice' }, NOW);
    expect(renewals(h.state)).toEqual([]);
  });

  it('tells which mandatory courses have lapsed, standing through the expiry day, and which were never recorded', () => {
    const h = approved();
    h.record(safeguarding('2023-03-01', '2026-01-09'), NOW);
    const mandatory = ENGLAND_DEFAULT_POLICY.volunteers.mandatoryTraining;
    expect(lapsedMandatoryTraining(h.state.training, mandatory, '2026-01-09')).toEqual([]);
    expect(lapsedMandatoryTraining(h.state.training, mandatory, '2026-01-10')).toEqual([
      { course: 'safeguarding-children', expiredOn: '2026-01-09' },
    ]);
    expect(lapsedMandatoryTraining({}, mandatory, '2026-01-10')).toEqual([
      { course: 'iv-induction' },
      { course: 'safeguarding-children' },
    ]);
  });

  it('reads version 1, the course alone, as completed the day it was recorded and never lapsing', () => {
    expect(catalog.upcast('VolunteerTrainingCompleted', 1, { course: 'iv-induction' })).toEqual({
      schemaVersion: 2,
      data: { course: 'iv-induction' },
    });
    // What a writer of the course alone (the volunteers' CSV import) sends is valid at the current version.
    expect(() =>
      catalog.parseForWrite('VolunteerTrainingCompleted', 2, { course: 'iv-induction' }),
    ).not.toThrow();
    const h = approved();
    expect(h.state.training['iv-induction']).toEqual({ course: 'iv-induction', completedOn: '2026-01-10' });
  });
});
