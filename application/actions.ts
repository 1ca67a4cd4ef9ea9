import type { LocalDate } from '../domain/calendar';
import { londonDateOf, londonInstant } from '../domain/calendar';
import { DomainRuleBroken } from '../domain/decider';
import { whenOf } from '../domain/recording';
import { LocalDateSchema } from '../events/contracts/common';
import type { Action, Principal } from './access';
import type { App } from './app';
import type { Field, InputOf } from './fields';
import { staffProblems } from './people';
import { fieldOfRule } from './rule-fields';

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

/**
 * The checks a form can run with the answers that parsed, beside the field checks, so every problem shows in one
 * round: the domain's recording rules for the date (not in the future; a past date needs a reason) and the staff
 * the form names. The domain decides again when the command runs; this only brings its answer forward.
 */
export async function answerProblems(
  app: App,
  principal: Principal,
  fields: readonly Field[],
  json: Record<string, unknown>,
): Promise<Array<{ field: string; message: string }>> {
  const problems = await staffProblems(app, principal.la, fields, json);
  const occurredOn = json.occurredOn;
  if (typeof occurredOn === 'string' && LocalDateSchema.safeParse(occurredOn).success) {
    const now = app.now();
    try {
      whenOf(
        { occurredAt: occurredAtOf({ occurredOn }, londonDateOf(now)) },
        {
          now,
          actor: { id: principal.id, role: principal.role, la: principal.la },
          reason: json.reason as string,
        },
        app.policies(principal.la),
      );
    } catch (error) {
      if (!(error instanceof DomainRuleBroken)) throw error;
      problems.push({ field: fieldOfRule(error.rule) ?? 'occurredOn', message: error.message });
    }
  }
  return problems;
}
