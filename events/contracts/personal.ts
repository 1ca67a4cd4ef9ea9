import * as z from 'zod';

/**
 * Which fields of an event's data are personal, declared once, in the contract: `personal(z.string(), 'identity')`.
 * The event store encrypts these fields with the person's own data key before an event is sealed, the catalog
 * lists them, and erasing the person destroys the key. Everything not declared here is not personal data.
 */
export const PERSONAL_CATEGORIES = {
  /** Names and the identifiers that point at one person: a name, a case-system id, a date of birth. */
  identity: 'Identity',
  /** How to reach a person: email, phone, address. */
  contact: 'Contact details',
  /** What a person said or what staff wrote about them: the child's own words, notes. */
  'free-text': 'Free text',
  /** UK GDPR Art. 9 data: health, ethnicity where it is held about a named person. */
  'special-category': 'Special category (UK GDPR Art. 9)',
} as const;
export type PersonalCategory = keyof typeof PERSONAL_CATEGORIES;

export const personalData = z.registry<{ category: PersonalCategory; thirdParty?: boolean }>();

/**
 * Declares a field as personal data of the given category. It marks the very schema instance given, so pass a fresh
 * one (`personal(z.iso.date(), 'identity')`), never a shared schema that other fields use too.
 */
export function personal<S extends z.ZodType>(
  schema: S,
  category: PersonalCategory,
  options: {
    /**
     * About someone other than the record's person (a carer, another child): sealed and erased with the record,
     * and withheld from the person's subject access copy.
     */
    thirdParty?: boolean;
  } = {},
): S {
  personalData.add(schema, { category, ...(options.thirdParty ? { thirdParty: true } : {}) });
  return schema;
}

/** Whether a field was declared as about a third party, looking through optional and nullable wrappers. */
export const isThirdParty = (schema: z.ZodType): boolean => declarationOf(schema)?.thirdParty === true;

/** The category a field was declared with, looking through optional and nullable wrappers. */
export const personalCategoryOf = (schema: z.ZodType): PersonalCategory | undefined =>
  declarationOf(schema)?.category;

function declarationOf(schema: z.ZodType) {
  let current: z.ZodType | undefined = schema;
  while (current) {
    const declared = personalData.get(current);
    if (declared) return declared;
    const def: { type?: string; innerType?: z.ZodType } | undefined = (
      current as { def?: { type?: string; innerType?: z.ZodType } }
    ).def;
    current = def && (def.type === 'optional' || def.type === 'nullable') ? def.innerType : undefined;
  }
  return undefined;
}
