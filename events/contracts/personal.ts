import { z } from 'zod';

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

export const personalData = z.registry<{ category: PersonalCategory }>();

/** Declares a field as personal data of the given category. */
export function personal<S extends z.ZodType>(schema: S, category: PersonalCategory): S {
  personalData.add(schema, { category });
  return schema;
}

/** The category a field was declared with, looking through optional and nullable wrappers. */
export function personalCategoryOf(schema: z.ZodType): PersonalCategory | undefined {
  let current: z.ZodType | undefined = schema;
  while (current) {
    const declared = personalData.get(current);
    if (declared) return declared.category;
    const def: { type?: string; innerType?: z.ZodType } | undefined = (
      current as { def?: { type?: string; innerType?: z.ZodType } }
    ).def;
    current = def && (def.type === 'optional' || def.type === 'nullable') ? def.innerType : undefined;
  }
  return undefined;
}
