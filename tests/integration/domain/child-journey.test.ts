import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { verifyStream } from '../../../application/audit/verify';
import { runCommandAcross } from '../../../application/command';
import { addDays, londonDateOf } from '../../../domain/calendar';
import { type ChildCommand, type ChildState, childDecider } from '../../../domain/child';
import { DomainRuleBroken } from '../../../domain/decider';
import { decideMatch } from '../../../domain/matching';
import { type VolunteerCommand, type VolunteerState, volunteerDecider } from '../../../domain/volunteer';
import { catalog } from '../../../events/contracts';
import { auditReader } from '../../support/audit';
import { deciderTarget, runOnStream as runCommand } from '../../support/commands';
import { enterCare } from '../../support/domain';
import { coordinator, newCommand, TEST_LA, testStore } from '../../support/store';

const store = testStore({ catalog });
const context = { actor: coordinator, now: () => new Date() };

async function onChild(streamId: string, command: ChildCommand) {
  return runCommand({
    store,
    streamId,
    la: TEST_LA,
    decider: childDecider,
    command,
    context,
    info: newCommand(),
  });
}
async function onVolunteer(streamId: string, command: VolunteerCommand) {
  return runCommand({
    store,
    streamId,
    la: TEST_LA,
    decider: volunteerDecider,
    command,
    context,
    info: newCommand(),
  });
}
const match = (childStream: string, volunteerStream: string) =>
  runCommandAcross<[ChildState, VolunteerState]>({
    store,
    targets: [
      deciderTarget(childStream, TEST_LA, childDecider),
      deciderTarget(volunteerStream, TEST_LA, volunteerDecider),
    ],
    decide: ([child, volunteer], ctx) => decideMatch({ type: 'MatchVisitor' }, child, volunteer, ctx),
    context,
    command: newCommand(),
  });

async function approvedVolunteer(options: { approve?: boolean } = {}) {
  const volunteerId = ulid();
  const streamId = `volunteer#${volunteerId}`;
  const steps: VolunteerCommand[] = [
    { type: 'Apply', volunteerId, la: TEST_LA },
    { type: 'RecordReference', referenceId: 'ref-1', satisfactory: true },
    { type: 'RecordReference', referenceId: 'ref-2', satisfactory: true },
    {
      type: 'RecordDbsCheck',
      level: 'enhanced-with-childrens-barred-list',
      certificateNumber: '001234567890',
      issuedOn: addDays(londonDateOf(new Date()), -30),
      updateServiceSubscribed: true,
    },
    { type: 'RecordTraining', course: 'iv-induction' },
    {
      type: 'DeclareIndependence',
      wordingVersion: '2026-01',
      electedMemberOfLa: false,
      employeeOfLa: false,
      relativeOrHouseholdMemberOfEither: false,
      connectedWithPlacementProvider: false,
    },
  ];
  if (options.approve !== false) steps.push({ type: 'Approve' });
  for (const step of steps) await onVolunteer(streamId, step);
  return { volunteerId, streamId };
}

async function referredChild() {
  const childId = ulid();
  const streamId = `child#${childId}`;
  for (const command of [
    enterCare({ childId, la: TEST_LA }),
    { type: 'RecordChildTold' },
    { type: 'OfferIndependentVisitor' },
    { type: 'RecordChildDecision', decision: 'accepted', sufficientUnderstanding: true },
    { type: 'ReferToIvService', needs: ['bsl'], interests: ['football'], preferences: ['female-visitor'] },
  ] as ChildCommand[])
    await onChild(streamId, command);
  return { childId, streamId };
}

describe("a child's journey through the event store", () => {
  it('enters care, is told, offered, accepts, is referred, matched with an approved volunteer, and visited', async () => {
    const child = await referredChild();
    const volunteer = await approvedVolunteer();

    const matched = await match(child.streamId, volunteer.streamId);
    expect(matched.written).toBe(true);
    expect(matched.result.streams.map((s) => s.streamId)).toEqual([child.streamId, volunteer.streamId]);

    await onChild(child.streamId, {
      type: 'RecordVisit',
      outcome: 'held',
      mode: 'in-person',
      durationMinutes: 90,
    });
    await onChild(child.streamId, { type: 'RecordVisit', outcome: 'cancelled', mode: 'remote' });

    const childEvents = await store.read(child.streamId);
    expect(childEvents.map((e) => e.type)).toEqual([
      'ChildEnteredCare',
      'ChildToldOfEntitlement',
      'IndependentVisitorOffered',
      'ChildDecisionRecorded',
      'ReferredToIvService',
      'VisitorMatched',
      'VisitRecorded',
      'VisitRecorded',
    ]);
    expect(childEvents[0]).toMatchObject({ schemaVersion: 3, data: { jurisdiction: 'england' } });
    expect(childEvents[5]!.data).toEqual({
      matchId: 'match-1',
      referralId: 'referral-1',
      volunteerId: volunteer.volunteerId,
    });
    // The chain is over the events as stored, personal fields sealed: verified as the audit verifies it.
    expect(await verifyStream(auditReader(), child.streamId)).toMatchObject({ intact: true, events: 8 });
    const volunteerEvents = await store.read(volunteer.streamId);
    expect(volunteerEvents.at(-1)).toMatchObject({
      type: 'VolunteerMatchedWithChild',
      data: { matchId: 'match-1', childId: child.childId },
    });
    // The match is one transaction: both streams carry the same command id.
    expect(volunteerEvents.at(-1)!.metadata.commandId).toBe(childEvents[5]!.metadata.commandId);
  });

  it('refuses a match with a volunteer who is not approved and leaves both streams unchanged', async () => {
    const child = await referredChild();
    const volunteer = await approvedVolunteer({ approve: false });
    const childBefore = await store.read(child.streamId);
    const volunteerBefore = await store.read(volunteer.streamId);

    const attempt = match(child.streamId, volunteer.streamId);
    await expect(attempt).rejects.toBeInstanceOf(DomainRuleBroken);
    await expect(attempt).rejects.toMatchObject({
      status: 409,
      message: 'This volunteer has not been approved as an Independent Visitor.',
    });
    expect(await store.read(child.streamId)).toEqual(childBefore);
    expect(await store.read(volunteer.streamId)).toEqual(volunteerBefore);
  });
});
