import * as z from 'zod';
import { BANK_HOLIDAY_YEARS } from '../domain/bank-holidays.generated';
import type { LocalDate } from '../domain/calendar';
import { LocalDateSchema, plainText, StaffRef } from '../events/contracts/common';

/**
 * A field of a command, described once: it yields the JSON schema of the API (and so the OpenAPI document), the
 * GOV.UK form of the admin UI, and the parser that turns that form's strings into the same JSON. Its error messages
 * follow the GOV.UK error message guidance and are the same in the form and in the API's problem.
 */
interface FieldBase<N extends string = string> {
  name: N;
  label: string;
  hint?: string;
  optional?: boolean;
  /** What to say when it is missing, and when it is there but wrong: "Enter …", "Select …", "… must be …". */
  messages?: { required?: string; invalid?: string };
}
export type Option<V extends string = string> = { value: V; text: string };

export type Field =
  | (FieldBase & { kind: 'date' })
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'choice'; options: ReadonlyArray<Option> })
  /** Any number of the options. */
  | (FieldBase & { kind: 'checkboxes'; options: ReadonlyArray<Option> })
  /** Characters matching `strip` (spaces in a certificate number) are removed before the pattern is checked. */
  | (FieldBase & {
      kind: 'text';
      max?: number;
      pattern?: RegExp;
      strip?: RegExp;
      inputmode?: 'numeric' | 'decimal' | 'email' | 'tel';
    })
  | (FieldBase & { kind: 'textarea'; max?: number })
  | (FieldBase & { kind: 'number'; min?: number; max?: number })
  /**
   * Words or short phrases, one per line or separated by commas, kept as tags ("BSL signer" is bsl-signer), or as
   * typed when `phrases` (place names).
   */
  | (FieldBase & { kind: 'list'; maxItems?: number; phrases?: boolean })
  /** A member of staff with this role, chosen from the LA's directory; the application checks they exist. */
  | (FieldBase & { kind: 'staff'; role: 'social-worker' | 'iro' });

/** The value a field parses to: a choice to one of its options' values, so a command needs no casts. */
export type ValueOf<F> = F extends { kind: 'date' }
  ? LocalDate
  : F extends { kind: 'boolean' }
    ? boolean
    : F extends { kind: 'choice'; options: ReadonlyArray<{ value: infer V }> }
      ? V
      : F extends { kind: 'checkboxes'; options: ReadonlyArray<{ value: infer V }> }
        ? V[]
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

/** A yes-or-no question; `required` is the "Select yes if …" message. */
export const yesNo = <const N extends string>(name: N, label: string, required?: string, hint?: string) =>
  ({ kind: 'boolean', name, label, hint, ...(required ? { messages: { required } } : {}) }) as const;

/**
 * The sentences of the GOV.UK error messages, with the field's label (`label`) or the label as a phrase inside a
 * sentence (`phrase`) filled in. English here, for the API; the Welsh pages pass their own (adapters/web/i18n), and
 * the messages are then built the same way from the translated label.
 */
export type MessageKey =
  | 'enter'
  | 'realDate'
  | 'dateInYears'
  | 'selectYesOrNo'
  | 'select'
  | 'selectFromList'
  | 'selectStaff'
  | 'wholeNumber'
  | 'wholeNumberBetween'
  | 'wholeNumberAtLeast'
  | 'listEntries'
  | 'characters';
export interface Wording {
  /** What marks an optional field's label, dropped from its messages: "(optional)". */
  optional: string;
  say(key: MessageKey, values: Record<string, string | number>): string;
}

const ENGLISH_MESSAGES: Record<MessageKey, string> = {
  enter: 'Enter {{phrase}}',
  realDate: '{{label}} must be a real date, for example 27 3 2026',
  dateInYears: '{{label}} must be a date from {{first}} to {{last}}',
  selectYesOrNo: 'Select yes or no',
  select: 'Select {{phrase}}',
  selectFromList: 'Select {{phrase}} from the list',
  selectStaff: 'Select {{phrase}} from the list of staff in your local authority',
  wholeNumber: '{{label}} must be a whole number',
  wholeNumberBetween: '{{label}} must be a whole number between {{min}} and {{max}}',
  wholeNumberAtLeast: '{{label}} must be a whole number of {{min}} or more',
  listEntries: 'Each entry of {{phrase}} must be 40 characters or fewer, with at most {{max}} entries',
  characters: '{{label}} must be {{max}} characters or fewer',
};

export const ENGLISH: Wording = {
  optional: '(optional)',
  say: (key, values) =>
    ENGLISH_MESSAGES[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? '')),
};

/** The label without its "(optional)"; as a phrase, also without its question mark and capital. */
const wordsOf = (field: Field, wording: Wording) => {
  const label = field.label.endsWith(wording.optional)
    ? field.label.slice(0, -wording.optional.length).trimEnd()
    : field.label;
  const phrase = label.replace(/\?$/, '');
  return { label, phrase: phrase.charAt(0).toLowerCase() + phrase.slice(1) };
};

