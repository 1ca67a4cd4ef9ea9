import * as z from 'zod';
import { defineEvent } from '../catalog';
import { ETHNICITY } from './ethnicity';

/*
 * The life of a person's personal data, on their own stream (a child's or a volunteer's). Nothing here is personal:
 * these events must stay readable after the person's data key is destroyed, so their reasons are written, by the
 * form's instruction, without personal details, and what reports still need is kept in coarse form.
 */

export const ErasureBasis = z.enum(['retention-period-ended', 'erasure-request', 'recorded-in-error']);
export type ErasureBasis = z.infer<typeof ErasureBasis>;

const ethnicGroups = [...new Set(Object.values(ETHNICITY).map((e) => e.group))] as [string, ...string[]];
/** The major ethnic groups of the DfE's statistics. */
export const EthnicGroup = z.enum(ethnicGroups);

/** A reason staff write for the record of erasure or a hold: kept after erasure, so never personal details. */
const KeptReason = z.string().trim().min(1).max(500);

export const PersonalDataErased = defineEvent(
  'PersonalDataErased',
  "The person's personal data was erased: their data key is destroyed (right after this is recorded), so every " +
    'field declared personal now reads as erased, in every event of the stream. What the statistics need is kept ' +
    'here, coarse: the month of birth and the ethnic group. The record of the erasure itself is kept.',
  z.object({
    basis: ErasureBasis,
    /** The rule that set the retention period, in words (a regulation, or the LA's policy). */
    policy: z.string().min(1).max(200),
    reason: KeptReason,
    retained: z
      .object({
        birthMonth: z
          .string()
          .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a year and month such as 2012-04')
          .optional(),
        ethnicGroup: EthnicGroup.optional(),
      })
      .strict(),
  }),
);

export const LegalHoldPlaced = defineEvent(
  'LegalHoldPlaced',
  'A legal hold was placed on the record (litigation, an inquiry, a complaint): its personal data may not be ' +
    'erased, at the end of its retention period or on request, until the hold is lifted.',
  z.object({ holdId: z.string().min(1).max(64), reason: KeptReason }),
);

export const LegalHoldLifted = defineEvent(
  'LegalHoldLifted',
  'A legal hold on the record was lifted; erasure proceeds again when it falls due.',
  z.object({ holdId: z.string().min(1).max(64), reason: KeptReason }),
);

export const personalDataEvents = [PersonalDataErased, LegalHoldPlaced, LegalHoldLifted] as const;
