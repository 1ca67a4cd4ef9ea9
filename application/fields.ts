import { z } from 'zod';
import { BANK_HOLIDAY_YEARS } from '../domain/bank-holidays.generated';
import type { LocalDate } from '../domain/calendar';
import { LocalDateSchema, plainText } from '../events/contracts/common';

/**
 * A field of a command, described once: it yields the JSON schema of the API (and so the OpenAPI document), the
 * GOV.UK form of the admin UI, and the parser that turns that form's strings into the same JSON.
 */
interface FieldBase<N extends string = string> {
  name: N;
  label: string;
  hint?: string;
  optional?: boolean;
}
export type Option<V extends string = string> = { value: V; text: string };

export type Field =
  | (FieldBase & { kind: 'date' })
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'choice'; options: ReadonlyArray<Option> })
  | (FieldBase & { kind: 'text'; max?: number; pattern?: RegExp; patternMessage?: string })
  | (FieldBase & { kind: 'textarea'; max?: number })
  | (FieldBase & { kind: 'number'; min?: number; max?: number })
  | (FieldBase & { kind: 'list'; maxItems?: number });

/** The value a field parses to: a choice to one of its options' values, so a command needs no casts. */
export type ValueOf<F> = F extends { kind: 'date' }
  ? LocalDate
  : F extends { kind: 'boolean' }
    ? boolean
    : F extends { kind: 'choice'; options: ReadonlyArray<{ value: infer V }> }
      ? V
      : F extends { kind: 'number' }
        ? number
        : F extends { kind: 'list' }
          ? string[]
          : string;

/** The object a list of fields parses to, optional fields optional: what an action's command receives. */
export type InputOf<Fs extends readonly Field[]> = {
  [F in Fs[number] as F extends { optional: true } ? never : F['name']]: ValueOf<F>;
} & {
  [F in Fs[number] as F extends { optional: true } ? F['name'] : never]?: ValueOf<F>;
};

/**
 * A date someone enters: a real date in the years the working-day calendar knows (BANK_HOLIDAY_YEARS), so no date
 * typed in, nor any deadline counted from it, can fall where the calendar cannot count. The domain then keeps dates
 * in their order (nothing in the future, nothing before the fact it follows).
 */
export const PlausibleDate = LocalDateSchema.refine(
  (date) => date >= `${BANK_HOLIDAY_YEARS.first}-01-01` && date <= `${BANK_HOLIDAY_YEARS.last}-12-31`,
  `must be a date from ${BANK_HOLIDAY_YEARS.first} to ${BANK_HOLIDAY_YEARS.last}`,
);

/** A yes-or-no question. */
export const yesNo = <const N extends string>(name: N, label: string, hint?: string) =>
  ({ kind: 'boolean', name, label, hint }) as const;

function fieldSchema(field: Field): z.ZodType {
  switch (field.kind) {
    case 'date':
      return PlausibleDate;
    case 'boolean':
      return z.boolean();
    case 'choice':
      return z.enum(field.options.map((o) => o.value) as [string, ...string[]]);
    case 'text': {
      const text = plainText()
        .min(1, 'must not be empty')
        .max(field.max ?? 200);
      return field.pattern ? text.regex(field.pattern, field.patternMessage) : text;
    }
    case 'textarea':
      return plainText({ multiline: true }).max(field.max ?? 2000);
    case 'number':
      return z
        .number()
        .int()
        .min(field.min ?? 0)
        .max(field.max ?? 100_000);
    case 'list':
      return z
        .array(
          z
            .string()
            .trim()
            .toLowerCase()
            .regex(/^[a-z0-9-]{1,40}$/, 'must be short words joined by dashes'),
        )
        .max(field.maxItems ?? 20);
  }
}

/** The zod schema of a list of fields: what the API validates a body with and the forms a post with. */
export function schemaOf<const Fs extends readonly Field[]>(fields: Fs): z.ZodType<InputOf<Fs>> {
  const schema = z.strictObject(
    Object.fromEntries(fields.map((f) => [f.name, f.optional ? fieldSchema(f).optional() : fieldSchema(f)])),
  );
  // Built from the same fields, one entry each, so it parses to exactly InputOf<Fs>.
  return schema as unknown as z.ZodType<InputOf<Fs>>;
}

const pad = (value: string, length: number) => value.trim().padStart(length, '0');

/** Turns a GOV.UK form's strings into the JSON the API takes; the schema then validates both the same way. */
export function fromForm(
  fields: readonly Field[],
  form: Record<string, string | string[]>,
): Record<string, unknown> {
  const one = (name: string) => {
    const value = form[name];
    return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
  };
  const json: Record<string, unknown> = {};
  for (const field of fields) {
    let value: unknown;
    switch (field.kind) {
      case 'date': {
        const [day, month, year] = ['day', 'month', 'year'].map((part) => one(`${field.name}-${part}`));
        value = day || month || year ? `${pad(year!, 4)}-${pad(month!, 2)}-${pad(day!, 2)}` : undefined;
        break;
      }
      case 'boolean':
        value = one(field.name) === 'yes' ? true : one(field.name) === 'no' ? false : undefined;
        break;
      case 'number':
        value = one(field.name) === '' ? undefined : Number(one(field.name));
        break;
      case 'list':
        value = one(field.name)
          .split(/[\n,]+/)
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      default:
        value = one(field.name) === '' ? undefined : one(field.name);
    }
    if (value !== undefined) json[field.name] = value;
  }
  return json;
}
