import * as z from 'zod';
import type { EventDefinition } from '../catalog';
import type { DomainEvent } from '../envelope';

/** Jurisdiction is a property of the local authority: an ONS code starting W is in Wales, E in England. */
export const Jurisdiction = z.enum(['england', 'wales']);
/**
 * The language a person asked to be written to in (Welsh Language Standards (No. 1) Regulations 2015: a Welsh
 * council asks for, records and honours it). A preference, not who they are: not personal data of its own.
 */
export const CorrespondenceLanguage = z.enum(['en', 'cy']);
export type Jurisdiction = z.infer<typeof Jurisdiction>;
export const jurisdictionOfLa = (la: string): Jurisdiction => (la.startsWith('W') ? 'wales' : 'england');

/** A calendar date in England and Wales, YYYY-MM-DD. */
export const LocalDateSchema = z.iso.date();

/**
 * Text as a person typed it, in one Unicode form (NFC, so the same words are always the same bytes), trimmed, and
 * without the characters that are not text or that hide what it says: control characters (they break exports and
 * logs), the bidirectional overrides and isolates that make text display differently from how it reads ("Trojan
 * Source"), the byte-order mark, and lone surrogates. Line breaks and tabs only where the text has several lines.
 */
export function plainText(options: { multiline?: boolean } = {}) {
  // \p{Cc}: the C0 and C1 controls and DEL; [^\P{Cc}\t\n\r]: those but tab and line breaks.
  const controls = options.multiline ? /[^\P{Cc}\t\n\r]/u : /\p{Cc}/u;
  return z
    .string()
    .normalize('NFC')
    .trim()
    .superRefine((value, ctx) => {
      if (controls.test(value) || /[\u202A-\u202E\u2066-\u2069\uFEFF]/.test(value) || /\p{Cs}/u.test(value))
        ctx.addIssue({
          code: 'custom',
          message: options.multiline
            ? 'must be plain text: remove any hidden control or text-direction characters'
            : 'must be plain text on one line: remove any hidden control or text-direction characters',
        });
    });
}

/** An id of one of our own records (a child, a volunteer, a staff user): never a name. */
export const RecordId = z.string().regex(/^[0-9A-Za-z-]{1,64}$/, 'must be letters, digits and dashes');
/** A reference to a staff member (social worker, IRO) by their user id, never their name. */
export const StaffRef = z.string().regex(/^[0-9A-Za-z._:-]{1,128}$/, 'must be a staff user id, not a name');

/** Short coded tags (needs, interests, preferences): reports count them; free text would invite names. */
export const Tag = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,48}$/, 'must be a short lower-case tag such as "football" or "bsl"');

/** A person's name as they or their records give it: any letters, spaces, hyphens and apostrophes. */
export const PersonName = z.string().trim().min(1).max(100);

/**
 * The id of the child's record in the LA's own case-management system (Mosaic, LCS, Eclipse...): how staff and the
 * SSDA903 return know the child. Letters, digits and a few separators, as those systems print them.
 */
export const CaseSystemId = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z/._-]{0,39}$/, 'must be the id of the record in the case-management system');

/** A town, district or area, as the LA names it: where a child is placed, where a volunteer can travel to. */
export const AreaName = z.string().trim().min(1).max(80);

/** When a visit can happen: the volunteer's availability, and the child's. */
export const Availability = z.enum(['weekday-daytime', 'weekday-evenings', 'weekends']);

/** The domain's view of an event definition: its type and the data its schema parses to. */
export type EventOf<D> = D extends EventDefinition<infer T, infer S> ? DomainEvent<T, z.infer<S>> : never;
