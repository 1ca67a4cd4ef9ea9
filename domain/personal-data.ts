import type { ErasureBasis } from '../events/contracts/personal-data';
import type { DomainEvent } from '../events/envelope';
import { type LocalDate, londonDateOf } from './calendar';
import { type DecisionContext, DomainRuleBroken } from './decider';

/**
 * The life of one person's personal data on their stream (a child's or a volunteer's): legal holds that block
 * erasure, and the erasure itself. Erasing records the fact; the application then destroys the person's data key.
 */

export interface LegalHold {
  holdId: string;
  placedOn: LocalDate;
  reason: string;
}

export interface PersonalDataState {
  /** Holds in force: while any is, nothing is erased. */
  holds: LegalHold[];
  holdsPlaced: number;
  erased?: { on: LocalDate; basis: ErasureBasis };
}

export const initialPersonalData: PersonalDataState = { holds: [], holdsPlaced: 0 };

/** What reports still need once the details are gone, in coarse form (see PersonalDataErased). */
export interface Retained {
  birthMonth?: string;
  ethnicGroup?: string;
}

export type PersonalDataEvent =
  | DomainEvent<
      'PersonalDataErased',
      { basis: ErasureBasis; policy: string; reason: string; retained: Retained }
    >
  | DomainEvent<'LegalHoldPlaced', { holdId: string; reason: string }>
  | DomainEvent<'LegalHoldLifted', { holdId: string; reason: string }>;

export function evolvePersonalData(
  state: PersonalDataState,
  event: PersonalDataEvent,
  on: LocalDate,
): PersonalDataState {
  switch (event.type) {
    case 'LegalHoldPlaced':
      return {
        ...state,
        holds: [...state.holds, { holdId: event.data.holdId, placedOn: on, reason: event.data.reason }],
        holdsPlaced: state.holdsPlaced + 1,
      };
    case 'LegalHoldLifted':
      return { ...state, holds: state.holds.filter((h) => h.holdId !== event.data.holdId) };
    case 'PersonalDataErased':
      return { ...state, erased: { on, basis: event.data.basis } };
  }
}

/**
 * Commands on a person's personal data: staff's by authorised roles only (checked before the domain is asked), and
 * the daily retention sweep's, by the system.
 */
export type PersonalDataCommand =
  | { type: 'PlaceLegalHold'; reason: string }
  | { type: 'LiftLegalHold'; holdId: string; reason: string }
  | { type: 'ErasePersonalData'; basis: Exclude<ErasureBasis, 'retention-period-ended'>; reason: string }
  | { type: 'EraseAtEndOfRetention' };

const PERSONAL_DATA_COMMANDS: ReadonlySet<string> = new Set([
  'PlaceLegalHold',
  'LiftLegalHold',
  'ErasePersonalData',
  'EraseAtEndOfRetention',
]);
export const isPersonalDataCommand = (command: { type: string }): command is PersonalDataCommand =>
  PERSONAL_DATA_COMMANDS.has(command.type);

/** The end of a record's retention period: the last day it must be kept, and the rule that says so. */
export interface Retention {
  until: LocalDate;
  rule: string;
}

/** What erasing needs to know of the record beyond its personal-data state. */
export interface ErasureSubject {
  retention?: Retention;
  /** The rule named on an erasure on request: the same as at retention, so the record says whose policy. */
  rule: string;
  retained: Retained;
}

export const ERASED_MESSAGE =
  "This record's personal data has been erased, so nothing more can be recorded on it.";
const conflict = (message: string, rule: string) => new DomainRuleBroken(message, 409, rule);

const heldMessage = (holds: readonly LegalHold[]) =>
  `This record is under a legal hold (${holds.map((h) => h.reason).join('; ')}), so its personal data cannot be ` +
  'erased. Lift the hold first if it no longer applies.';

export function decidePersonalData(
  command: PersonalDataCommand,
  state: PersonalDataState,
  subject: ErasureSubject,
  context: DecisionContext,
): PersonalDataEvent[] {
  if (command.type === 'EraseAtEndOfRetention') return eraseAtEndOfRetention(state, subject, context);
  if (state.erased) throw conflict(ERASED_MESSAGE, 'already-erased');
  switch (command.type) {
    case 'PlaceLegalHold':
      return [
        {
          type: 'LegalHoldPlaced',
          data: { holdId: `hold-${state.holdsPlaced + 1}`, reason: command.reason },
        },
      ];
    case 'LiftLegalHold':
      if (!state.holds.some((h) => h.holdId === command.holdId))
        throw conflict('There is no legal hold with that reference on this record.', 'no-such-hold');
      return [{ type: 'LegalHoldLifted', data: { holdId: command.holdId, reason: command.reason } }];
    case 'ErasePersonalData':
      if (state.holds.length > 0) throw conflict(heldMessage(state.holds), 'legal-hold');
      return [erasure(command.basis, subject.rule, command.reason, subject.retained)];
  }
}

const erasure = (
  basis: ErasureBasis,
  policy: string,
  reason: string,
  retained: Retained,
): PersonalDataEvent => ({
  type: 'PersonalDataErased',
  data: { basis, policy, reason, retained },
});

/**
 * The retention sweep's decision, re-checked against the stream when it runs: erase once the retention period is
 * over (the day after its last day), unless already erased or under a legal hold, when there is nothing to do.
 */
function eraseAtEndOfRetention(
  state: PersonalDataState,
  subject: ErasureSubject,
  context: DecisionContext,
): PersonalDataEvent[] {
  if (context.actor.role !== 'system')
    throw new DomainRuleBroken(
      'Only the retention schedule erases at the end of retention.',
      422,
      'system-only',
    );
  const { retention } = subject;
  if (state.erased || state.holds.length > 0 || !retention || londonDateOf(context.now) <= retention.until)
    return [];
  return [
    erasure(
      'retention-period-ended',
      retention.rule,
      'The retention period set by this rule has ended.',
      subject.retained,
    ),
  ];
}
