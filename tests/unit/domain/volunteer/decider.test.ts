import { describe, expect, it } from 'vitest';
import { calendarFor } from '../../../../domain/calendar';
import { obligationsOf } from '../../../../domain/obligations';
import { ENGLAND_DEFAULT_POLICY } from '../../../../domain/policy';
import { type VolunteerCommand, type VolunteerState, volunteerDecider } from '../../../../domain/volunteer';
import type { VolunteerEvent } from '../../../../events/contracts/volunteer';
import { specFor } from '../../../support/decider-spec';
import { approvedVolunteerSteps, History, systemActor } from '../../../support/domain';

const NOW = '2026-01-10T10:00:00.000Z';
const volunteer = (steps: readonly VolunteerCommand[] = approvedVolunteerSteps()) => {
  const h = new History<VolunteerCommand, VolunteerEvent, VolunteerState>(volunteerDecider);
  for (const step of steps) h.record(step, NOW);
  return h;
};
const given = specFor(volunteerDecider);

describe('how a volunteer wants to hear from the service', () => {
  const apply = { type: 'Apply', volunteerId: 'volunteer-8', la: 'E08000035' } as const;
  it('records text messages in Welsh for a volunteer with a phone number', () => {
    given(volunteer([]))
      .when({ ...apply, phone: '07700 900123', contactChannel: 'sms', correspondenceLanguage: 'cy' }, NOW)
      .then([
        {
          type: 'VolunteerApplied',
          data: {
            volunteerId: 'volunteer-8',
            la: 'E08000035',
            phone: '07700 900123',
            contactChannel: 'sms',
            correspondenceLanguage: 'cy',
          },
        },
      ]);
  });
  it('refuses text messages without a phone number, and emails without an email address', () => {
    given(volunteer([]))
      .when({ ...apply, contactChannel: 'sms' }, NOW)
      .thenRefused('contact-channel-needs-detail', 422);
    given(volunteer())
      .when({ type: 'ChangeDetails', changes: { contactChannel: 'email' } }, NOW)
      .thenRefused('contact-channel-needs-detail', 422);
    given(volunteer())
      .when({ type: 'ChangeDetails', changes: { email: 'sian@example.com', contactChannel: 'email' } }, NOW)
      .then([
        {
          type: 'VolunteerDetailsChanged',
          data: { changes: { email: 'sian@example.com', contactChannel: 'email' } },
        },
      ]);
  });
});

describe('recruiting and approving a volunteer', () => {
  it('records application, references, DBS (number and date only), training, independence and approval at capacity 1', () => {
    const h = volunteer();
    expect(h.types()).toEqual([
      'VolunteerApplied',
      'VolunteerReferenceReceived',
      'VolunteerReferenceReceived',
      'DbsCheckRecorded',
      'VolunteerTrainingCompleted',
      'IndependenceDeclared',
      'VolunteerApproved',
    ]);
    expect(h.state).toMatchObject({ status: 'approved', capacity: 1, streamId: 'volunteer#volunteer-7' });
  });

  const withoutStep = (index: number) => approvedVolunteerSteps().filter((_, i) => i !== index && i !== 6);
  it('refuses approval without 2 satisfactory references', () => {
    given(volunteer(withoutStep(2)))
      .when({ type: 'Approve' }, NOW)
      .thenRefused('references');
  });
  it('refuses approval without a valid DBS check', () => {
    given(volunteer(withoutStep(3)))
      .when({ type: 'Approve' }, NOW)
      .thenRefused('no-valid-dbs');
  });
  it('refuses approval without training', () => {
    given(volunteer(withoutStep(4)))
      .when({ type: 'Approve' }, NOW)
      .thenRefused('no-training');
  });
  it('refuses approval without the independence declaration', () => {
    given(volunteer(withoutStep(5)))
      .when({ type: 'Approve' }, NOW)
      .thenRefused('not-independent');
  });

  it('refuses a DBS certificate issued in the future, and a renewal older than the current one', () => {
    const h = volunteer();
    const cert = {
      level: 'enhanced',
      certificateNumber: '009999999999',
      updateServiceSubscribed: false,
    } as const;
    given(h)
      .when({ type: 'RecordDbsCheck', ...cert, issuedOn: '2026-02-01' }, NOW)
      .thenRefused('dbs-future');
    given(h)
      .when({ type: 'RenewDbsCheck', ...cert, issuedOn: '2025-01-01' }, NOW)
      .thenRefused('dbs-older');
  });

  it('pauses and resumes, suspends and lifts, records supervision, and changes capacity', () => {
    const h = volunteer();
    h.record({ type: 'Pause', reason: 'health' }, NOW);
    given(h).when({ type: 'Pause', reason: 'health' }, NOW).thenRefused('already-paused');
    h.record({ type: 'Resume' }, NOW);
    h.record({ type: 'Suspend', reason: 'conduct' }, NOW);
    h.record({ type: 'LiftSuspension' }, NOW);
    h.record({ type: 'RecordSupervision' }, NOW);
    h.record({ type: 'ChangeCapacity', capacity: 2 }, NOW);
    expect(h.state).toMatchObject({ paused: false, suspended: false, supervisionSessions: 1, capacity: 2 });
    given(h).when({ type: 'ChangeCapacity', capacity: 0 }, NOW).thenRefused('capacity-range');
  });

  it('refuses withdrawal while matched, and every command after withdrawal', () => {
    const h = volunteer();
    h.apply([{ type: 'VolunteerMatchedWithChild', data: { matchId: 'match-1', childId: 'child-1' } }], NOW);
    given(h).when({ type: 'Withdraw', reason: 'own-choice' }, NOW).thenRefused('has-matches');
    h.apply(
      [
        {
          type: 'VolunteerMatchEnded',
          data: { matchId: 'match-1', childId: 'child-1', reason: 'iv-resigned' },
        },
      ],
      NOW,
    );
    h.record({ type: 'Withdraw', reason: 'own-choice' }, NOW);
    given(h).when({ type: 'RecordSupervision' }, NOW).thenRefused('withdrawn');
  });
});

