import { z } from 'zod';
import { LocalDateSchema } from '../events/contracts/common';

/**
 * A field of a command, described once: it yields the JSON schema of the API (and so the OpenAPI document), the
 * GOV.UK form of the admin UI, and the parser that turns that form's strings into the same JSON.
 */
export type Field =
  | { kind: 'date'; name: string; label: string; hint?: string; optional?: boolean }
  | { kind: 'boolean'; name: string; label: string; hint?: string; optional?: boolean }
  | {
      kind: 'choice';
      name: string;
      label: string;
      hint?: string;
      optional?: boolean;
      options: ReadonlyArray<{ value: string; text: string }>;
    }
  | {
      kind: 'text';
      name: string;
      label: string;
      hint?: string;
      optional?: boolean;
      max?: number;
      pattern?: RegExp;
      patternMessage?: string;
    }
  | { kind: 'textarea'; name: string; label: string; hint?: string; optional?: boolean; max?: number }
  | {
      kind: 'number';
      name: string;
      label: string;
      hint?: string;
      optional?: boolean;
      min?: number;
      max?: number;
    }
  | { kind: 'list'; name: string; label: string; hint?: string; optional?: boolean; maxItems?: number };

function fieldSchema(field: Field): z.ZodType {
  switch (field.kind) {
    case 'date':
      return LocalDateSchema;
    case 'boolean':
      return z.boolean();
    case 'choice':
      return z.enum(field.options.map((o) => o.value) as [string, ...string[]]);
    case 'text': {
      const text = z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(field.max ?? 200);
      return field.pattern ? text.regex(field.pattern, field.patternMessage) : text;
    }
    case 'textarea':
      return z
        .string()
        .trim()
        .max(field.max ?? 2000);
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

export function schemaOf(fields: readonly Field[]): z.ZodObject {
  return z.strictObject(
    Object.fromEntries(fields.map((f) => [f.name, f.optional ? fieldSchema(f).optional() : fieldSchema(f)])),
  );
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
