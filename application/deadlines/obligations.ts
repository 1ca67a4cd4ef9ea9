import { createHash } from 'node:crypto';
import { calendarFor } from '../../domain/calendar';
import { makeChildDecider } from '../../domain/child';
import type { ObligationCommand } from '../../domain/child/commands';
import type { Decider, DomainEvent } from '../../domain/decider';
import { fold } from '../../domain/decider';
import {
  escalationAt,
  type Obligation,
  obligationsOf,
  openObligation,
  type StreamState,
} from '../../domain/obligations';
import { defaultPolicyFor, type PolicySource } from '../../domain/policy';
import { makeVolunteerDecider } from '../../domain/volunteer';
import { type Actor, streamKind } from '../../events/envelope';
import { asFact, runCommand } from '../command';
import type { Clock } from '../ports/clock';
import type { EventStore } from '../ports/event-store';

/** The automated reminders act as this actor, never as a person. */
export const systemActor = (la: string): Actor => ({ id: 'deadline-workflow', role: 'system', la });

export class TooEarlyError extends Error {
  constructor(stage: string, at: string) {
    super(`the ${stage} is not due until ${at}; the workflow's step will be retried`);
    this.name = 'TooEarlyError';
  }
}

export type DeadlineStage = 'reminder' | 'missed' | 'escalation';

/**
 * A stream's obligations, recomputed from its events by the pure domain, and the deadline stages recorded on it by
 * the domain's own commands. The one place the deadline handlers meet the domain.
 */
export function streamObligations(options: { store: EventStore; clock: Clock; policies?: PolicySource }) {
  const policies = options.policies ?? defaultPolicyFor;
  const deciders = { child: makeChildDecider(policies), volunteer: makeVolunteerDecider(policies) };
  const deciderOf = (streamId: string) =>
    deciders[streamKind(streamId)] as unknown as Decider<ObligationCommand, DomainEvent, StreamState>;

  async function load(streamId: string) {
    const events = await options.store.read(streamId);
    const state = fold(deciderOf(streamId), events.map(asFact));
    const la = events[0]?.la;
    return { state, la, events };
  }
  const context = (la: string) => {
    const policy = policies(la);
    return { policy, calendar: calendarFor(policy.jurisdiction) };
  };

  return {
    /** Every obligation open on the stream at `now` (none for a stream with no events). */
    async openOn(streamId: string, now: Date): Promise<Obligation[]> {
      const { state, la } = await load(streamId);
      if (!la) return [];
      const { policy, calendar } = context(la);
      return obligationsOf(state, policy, calendar, now);
    },

    async isOpen(streamId: string, obligationId: string, now: Date): Promise<boolean> {
      const { state, la } = await load(streamId);
      if (!la) return false;
      const { policy, calendar } = context(la);
      return openObligation(state, policy, calendar, now, obligationId) !== undefined;
    },

    /**
     * Records one stage through the stream's decider, as the system. The command id derives from the obligation and
     * the stage, so a retried step returns the first result. If nothing was recorded although the obligation is open,
     * the stage is not yet on the stream and its time has not come (clocks a few ms apart), the step throws so the
     * workflow retries it rather than moving on without the record.
     */
    async record(stage: DeadlineStage, streamId: string, obligationId: string, escalation?: number) {
      const { state, la } = await load(streamId);
      if (!la) return { eventIds: [] as string[] };
      const command: ObligationCommand =
        stage === 'reminder'
          ? { type: 'RecordObligationReminder', obligationId }
          : stage === 'missed'
            ? { type: 'RecordMissedDeadline', obligationId }
            : { type: 'RecordEscalation', obligationId, escalation: escalation! };
      const actor = systemActor(la);
      const outcome = await runCommand({
        store: options.store,
        streamId,
        la,
        decider: deciderOf(streamId),
        command,
        context: { actor, now: () => options.clock.now() },
        info: { commandId: stageCommandId(stage, obligationId, escalation), actor },
      });
      if (outcome.result.eventIds.length === 0) {
        const now = options.clock.now();
        const { policy, calendar } = context(la);
        const open = openObligation(state, policy, calendar, now, obligationId);
        const recorded = state.stages?.[obligationId];
        const already =
          stage === 'reminder'
            ? recorded?.reminded
            : stage === 'missed'
              ? recorded?.missed
              : recorded?.escalations.includes(escalation!);
        const at =
          open &&
          (stage === 'reminder'
            ? open.remindAt
            : stage === 'missed'
              ? open.dueAt
              : escalationAt(open, escalation!));
        if (open && !already && at && now.getTime() < Date.parse(at)) throw new TooEarlyError(stage, at);
      }
      return { eventIds: outcome.result.eventIds };
    },
  };
}

/** Deterministic and within the 128 characters a command id may have. */
export const stageCommandId = (stage: DeadlineStage, obligationId: string, escalation?: number): string =>
  `deadline-${stage}${escalation ? `-${escalation}` : ''}-${createHash('sha256').update(obligationId).digest('hex').slice(0, 48)}`;
