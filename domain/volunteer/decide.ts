import type { VolunteerEvent } from '../../events/contracts/volunteer';
import { addMonths, calendarFor, londonDateOf, longDateOf } from '../calendar';
import { type Decided, type DecisionContext, DomainRuleBroken } from '../decider';
import { openObligation } from '../obligations';
import { decideObligationStage } from '../obligations/stages';
import { decidePersonalData, ERASED_MESSAGE, isPersonalDataCommand } from '../personal-data';
import type { Policy, PolicySource } from '../policy';
import { notBefore, whenOf } from '../recording';
import { erasureSubjectOf } from '../retention';
import type { VolunteerCommand } from './commands';
import { checkContactChannel } from './contact';
import { decideClaim, decideClaimDecision } from './expense-claims';
import { independenceProblem } from './independence';
import { hasValidDbs, type VolunteerState } from './state';

const conflict = (message: string, rule: string) => new DomainRuleBroken(message, 409, rule);
const invalid = (message: string, rule: string) => new DomainRuleBroken(message, 422, rule);

export function decideVolunteer(
  command: VolunteerCommand,
  state: VolunteerState,
  context: DecisionContext,
  policies: PolicySource,
): Decided<VolunteerEvent>[] {
  if (command.type === 'Apply') {
    if (state.status !== 'not-recorded')
      throw conflict('This volunteer has already applied.', 'already-applied');
    const when = whenOf(command, context, policies(command.la));
    const { type: _, occurredAt: __, ...data } = command;
    checkContactChannel(data);
    const event: Decided<VolunteerEvent> = { type: 'VolunteerApplied', data };
    return [when.occurredAt ? { ...event, occurredAt: when.occurredAt } : event];
  }
  if (state.status === 'not-recorded' || !state.la)
    throw conflict('There is no application from this volunteer.', 'volunteer-not-recorded');
  const policy = policies(state.la);

  if (
    command.type === 'RecordObligationReminder' ||
    command.type === 'RecordMissedDeadline' ||
    command.type === 'RecordEscalation'
  ) {
    const open = openObligation(
      state,
      policy,
      calendarFor(policy.jurisdiction),
      context.now,
      command.obligationId,
    );
    return decideObligationStage(command, state.stages, open, context);
  }
  // Before the check for a withdrawn volunteer: a leaver's record is the one that is held, and then erased.
  if (isPersonalDataCommand(command))
    return decidePersonalData(command, state.personalData, erasureSubjectOf(state, policy), context);
  if (state.personalData.erased) throw conflict(ERASED_MESSAGE, 'erased');
  // Before the check for a withdrawn volunteer: what a leaver spent while they visited is still paid, or refused.
  if (command.type === 'ApproveExpenseClaim' || command.type === 'RejectExpenseClaim')
    return decideClaimDecision(command, state, context);
  if (state.status === 'withdrawn') throw conflict('This volunteer has withdrawn.', 'withdrawn');

  const when = whenOf(command, context, policy);
  notBefore(when.at, state.appliedAt, 'That date is before the volunteer applied.', 'before-application');
  const on = londonDateOf(when.at);
  const one = (event: VolunteerEvent): Decided<VolunteerEvent>[] => [
    when.occurredAt ? { ...event, occurredAt: when.occurredAt } : event,
  ];
  const approved = () => {
    if (state.status !== 'approved') throw conflict('This volunteer has not been approved.', 'not-approved');
  };

  switch (command.type) {
    case 'ChangeDetails': {
      // Only what differs from the profile on record is a change.
      const changes = Object.fromEntries(
        Object.entries(command.changes).filter(
          ([key, value]) =>
            value !== undefined &&
            JSON.stringify(value) !== JSON.stringify(state.profile[key as keyof typeof state.profile]),
        ),
      );
      checkContactChannel({ ...state.profile, ...changes });
      return Object.keys(changes).length === 0
        ? []
        : one({ type: 'VolunteerDetailsChanged', data: { changes } });
    }
    case 'RecordReference':
      return one({
        type: 'VolunteerReferenceReceived',
        data: { referenceId: command.referenceId, satisfactory: command.satisfactory },
      });
    case 'RecordDbsCheck':
    case 'RenewDbsCheck': {
      if (command.issuedOn > on)
        throw invalid('The DBS certificate cannot be issued in the future.', 'dbs-future');
      const lapsedOn = addMonths(command.issuedOn, policy.volunteers.dbs.recheckEveryMonths);
      if (!command.updateServiceSubscribed && lapsedOn < on)
        throw invalid(
          `A DBS certificate issued on ${longDateOf(command.issuedOn)} stopped standing on ${longDateOf(lapsedOn)} under this local authority's policy: record a newer check.`,
          'dbs-lapsed',
        );
      if (command.type === 'RenewDbsCheck' && !state.dbs)
        throw conflict('There is no DBS check to renew; record the first check.', 'no-dbs');
      if (command.type === 'RenewDbsCheck' && command.issuedOn < state.dbs!.issuedOn)
        throw invalid('The new DBS certificate is older than the one it replaces.', 'dbs-older');
      const { type, occurredAt: _, ...certificate } = command;
      return one({
        type: type === 'RecordDbsCheck' ? 'DbsCheckRecorded' : 'DbsCheckRenewed',
        data: certificate,
      });
    }
    case 'RecordUpdateServiceCheck':
      if (!state.dbs?.updateServiceSubscribed)
        throw conflict('This volunteer is not subscribed to the DBS Update Service.', 'no-update-service');
      return one({ type: 'DbsUpdateServiceChecked', data: { result: command.result } });
    case 'RecordTraining': {
      const completedOn = command.completedOn ?? on;
      if (completedOn > londonDateOf(context.now))
        throw invalid('The training cannot be completed in the future.', 'training-in-future');
      if (command.expiresOn !== undefined && command.expiresOn <= completedOn)
        throw invalid('The training must expire after the day it was completed.', 'training-expiry-order');
      return one({
        type: 'VolunteerTrainingCompleted',
        data: {
          course: command.course,
          ...(command.completedOn ? { completedOn } : {}),
          ...(command.expiresOn ? { expiresOn: command.expiresOn } : {}),
        },
      });
    }
    case 'ClaimExpense':
      return decideClaim(command, state, context);
    case 'DeclareIndependence': {
      if (
        policy.volunteers.independenceIncludesPlacementProvider &&
        command.connectedWithPlacementProvider === undefined
      )
        throw invalid(
          'Say whether the volunteer is connected with a provider of placements for the local authority’s ' +
            'children: this local authority asks it.',
          'independence-answer-missing',
        );
      return one({
        type: 'IndependenceDeclared',
        data: {
          wordingVersion: command.wordingVersion,
          electedMemberOfLa: command.electedMemberOfLa,
          employeeOfLa: command.employeeOfLa,
          relativeOrHouseholdMemberOfEither: command.relativeOrHouseholdMemberOfEither,
          ...(command.connectedWithPlacementProvider !== undefined
            ? { connectedWithPlacementProvider: command.connectedWithPlacementProvider }
            : {}),
        },
      });
    }
    case 'Approve': {
      if (state.status === 'approved')
        throw conflict('This volunteer is already approved.', 'already-approved');
      checkReadyForApproval(state, policy, on);
      const capacity = command.capacity ?? policy.volunteers.defaultCapacity;
      checkCapacity(capacity, state);
      return one({ type: 'VolunteerApproved', data: { capacity } });
    }
    case 'ChangeCapacity':
      approved();
      checkCapacity(command.capacity, state);
      return one({ type: 'VolunteerCapacityChanged', data: { capacity: command.capacity } });
    case 'Pause':
      if (state.paused) throw conflict('This volunteer is already paused.', 'already-paused');
      return one({ type: 'VolunteerPaused', data: { reason: command.reason } });
    case 'Resume':
      if (!state.paused) throw conflict('This volunteer is not paused.', 'not-paused');
      return one({ type: 'VolunteerResumed', data: {} });
    case 'RecordSupervision':
      approved();
      return one({ type: 'SupervisionSessionHeld', data: {} });
    case 'Suspend':
      if (state.suspended) throw conflict('This volunteer is already suspended.', 'already-suspended');
      return one({ type: 'VolunteerSuspended', data: { reason: command.reason } });
    case 'LiftSuspension':
      if (!state.suspended) throw conflict('This volunteer is not suspended.', 'not-suspended');
      return one({ type: 'VolunteerSuspensionLifted', data: {} });
    case 'Withdraw':
      if (state.activeMatches.length > 0)
        throw conflict(
          "This volunteer is still an Independent Visitor: record the end of each match on the child's record first.",
          'has-matches',
        );
      return one({ type: 'VolunteerWithdrew', data: { reason: command.reason } });
  }
}

/** Vetting before approval: references, a DBS check that stands, training and the independence declaration. */
function checkReadyForApproval(state: VolunteerState, policy: Policy, on: string): void {
  const satisfactory = state.references.filter((r) => r.satisfactory).length;
  const required = policy.volunteers.referencesRequired;
  if (satisfactory < required)
    throw conflict(
      `This volunteer needs ${required} satisfactory references before approval (${satisfactory} so far).`,
      'references',
    );
  if (!hasValidDbs(state, policy, on))
    throw conflict('This volunteer has no DBS check that is valid under the policy.', 'no-valid-dbs');
  if (state.trainingCompleted.length === 0)
    throw conflict('This volunteer has not completed any training.', 'no-training');
  const independence = independenceProblem(state.independence, policy);
  if (independence) throw conflict(independence.message, independence.rule);
}

function checkCapacity(capacity: number, state: VolunteerState): void {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 10)
    throw invalid('A volunteer can visit from 1 to 10 children at once.', 'capacity-range');
  if (capacity < state.activeMatches.length)
    throw conflict(
      `This volunteer already visits ${state.activeMatches.length} children; end a match before lowering the number.`,
      'capacity-below-matches',
    );
}
