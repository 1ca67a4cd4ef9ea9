import type { LocalDate } from '../domain/calendar';
import { londonInstant } from '../domain/calendar';
import type { Action } from './access';
import type { Field, InputOf } from './fields';

/** Every command on a record carries when it happened (today unless given) and why it is recorded late. */
export const WHEN_FIELDS = [
  {
    kind: 'date',
    name: 'occurredOn',
    label: 'Date it happened',
    hint: 'Leave empty for today. For example, 27 3 2026',
    optional: true,
  },
  {
    kind: 'textarea',
    name: 'reason',
    label: 'Reason for recording it late',
    hint: 'Needed when the date is before today',
    optional: true,
    max: 500,
  },
] as const satisfies readonly Field[];

/** What a form or an API body gives an action, once its schema has parsed it. */
export interface ActionInput {
  [field: string]: unknown;
  occurredOn?: LocalDate;
  reason?: string;
}

/** The instant a fact happened: now if it happened today, otherwise midday London time on the given date. */
export function occurredAtOf(input: ActionInput, today: LocalDate): string | undefined {
  if (!input.occurredOn || input.occurredOn === today) return undefined;
  return londonInstant(input.occurredOn, '12:00').toISOString();
}

/**
 * One thing staff can record on a record (a child's, a volunteer's). The API route, the form on the record's page and
 * the command sent to the domain all come from this one description. `offeredWhen` only decides which forms the page
 * shows; the domain alone decides what is allowed.
 */
export interface RecordAction<State, Command> {
  slug: string;
  title: string;
  permission: Action;
  fields: readonly Field[];
  offeredWhen(state: State): boolean;
  toCommand(input: ActionInput): Command;
}

/**
 * Declares an action whose command receives its input typed from its own fields: a choice arrives as one of its
 * options' values, a date as a LocalDate, so no command needs a cast.
 */
export const actionsOf =
  <State, Command>() =>
  <const Fs extends readonly Field[]>(
    a: Omit<RecordAction<State, Command>, 'fields' | 'toCommand'> & {
      fields: Fs;
      command: (input: InputOf<Fs>) => Command;
    },
  ): RecordAction<State, Command> => ({
    slug: a.slug,
    title: a.title,
    permission: a.permission,
    fields: a.fields,
    offeredWhen: a.offeredWhen,
    // The router and the forms parse every input with schemaOf(fields) before an action sees it, so the input
    // has exactly the shape InputOf<Fs> describes.
    toCommand: (input) => a.command(input as InputOf<Fs>),
  });
