import { addDays, londonDateOf, londonInstant } from '../calendar';
import type { ObligationCommand } from '../child/commands';
import type { DomainEvent } from '../decider';
import { type DecisionContext, DomainRuleBroken } from '../decider';
import type { Obligation, ObligationKind } from './obligation';

/** Which stages of one obligation's reminders are already on the stream. */
export interface StageRecord {
  reminded: boolean;
  missed: boolean;
  escalations: number[];
}

type StageData = { obligationId: string; kind: ObligationKind; dueAt: string; language?: 'en' | 'cy' };
export type ObligationEvent =
  | DomainEvent<'ObligationReminderSent', StageData>
  | DomainEvent<'ObligationDeadlineMissed', StageData>
  | DomainEvent<'ObligationEscalated', StageData & { escalation: number }>;

const emptyStage: StageRecord = { reminded: false, missed: false, escalations: [] };

export function evolveStages(stages: Record<string, StageRecord>, event: ObligationEvent) {
  const current = stages[event.data.obligationId] ?? emptyStage;
  const next: StageRecord =
    event.type === 'ObligationReminderSent'
      ? { ...current, reminded: true }
      : event.type === 'ObligationDeadlineMissed'
        ? { ...current, missed: true }
        : { ...current, escalations: [...current.escalations, event.data.escalation] };
  return { ...stages, [event.data.obligationId]: next };
}

/**
 * When escalation n of an overdue obligation falls: n × escalateEveryDays days after the due date, at the same
 * London midnight the deadline passed. The deadlines workflow waits for these instants; the decider checks them.
 */
export function escalationAt(obligation: Obligation, n: number): string {
  const dayAfterDue = londonDateOf(obligation.dueAt);
  return londonInstant(addDays(dayAfterDue, n * obligation.escalateEveryDays)).toISOString();
}

/** The three stages of an overdue duty the deadline workflow records: a reminder, the miss, each escalation. */
export type DeadlineStage = 'reminder' | 'missed' | 'escalation';

/** The domain's command that records one stage. */
export const stageCommand = (
  stage: DeadlineStage,
  obligationId: string,
  escalation = 0,
): ObligationCommand =>
  stage === 'reminder'
    ? { type: 'RecordObligationReminder', obligationId }
    : stage === 'missed'
      ? { type: 'RecordMissedDeadline', obligationId }
      : { type: 'RecordEscalation', obligationId, escalation };

/** Whether the stage a command records is already on the stream. */
export function stageRecorded(record: StageRecord | undefined, command: ObligationCommand): boolean {
  const stage = record ?? emptyStage;
  switch (command.type) {
    case 'RecordObligationReminder':
      return stage.reminded;
    case 'RecordMissedDeadline':
      return stage.missed;
    case 'RecordEscalation':
      return stage.escalations.includes(command.escalation);
  }
}

/** The instant from which the stage a command records may be recorded. */
export function stageDueAt(obligation: Obligation, command: ObligationCommand): string {
  switch (command.type) {
    case 'RecordObligationReminder':
      return obligation.remindAt;
    case 'RecordMissedDeadline':
      return obligation.dueAt;
    case 'RecordEscalation':
      return escalationAt(obligation, command.escalation);
  }
}

/**
 * The reminder stages as decisions. The workflow asks; the stream decides. An obligation that is no longer open,
 * a stage already recorded, or a stage whose time has not yet come gives [] (nothing to record), so a late offer,
 * a retry or a workflow running early can never put a false or double reminder on the record.
 */
export function decideObligationStage(
  command: ObligationCommand,
  stages: Record<string, StageRecord>,
  open: Obligation | undefined,
  context: DecisionContext,
  /** The person's correspondence language, when recorded: the reminders about them are written in it. */
  language?: 'en' | 'cy',
): ObligationEvent[] {
  if (context.actor.role !== 'system')
    throw new DomainRuleBroken(
      'Only the automated reminders can record reminders, missed deadlines and escalations.',
      422,
      'system-only',
    );
  if (!open) return [];
  if (
    command.type === 'RecordEscalation' &&
    !(Number.isInteger(command.escalation) && command.escalation >= 1)
  )
    throw new DomainRuleBroken('An escalation is numbered 1, 2, 3 and so on.', 422, 'escalation-number');
  if (
    stageRecorded(stages[open.id], command) ||
    context.now.getTime() < Date.parse(stageDueAt(open, command))
  )
    return [];
  const data = {
    obligationId: open.id,
    kind: open.kind,
    dueAt: open.dueAt,
    ...(language ? { language } : {}),
  };
  switch (command.type) {
    case 'RecordObligationReminder':
      return [{ type: 'ObligationReminderSent', data }];
    case 'RecordMissedDeadline':
      return [{ type: 'ObligationDeadlineMissed', data }];
    case 'RecordEscalation':
      return [{ type: 'ObligationEscalated', data: { ...data, escalation: command.escalation } }];
  }
}
