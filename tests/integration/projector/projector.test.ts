import { describe, expect, it } from 'vitest';
import { quietLog } from '../../../application/ports/log';
import { createProjector } from '../../../application/projections/project';
import { type ChildCommand, type ChildState, childDecider } from '../../../domain/child';
import type { Decided } from '../../../domain/decider';
import { catalog } from '../../../events/contracts';
import type { ChildEvent } from '../../../events/contracts/child';
import { enterCare, History } from '../../support/domain';
import { domainStore, freshLa, readModels, testProjector } from '../../support/read-models';
import { newCommand, testStore } from '../../support/store';

const NOW = new Date('2026-03-02T12:00:00.000Z');
const store = domainStore(() => NOW);
const models = readModels();
const project = testProjector(() => NOW);

/** Records a child's history through the real decider, then writes each step's events to the store. */
async function writeChild(
  la: string,
  childId: string,
  steps: Array<[ChildCommand, string]>,
): Promise<{ streamId: string; versions: number }> {
  const history = new History<ChildCommand, ChildEvent, ChildState>(childDecider);
  const streamId = `child#${childId}`;
  let version = 0;
  for (const [command, at] of steps) {
    const decided: Decided<ChildEvent>[] = history.record(command, at);
    await store.append(
      streamId,
      la,
      version,
      decided.map(({ occurredAt, ...e }) => ({ ...e, occurredAt: occurredAt ?? new Date(at).toISOString() })),
      newCommand({ actor: { id: 'user-coordinator-1', role: 'coordinator', la } }),
    );
    version += decided.length;
  }
  return { streamId, versions: version };
}

const referred = (la: string, childId: string, referredAt: string, placementInLaArea = false) =>
  writeChild(la, childId, [
    [enterCare({ childId, la, placementInLaArea }), '2025-11-03T10:00:00.000Z'],
    [{ type: 'RecordChildTold' }, '2025-11-04T10:00:00.000Z'],
    [{ type: 'OfferIndependentVisitor' }, '2025-11-05T10:00:00.000Z'],
    [
      { type: 'RecordChildDecision', decision: 'accepted', sufficientUnderstanding: true },
      '2025-11-06T10:00:00.000Z',
    ],
    [{ type: 'ReferToIvService', needs: [], interests: ['football'], preferences: [] }, referredAt],
  ]);

describe('the projector', () => {
  it("writes a child's whole journey as one row, with dates and open obligations but no name", async () => {
    const la = freshLa();
    const { streamId } = await referred(la, `c-${la}-1`, '2025-12-01T10:00:00.000Z', true);
    expect((await project(streamId)).outcome).toBe('written');

    const row = await models.childRow(streamId);
    expect(row).toMatchObject({
      streamId,
      version: 5,
      la,
      status: 'looked-after',
      stage: 'waiting',
      listKey: `waiting#2025-12-01#c-${la}-1`,
      dateOfBirth: '2016-03-14',
      sex: 'female',
      ethnicityGroup: 'Mixed',
      placementInLaArea: true,
      enteredCareOn: '2025-11-03',
      periods: [{ number: 1, startedOn: '2025-11-03', toldOn: '2025-11-04', offeredOn: '2025-11-05' }],
      referrals: [{ referralId: 'referral-1', referredOn: '2025-12-01', inLaArea: true }],
      matches: [],
    });
    // Referred on 1 December; the policy escalates a referral waiting more than 90 days: due 1 March, overdue now.
    expect(row!.obligations).toEqual([
      expect.objectContaining({ kind: 'referral-waiting-too-long', dueOn: '2026-03-01', daysLeft: -1 }),
    ]);
  });

  it('lists one LA’s waiting list longest wait first, and nothing of another LA', async () => {
    const la = freshLa();
    const other = freshLa();
    const a = await referred(la, `c-${la}-a`, '2026-01-20T10:00:00.000Z');
    const b = await referred(la, `c-${la}-b`, '2025-12-10T10:00:00.000Z');
    const c = await referred(other, `c-${other}-c`, '2025-11-20T10:00:00.000Z');
    for (const s of [a, b, c]) await project(s.streamId);
    expect((await models.waitingList(la)).map((r) => r.streamId)).toEqual([b.streamId, a.streamId]);
  });

  it('writes nothing for a duplicate delivery or an older one, and moves on for a newer one', async () => {
    const la = freshLa();
    const childId = `c-${la}-d`;
    const { streamId } = await referred(la, childId, '2026-01-05T10:00:00.000Z');
    const onBus = createProjector({
      store: testStore({ catalog }),
      readModels: models,
      now: () => NOW,
      log: quietLog,
    });
    const delivery = (version: number) => ({
      version: '0' as const,
      id: `e-${version}`,
      'detail-type': 'X',
      source: 'iv.records',
      account: '1',
      time: NOW.toISOString(),
      region: 'eu-west-2',
      resources: [],
      detail: { streamId, version, la, type: 'X' } as never,
    });
    expect(await onBus(delivery(5))).toBe('written');
    expect(await onBus(delivery(5))).toBe('unchanged');
    expect(await onBus(delivery(1))).toBe('unchanged');
    expect((await models.childRow(streamId))!.version).toBe(5);

    // The stream moves on while an old delivery is still in flight: whichever arrives, the row ends at version 6.
    await store.append(
      streamId,
      la,
      5,
      [{ type: 'ReferralWithdrawn', data: { referralId: 'referral-1', reason: 'no-longer-appropriate' } }],
      newCommand(),
    );
    expect(await onBus(delivery(2))).toBe('written');
    expect(await onBus(delivery(6))).toBe('unchanged');
    expect(await models.childRow(streamId)).toMatchObject({ version: 6, stage: 'offered' });
    expect(await models.waitingList(la)).toEqual([]);
  });

  it('overwrites a row of the same version only when asked to refresh (the rebuild)', async () => {
    const la = freshLa();
    const { streamId } = await referred(la, `c-${la}-r`, '2026-01-05T10:00:00.000Z');
    await project(streamId);
    const later = testProjector(() => new Date('2026-04-01T12:00:00.000Z'));
    expect((await later(streamId)).outcome).toBe('unchanged');
    expect((await later(streamId, { refresh: true })).outcome).toBe('written');
    expect((await models.childRow(streamId))!.projectedAt).toBe('2026-04-01T12:00:00.000Z');
  });
});