describe("the volunteer's DBS re-check obligation", () => {
  const policy = ENGLAND_DEFAULT_POLICY;
  const calendar = calendarFor('england');

  it('falls due 3 years after issue without the Update Service, and moves to the new certificate on renewal', () => {
    const h = volunteer();
    const [o] = obligationsOf(h.state, policy, calendar, new Date(NOW));
    expect(o).toMatchObject({
      kind: 'dbs-recheck-due',
      // The certificate is named by its issue date: its number is personal data and never leaves the stream.
      id: 'volunteer#volunteer-7:dbs-recheck-due:2025-11-03:2028-11-03',
      dueOn: '2028-11-03',
    });
    h.record(
      {
        type: 'RenewDbsCheck',
        level: 'enhanced',
        certificateNumber: '005555555555',
        issuedOn: '2026-01-09',
        updateServiceSubscribed: true,
      },
      NOW,
    );
    expect(obligationsOf(h.state, policy, calendar, new Date(NOW))[0]!.id).toBe(
      'volunteer#volunteer-7:dbs-recheck-due:2026-01-09:2027-01-09',
    );
  });

  it('records a reminder on the volunteer stream for an open DBS obligation, once', () => {
    const h = volunteer();
    const id = 'volunteer#volunteer-7:dbs-recheck-due:2025-11-03:2028-11-03';
    const remind: VolunteerCommand = { type: 'RecordObligationReminder', obligationId: id };
    expect(h.record(remind, '2028-10-01T09:00:00.000Z', { actor: systemActor }).map((e) => e.type)).toEqual([
      'ObligationReminderSent',
    ]);
    expect(h.decide(remind, '2028-10-02T09:00:00.000Z', { actor: systemActor })).toEqual([]);
  });

  it('is due at once when the Update Service reports new information', () => {
    const h = volunteer();
    h.record(
      {
        type: 'RenewDbsCheck',
        level: 'enhanced',
        certificateNumber: '005555555555',
        issuedOn: '2026-01-09',
        updateServiceSubscribed: true,
      },
      NOW,
    );
    h.record({ type: 'RecordUpdateServiceCheck', result: 'new-information' }, NOW);
    expect(obligationsOf(h.state, policy, calendar, new Date(NOW))[0]).toMatchObject({
      id: 'volunteer#volunteer-7:dbs-recheck-due:2026-01-09:new-information',
      dueOn: '2026-01-10',
    });
  });
});
