import * as z from 'zod';
import { isThirdParty, type PersonalCategory, personalCategoryOf } from './contracts/personal';

/**
 * Where an event's personal data sits, found from the `personal(...)` declarations of its contract, and the markers
 * a reader sees in its place. The event store encrypts the values at these paths before an event is sealed; this
 * module knows nothing of keys or ciphers, only of the shape of the data.
 */

/**
 * What a personal field reads as once the person's data key is destroyed: the value is gone for good. Every reader
 * shows it as "Erased"; contracts accept it on read (see `tolerantOfWithheld`), and no writer may store it.
 */
export const ERASED = '[erased]';
/** What a personal field reads as for someone whose role may not see its category (special-category data). */
export const HIDDEN = '[hidden]';

/**
 * How a sealed value begins as stored: `pd1.` then the key id and the cipher's parts (adapters/crypto). Readers that
 * show events as stored (the audit) show SEALED in its place, never the ciphertext.
 */
export const SEALED_PREFIX = 'pd1.';
export const SEALED = '[sealed]';
export const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(SEALED_PREFIX);

export const isErased = (value: unknown): boolean => value === ERASED;
export const isWithheld = (value: unknown): boolean => value === ERASED || value === HIDDEN;

/**
 * A copy with every ERASED value left out (a property dropped, a list item removed), however deep: what read models
 * and search indexes store, so an erased field is gone from them, whichever field a row copied it into.
 */
export function withoutErased<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((v) => !isErased(v)).map(withoutErased) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => !isErased(v))
      .map(([k, v]) => [k, withoutErased(v)]),
  ) as T;
}

/** One declared field: its path in the event's data (`*` stands for every item of a list) and its category. */
export interface PersonalField {
  path: readonly string[];
  category: PersonalCategory;
  /** About someone other than the record's person: withheld from that person's subject access copy. */
  thirdParty?: boolean;
}

/**
 * The metadata's `reason` is free text written by staff, so it is personal data of the record's person, sealed
 * like a declared field. The events about erasure and legal holds carry their own reason in their data instead,
 * because it must stay readable after the key is gone.
 */
export const REASON_FIELD: PersonalField = { path: ['metadata', 'reason'], category: 'free-text' };

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType };
const defOf = (schema: z.ZodType) => (schema as unknown as { def: Def }).def;

const fieldsCache = new WeakMap<z.ZodType, PersonalField[]>();

/** Every personal field a schema declares, through objects, optional and nullable wrappers and lists. */
export function personalFieldsOf(schema: z.ZodType): PersonalField[] {
  const cached = fieldsCache.get(schema);
  if (cached) return cached;
  const found: PersonalField[] = [];
  const walk = (node: z.ZodType, path: string[]) => {
    const category = personalCategoryOf(node);
    if (category) {
      found.push({ path, category, ...(isThirdParty(node) ? { thirdParty: true } : {}) });
      return;
    }
    const def = defOf(node);
    if (def.type === 'object')
      for (const [key, child] of Object.entries(def.shape!)) walk(child, [...path, key]);
    else if (def.type === 'optional' || def.type === 'nullable') walk(def.innerType!, path);
    else if (def.type === 'array') walk(def.element!, [...path, '*']);
  };
  walk(schema, []);
  fieldsCache.set(schema, found);
  return found;
}

/**
 * Each value present at one of the fields, replaced by what `change` makes of it; everything else is copied as it
 * is. Absent (undefined) values stay absent, so an optional field that was not given is never invented.
 */
export function mapPersonal(
  data: unknown,
  fields: readonly PersonalField[],
  change: (value: unknown, field: PersonalField) => unknown,
): unknown {
  let out = data;
  for (const field of fields) out = mapAt(out, field.path, (value) => change(value, field));
  return out;
}

function mapAt(node: unknown, path: readonly string[], change: (value: unknown) => unknown): unknown {
  if (node === undefined || node === null) return node;
  if (path.length === 0) return change(node);
  const [head, ...rest] = path;
  if (head === '*') return Array.isArray(node) ? node.map((item) => mapAt(item, rest, change)) : node;
  if (typeof node !== 'object' || Array.isArray(node) || !(head! in node)) return node;
  const record = node as Record<string, unknown>;
  return { ...record, [head!]: mapAt(record[head!], rest, change) };
}

/** The values present at the fields, each with its field: for scans and for deciding whether a key is needed. */
export function personalValues(
  data: unknown,
  fields: readonly PersonalField[],
): Array<{ field: PersonalField; value: unknown }> {
  const values: Array<{ field: PersonalField; value: unknown }> = [];
  mapPersonal(data, fields, (value, field) => {
    values.push({ field, value });
    return value;
  });
  return values;
}

const tolerantCache = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The contract as a reader applies it: every personal field also accepts ERASED (its key destroyed) and HIDDEN
 * (withheld from this reader), so such a record still reads and replays with the rest of its data validated as
 * strictly as ever. Object checks (refinements) are kept; a schema with no personal field is returned as it is.
 */
export function tolerantOfWithheld(schema: z.ZodType): z.ZodType {
  const cached = tolerantCache.get(schema);
  if (cached) return cached;
  const rebuilt = personalFieldsOf(schema).length === 0 ? schema : rebuild(schema);
  tolerantCache.set(schema, rebuilt);
  return rebuilt;
}

const Withheld = z.enum([ERASED, HIDDEN]);

function rebuild(node: z.ZodType): z.ZodType {
  if (personalCategoryOf(node)) return z.union([node, Withheld]);
  const def = defOf(node);
  const clone = (changes: Partial<Def>) =>
    (node as unknown as { clone(def: unknown): z.ZodType }).clone({ ...def, ...changes });
  if (def.type === 'object')
    return clone({
      shape: Object.fromEntries(Object.entries(def.shape!).map(([key, child]) => [key, rebuild(child)])),
    });
  if (def.type === 'optional' || def.type === 'nullable')
    return clone({ innerType: rebuild(def.innerType!) });
  if (def.type === 'array') return clone({ element: rebuild(def.element!) });
  return node;
}
