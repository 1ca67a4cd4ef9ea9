import { createHash } from 'node:crypto';
import { escalationAt } from '../../domain/obligations';
import type { Obligation } from '../../domain/obligations/obligation';

const DAY_MS = 86_400_000;
/** Step Functions ends a Standard execution after one year; carry on in a new one well before that. */
export const EXECUTION_HORIZON_DAYS = 360;

/** The obligation as the workflow carries it: what the starter computed, ids and dates only. */
export type WorkflowObligation = Pick<
  Obligation,
  'id' | 'kind' | 'streamId' | 'la' | 'remindAt' | 'dueAt' | 'escalateEveryDays'
>;

/** The input of a deadline execution. A continuation carries the phase and the escalations already made. */
export interface DeadlineInput {
  obligation: WorkflowObligation;
  phase: 'reminder' | 'escalating';
  escalationsDone: number;
  /** When this execution started, by the starter's clock: the one-year horizon counts from it. */
  startedAt: string;
}

/** The input of a new deadline execution for an open obligation, started at `now`. */
export const deadlineInputOf = (obligation: Obligation, now: Date): DeadlineInput => ({
  obligation: {
    id: obligation.id,
    kind: obligation.kind,
    streamId: obligation.streamId,
    la: obligation.la,
    remindAt: obligation.remindAt,
    dueAt: obligation.dueAt,
    escalateEveryDays: obligation.escalateEveryDays,
  },
  phase: 'reminder',
  escalationsDone: 0,
  startedAt: now.toISOString(),
});

/**
 * Execution names allow 80 characters of [A-Za-z0-9-_], so the name is a digest of the obligation id: the same
 * obligation always gets the same name, and Step Functions refuses a second execution of that name.
 */
export const executionNameFor = (obligationId: string): string =>
  `ob-${createHash('sha256').update(obligationId).digest('hex').slice(0, 40)}`;

const baseName = (executionName: string) => executionName.replace(/--.*$/, '');

export interface NextStep {
  done: boolean;
  number?: number;
  at?: string;
  continueAsNew?: boolean;
  continueAs?: string;
  /** When a continuation starts: the horizon it waits for, or now when it carries on at once. */
  continuedAt?: string;
}

/**
 * Before the reminder: wait for it, or, when it is more than the horizon away (a plan before the 18th birthday,
 * a DBS re-check in three years), wait until the horizon and carry on in a new execution.
 */
export function planReminder(input: {
  obligation: WorkflowObligation;
  executionName: string;
  executionStartedAt: string;
}): NextStep {
  const horizon = Date.parse(input.executionStartedAt) + EXECUTION_HORIZON_DAYS * DAY_MS;
  if (Date.parse(input.obligation.remindAt) <= horizon)
    return { done: false, at: input.obligation.remindAt, continueAsNew: false };
  const at = new Date(horizon).toISOString();
  return {
    done: false,
    at,
    continueAsNew: true,
    continuedAt: at,
    continueAs: `${baseName(input.executionName)}--r${at.slice(0, 10).replaceAll('-', '')}`,
  };
}

/**
 * After the miss: the next escalation falls `escalateEveryDays` after the previous one. If it would fall beyond the
 * horizon of an execution that has run a while, the escalating carries on in a new execution instead.
 */
export function planEscalation(input: {
  obligation: WorkflowObligation;
  escalationsDone: number;
  executionName: string;
  executionStartedAt: string;
  now: Date;
}): NextStep {
  const every = input.obligation.escalateEveryDays;
  if (!(every > 0)) return { done: true };
  const obligation = input.obligation as Obligation;
  let number = input.escalationsDone + 1;
  // A workflow that finds escalations already past (started late: an import, an outage) makes only the latest of
  // them, once, rather than firing every missed one in a burst of emails. Its number still counts the periods.
  while (Date.parse(escalationAt(obligation, number + 1)) <= input.now.getTime()) number++;
  // The domain says when escalation n falls; the workflow waits for exactly that instant.
  const at = new Date(escalationAt(obligation, number));
  const started = Date.parse(input.executionStartedAt);
  // A fresh execution never continues at once, so a long cadence cannot spin through continuations.
  const continueAsNew =
    at.getTime() > started + EXECUTION_HORIZON_DAYS * DAY_MS && input.now.getTime() - started > DAY_MS;
  return {
    done: false,
    number,
    at: at.toISOString(),
    continueAsNew,
    continueAs: continueAsNew ? `${baseName(input.executionName)}--e${input.escalationsDone}` : undefined,
    continuedAt: continueAsNew ? input.now.toISOString() : undefined,
  };
}