/** The GOV.UK-style message for a field that is missing, and one that is there but not right. */
export function messagesOf(field: Field, wording: Wording = ENGLISH): { required: string; invalid: string } {
  const words = wordsOf(field, wording);
  const say = (key: MessageKey, extra: Record<string, string | number> = {}) =>
    wording.say(key, { ...words, ...extra });
  const standard = (() => {
    switch (field.kind) {
      case 'date':
        return { required: say('enter'), invalid: say('realDate') };
      case 'boolean':
        return { required: say('selectYesOrNo'), invalid: say('selectYesOrNo') };
      case 'choice':
      case 'checkboxes':
        return { required: say('select'), invalid: say('selectFromList') };
      case 'staff':
        return { required: say('select'), invalid: say('selectStaff') };
      case 'number': {
        const { min, max } = field;
        const invalid =
          min !== undefined && max !== undefined
            ? say('wholeNumberBetween', { min, max })
            : min !== undefined
              ? say('wholeNumberAtLeast', { min })
              : say('wholeNumber');
        return { required: say('enter'), invalid };
      }
      case 'list':
        return { required: say('enter'), invalid: say('listEntries', { max: field.maxItems ?? 20 }) };
      case 'textarea':
        return { required: say('enter'), invalid: say('characters', { max: field.max ?? 2000 }) };
      default:
        return { required: say('enter'), invalid: say('characters', { max: field.max ?? 200 }) };
    }
  })();
  return { ...standard, ...field.messages };
}

/** A phrase typed by a person as the tag it is kept as: "BSL signer" is bsl-signer, "Café" is cafe. */
export const toTag = (phrase: string): string =>
  phrase
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

function fieldSchema(field: Field, wording: Wording): z.ZodType {
  const { required, invalid } = messagesOf(field, wording);
  // Missing, or there but wrong: the same two sentences whatever zod found.
  const error = (issue: { input?: unknown }) =>
    issue.input === undefined || issue.input === '' ? required : invalid;
  switch (field.kind) {
    case 'date':
      // One message a field: not a real date, or (a real one) outside the calendar's years.
      return z
        .string({ error })
        .refine((date) => z.iso.date().safeParse(date).success, { error: invalid, abort: true })
        .refine((date) => PlausibleDate.safeParse(date).success, {
          error: wording.say('dateInYears', {
            ...wordsOf(field, wording),
            first: BANK_HOLIDAY_YEARS.first,
            last: BANK_HOLIDAY_YEARS.last,
          }),
        });
    case 'boolean':
      return z.boolean({ error });
    case 'choice':
      return z.enum(field.options.map((o) => o.value) as [string, ...string[]], { error });
    case 'checkboxes':
      return z
        .array(z.enum(field.options.map((o) => o.value) as [string, ...string[]], { error }), { error })
        .max(field.options.length, { error });
    case 'staff':
      return z
        .string({ error })
        .trim()
        .min(1, { error: required })
        .refine((id) => StaffRef.safeParse(id).success, { error: invalid });
    case 'text': {
      const strip = field.strip;
      const text = z
        .string({ error })
        .transform((value) => (strip ? value.replace(strip, '') : value).trim())
        .pipe(
          plainText()
            .min(1, { error: required })
            .max(field.max ?? 200, { error: invalid }),
        );
      return field.pattern ? text.pipe(z.string().regex(field.pattern, { error: invalid })) : text;
    }
    case 'textarea':
      return z.string({ error }).pipe(
        plainText({ multiline: true })
          .min(field.optional ? 0 : 1, { error: required })
          .max(field.max ?? 2000, { error: invalid }),
      );
    case 'number':
      return z
        .number({ error })
        .int({ error: invalid })
        .min(field.min ?? 0, { error: invalid })
        .max(field.max ?? 100_000, { error: invalid });
    case 'list':
      return z
        .array(
          z
            .string({ error })
            .trim()
            .min(1, { error: invalid })
            .max(field.phrases ? 80 : 40, { error: invalid })
            .transform((item) => (field.phrases ? item.replace(/\s+/g, ' ') : toTag(item)))
            .pipe(z.string().min(1, { error: invalid })),
          { error },
        )
        .max(field.maxItems ?? 20, { error: invalid })
        .transform((tags) => [...new Set(tags)]);
  }
}

/** The zod schema of a list of fields: what the API validates a body with and the forms a post with. */
export function schemaOf<const Fs extends readonly Field[]>(
  fields: Fs,
  wording: Wording = ENGLISH,
): z.ZodType<InputOf<Fs>> {
  const schema = z.strictObject(
    Object.fromEntries(
      fields.map((f) => [f.name, f.optional ? fieldSchema(f, wording).optional() : fieldSchema(f, wording)]),
    ),
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
  const all = (name: string) => {
    const value = form[name];
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => v.trim());
  };
  const one = (name: string) => all(name)[0] ?? '';
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
      case 'checkboxes': {
        // GOV.UK checkboxes send nothing when none is ticked; a hidden empty value marks the question as asked.
        const ticked = all(field.name).filter(Boolean);
        value = ticked.length > 0 || form[field.name] !== undefined ? ticked : undefined;
        break;
      }
      case 'list':
        value = one(field.name)
          .split(/[\n,;]+/)
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
