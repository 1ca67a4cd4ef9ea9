import type * as z from 'zod';
import type {
  AllegationOutcome,
  ChildConcernOutcome,
  ChildEvent,
  ConcernSubject,
} from '../../events/contracts/child';
import type { LocalDate, WorkingDayCalendar } from '../calendar';
import type { Decided, DecisionContext } from '../decider';
import type { ObligationKind } from '../obligations/obligation';
import type { Policy } from '../policy';
import type { ChildCommand } from './commands';
import { type ChildContext, conflict, invalid } from './context';
import type { ChildState } from './state';

/*
 * Safeguarding concerns on the child's record (Working Together to Safeguard Children 2023): a concern about the
 * child, or an allegation about their Independent Visitor. Raising one opens short duties counted in working days;
 * an allegation suspends the match, so no visit can be recorded, until its outcome is recorded.
 */

export type Outcome = z.infer<typeof AllegationOutcome> | z.infer<typeof ChildConcernOutcome>;

export interface Concern {
  concernId: string;
  number: number;
  about: z.infer<typeof ConcernSubject>;
  volunteerId?: string;
  matchId?: string;
  raisedOn: LocalDate;
  /** Who raised it (an actor id): an Independent Visitor sees the status of their own concerns only. */
  raisedBy: string;
  acknowledgedOn?: LocalDate;
  socialWorkerInformedOn?: LocalDate;
  referredToLadoOn?: LocalDate;
  outcome?: Outcome;
  outcomeOn?: LocalDate;
}

export type ConcernCommand = Extract<
  ChildCommand,
  {
    type:
      | 'RaiseConcern'
      | 'AcknowledgeConcern'
      | 'RecordSocialWorkerInformed'
      | 'ReferAllegationToLado'
      | 'RecordConcernOutcome';
  }
>;
export const CONCERN_COMMANDS: ReadonlySet<ChildCommand['type']> = new Set([
  'RaiseConcern',
  'AcknowledgeConcern',
  'RecordSocialWorkerInformed',
  'ReferAllegationToLado',
  'RecordConcernOutcome',
]);
export const isConcernCommand = (command: ChildCommand): command is ConcernCommand =>
  CONCERN_COMMANDS.has(command.type);

const ALLEGATION_OUTCOMES: ReadonlySet<string> = new Set([
  'substantiated',
  'unsubstantiated',
  'unfounded',
  'false',
  'malicious',
]);

export const SUSPENDED_MESSAGE =
  'Visits with this child are paused while a safeguarding matter is considered. No visit can be recorded until ' +
  'its outcome is recorded.';

/**
 * The match is suspended while an allegation about the child's current visitor has no outcome; a substantiated one
 * keeps it suspended until the appointment ends.
 */
export function isMatchSuspended(state: ChildState): boolean {
  const rel = state.relationship;
  if (!rel) return false;
  return Object.values(state.concerns).some(
    (c) =>
      c.about === 'visitor' &&
      c.matchId === rel.matchId &&
      (c.outcome === undefined || c.outcome === 'substantiated'),
  );
}

export function evolveConcerns(
  concerns: Record<string, Concern>,
  event: ChildEvent,
  on: LocalDate,
  actorId: string,
): Record<string, Concern> {
  const update = (concernId: string, change: Partial<Concern>) => {
    const concern = concerns[concernId];
    return concern ? { ...concerns, [concernId]: { ...concern, ...change } } : concerns;
  };
  switch (event.type) {
    case 'SafeguardingConcernRaised': {
      const { concernId, about, volunteerId, matchId } = event.data;
      return {
        ...concerns,
        [concernId]: {
          concernId,
          number: Object.keys(concerns).length + 1,
          about,
          volunteerId,
          matchId,
          raisedOn: on,
          raisedBy: actorId,
        },
      };
    }
    case 'SafeguardingConcernAcknowledged':
      return update(event.data.concernId, { acknowledgedOn: on });
    case 'ConcernSocialWorkerInformed':
      return update(event.data.concernId, { socialWorkerInformedOn: on });
    case 'AllegationReferredToLado':
      return update(event.data.concernId, { referredToLadoOn: on });
    case 'SafeguardingConcernOutcomeRecorded':
      return update(event.data.concernId, { outcome: event.data.outcome, outcomeOn: on });
    default:
      return concerns;
  }
}

/** The open concern a step is for: the one numbered, or the only open one still waiting for this step. */
function concernFor(
  state: ChildState,
  number: number | undefined,
  waiting: (concern: Concern) => boolean,
  step: string,
): Concern {
  const open = Object.values(state.concerns).filter((c) => c.outcome === undefined);
  if (number !== undefined) {
    const named = Object.values(state.concerns).find((c) => c.number === number);
    if (!named) throw invalid(`There is no concern ${number} on this child’s record.`, 'no-such-concern');
    if (named.outcome !== undefined)
      throw conflict(`Concern ${number} is closed: its outcome is recorded.`, 'concern-closed');
    if (!waiting(named)) throw conflict(`Concern ${number} is already ${step}.`, 'concern-step-done');
    return named;
  }
  const candidates = open.filter(waiting);
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0)
    throw conflict(`This child has no open safeguarding concern waiting to be ${step}.`, 'no-open-concern');
  throw invalid(
    `This child has ${candidates.length} open concerns waiting to be ${step}: say which, by its number.`,
    'which-concern',
  );
}

