import type { Clock } from '../ports/clock';
import type { Log } from '../ports/log';
import type { DeadlineStage } from './obligations';
import { type NextStep, planEscalation, planReminder, type WorkflowObligation } from './plan';

/** What the deadline workflow's steps need from the rest of the system. */
export interface DeadlinePorts {
  /** Re-reads the stream and recomputes: is this obligation still open now? */
  isOpen(obligation: WorkflowObligation, now: Date): Promise<boolean>;
  /**
   * Records a stage on the stream as the system actor. Idempotent: the command id derives from the obligation and
   * the stage, so a retried task returns the first result; a stage already recorded (or an obligation met
   * meanwhile) records nothing.
   */
  record(
    stage: DeadlineStage,
    obligation: WorkflowObligation,
    escalation?: number,
  ): Promise<{ eventIds: string[] }>;
  clock: Clock;
  log: Log;
}

export type DeadlineTaskInput =
  | { action: 'check'; obligation: WorkflowObligation }
  | { action: 'record-reminder' | 'record-missed'; obligation: WorkflowObligation }
  | { action: 'record-escalation'; obligation: WorkflowObligation; number: number }
  | {
      action: 'plan-reminder';
      obligation: WorkflowObligation;
      executionName: string;
      executionStartedAt: string;
    }
  | {
      action: 'plan-escalation';
      obligation: WorkflowObligation;
      escalationsDone: number;
      executionName: string;
      executionStartedAt: string;
    };

/** One Lambda for every Task state of the deadline workflow; the `action` parameter names the step. */
export function createDeadlineTasks(ports: DeadlinePorts) {
  return async (input: DeadlineTaskInput): Promise<{ open: boolean } | { eventIds: string[] } | NextStep> => {
    const now = ports.clock.now();
    const ids = {
      obligationId: input.obligation.id,
      streamId: input.obligation.streamId,
      action: input.action,
    };
    switch (input.action) {
      case 'check': {
        const open = await ports.isOpen(input.obligation, now);
        ports.log.info('checked obligation', { ...ids, open });
        return { open };
      }
      case 'record-reminder':
      case 'record-missed':
      case 'record-escalation': {
        const stage: DeadlineStage =
          input.action === 'record-reminder'
            ? 'reminder'
            : input.action === 'record-missed'
              ? 'missed'
              : 'escalation';
        const result = await ports.record(
          stage,
          input.obligation,
          input.action === 'record-escalation' ? input.number : undefined,
        );
        ports.log.info('recorded deadline stage', { ...ids, eventIds: result.eventIds });
        return result;
      }
      case 'plan-reminder':
        return planReminder(input);
      case 'plan-escalation':
        return planEscalation({ ...input, now });
      default:
        throw new Error(`unknown deadline task ${(input as { action: string }).action}`);
    }
  };
}
