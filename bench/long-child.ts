import { type ChildCommand, childDecider } from '../domain/child';
import type { Actor } from '../events/envelope';
import { childStreamId } from '../events/stream-id';
import type { CommandBatch, GeneratedStream } from '../scripts/seed';

const DAY = 86_400_000;

/**
 * One child's history of exactly `events` events, each decided by the real child decider at a simulated "now" a
 * day after the last: enters care, is told and offered an Independent Visitor, accepts and is referred, then
 * alternates looked-after reviews and placement changes. Far longer than any real record (the point: a worst case
 * for replay), and every event is one the domain accepts, so the store validates it as it would in production.
 * Every command carries a free-text reason, which is personal data and sealed: the worst case for encryption too.
 */
export function longChildHistory(la: string, childId: string, events: number): GeneratedStream {
  const actor: Actor = { id: `coordinator-${la}`, role: 'coordinator', la };
  const start = Date.parse('2020-01-06T10:00:00.000Z');
  const opening: ChildCommand[] = [
    {
      type: 'EnterCare',
      childId,
      la,
      dateOfBirth: '2012-03-04',
      sex: 'female',
      ethnicity: 'WBRI',
      unaccompaniedAsylumSeeking: false,
      placementInLaArea: true,
      socialWorkerRef: 'sw-1001',
      iroRef: 'iro-2002',
    },
    { type: 'RecordChildTold' },
    { type: 'OfferIndependentVisitor' },
    { type: 'RecordChildDecision', decision: 'accepted', sufficientUnderstanding: true },
    { type: 'ReferToIvService', needs: [], interests: ['football'], preferences: [] },
  ];
  const later = (i: number): ChildCommand =>
    i % 2 === 0
      ? { type: 'RecordReview', ivConsidered: true, outcome: 'referral-in-progress' }
      : { type: 'ChangePlacement', placementInLaArea: i % 4 === 1 };

  let state = childDecider.initialState;
  const batches: CommandBatch[] = [];
  let version = 0;
  for (let i = 0; version < events; i++) {
    const command = i < opening.length ? opening[i]! : later(i);
    const at = start + i * DAY;
    const decided = childDecider.decide(command, state, { now: new Date(at), actor });
    const recordedAt = new Date(at).toISOString();
    const batch = decided.slice(0, events - version).map(({ occurredAt, ...e }) => ({
      type: e.type,
      data: e.data,
      occurredAt: occurredAt ?? recordedAt,
    }));
    for (const e of batch)
      state = childDecider.evolve(state, e as never, {
        version: ++version,
        occurredAt: e.occurredAt,
        recordedAt,
        actor,
      });
    const reason = `Recorded from the notes of the meeting with Jamie Example and their carer (${i + 1})`;
    batches.push({ command: { commandId: `${childId}-${i + 1}`, actor, reason }, recordedAt, events: batch });
  }
  return { streamId: childStreamId(childId), la, batches };
}