export function decideConcern(
  command: ConcernCommand,
  c: ChildContext,
  context: DecisionContext,
): Decided<ChildEvent>[] {
  const { state, stamp } = c;
  switch (command.type) {
    case 'RaiseConcern': {
      const rel = state.relationship;
      const byVisitor = context.actor.role === 'independent-visitor';
      if (byVisitor && (!command.visitorId || rel?.volunteerId !== command.visitorId))
        throw conflict(
          'You can only raise a concern about a child you are the Independent Visitor of.',
          'not-your-match',
        );
      if (command.about === 'visitor') {
        if (byVisitor)
          throw invalid(
            'An Independent Visitor raises a concern about the child. Tell your coordinator about any other adult.',
            'allegation-by-visitor',
          );
        if (!rel)
          throw conflict('This child has no Independent Visitor for an allegation to be about.', 'no-iv');
      }
      const summary = command.summary.trim();
      if (!summary) throw invalid('Say what the concern is.', 'concern-summary');
      return [
        stamp({
          type: 'SafeguardingConcernRaised',
          data: {
            concernId: `concern-${Object.keys(state.concerns).length + 1}`,
            about: command.about,
            summary,
            ...(command.about === 'visitor' && rel
              ? { volunteerId: rel.volunteerId, matchId: rel.matchId }
              : {}),
          },
        }),
      ];
    }
    case 'AcknowledgeConcern': {
      const concern = concernFor(state, command.concernNumber, (x) => !x.acknowledgedOn, 'acknowledged');
      return [stamp({ type: 'SafeguardingConcernAcknowledged', data: { concernId: concern.concernId } })];
    }
    case 'RecordSocialWorkerInformed': {
      const concern = concernFor(
        state,
        command.concernNumber,
        (x) => !x.socialWorkerInformedOn,
        'told to the social worker',
      );
      return [
        stamp({
          type: 'ConcernSocialWorkerInformed',
          data: { concernId: concern.concernId, staffId: state.details!.socialWorkerRef },
        }),
      ];
    }
    case 'ReferAllegationToLado': {
      const concern = concernFor(
        state,
        command.concernNumber,
        (x) => x.about === 'visitor' && !x.referredToLadoOn,
        'referred to the LADO',
      );
      return [stamp({ type: 'AllegationReferredToLado', data: { concernId: concern.concernId } })];
    }
    case 'RecordConcernOutcome': {
      const concern = concernFor(state, command.concernNumber, () => true, 'closed');
      const allegation = concern.about === 'visitor';
      if (allegation && !concern.referredToLadoOn)
        throw conflict('Refer the allegation to the LADO before recording its outcome.', 'lado-first');
      if (allegation !== ALLEGATION_OUTCOMES.has(command.outcome))
        throw invalid(
          allegation
            ? 'The outcome of an allegation is substantiated, unsubstantiated, unfounded, false or malicious.'
            : 'The outcome of a concern about the child is no further action, support in place, or a child protection enquiry.',
          'concern-outcome',
        );
      const note = command.note?.trim();
      return [
        stamp({
          type: 'SafeguardingConcernOutcomeRecorded',
          data: { concernId: concern.concernId, outcome: command.outcome, ...(note ? { note } : {}) },
        }),
      ];
    }
  }
}

/** The first working day on or after a date: "the same working day" for something raised on a weekend. */
const workingDayFrom = (calendar: WorkingDayCalendar, on: LocalDate) =>
  calendar.isWorkingDay(on) ? on : calendar.addWorkingDays(on, 1);

/**
 * The duties an open concern owes, in working days: "the same working day" is the day it was raised, or the next
 * working day when raised on a weekend or a bank holiday; "within n working days" counts n working days after it.
 */
export function concernDuties(
  state: ChildState,
  policy: Policy,
  calendar: WorkingDayCalendar,
): Array<{ kind: ObligationKind; occasion: string; dueOn: LocalDate; summary: string }> {
  const out: Array<{ kind: ObligationKind; occasion: string; dueOn: LocalDate; summary: string }> = [];
  const timing = policy.safeguarding;
  for (const concern of Object.values(state.concerns)) {
    if (concern.outcome !== undefined) continue;
    const due = (n: number) =>
      n === 0 ? workingDayFrom(calendar, concern.raisedOn) : calendar.addWorkingDays(concern.raisedOn, n);
    if (!concern.acknowledgedOn)
      out.push({
        kind: 'acknowledge-concern',
        occasion: concern.concernId,
        dueOn: due(timing.acknowledgeWithinWorkingDays),
        summary: 'Acknowledge the safeguarding concern.',
      });
    if (!concern.socialWorkerInformedOn)
      out.push({
        kind: 'inform-social-worker-of-concern',
        occasion: concern.concernId,
        dueOn: due(timing.informSocialWorkerWithinWorkingDays),
        summary: "Tell the child's social worker about the safeguarding concern.",
      });
    if (concern.about === 'visitor' && !concern.referredToLadoOn)
      out.push({
        kind: 'refer-allegation-to-lado',
        occasion: concern.concernId,
        dueOn: due(timing.referToLadoWithinWorkingDays),
        summary: 'Refer the allegation about the Independent Visitor to the LADO.',
      });
  }
  return out;
}
