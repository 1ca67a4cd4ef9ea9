import * as z from 'zod';
import { defineEvent } from '../catalog';
import { personal } from './personal';

/**
 * The LA's own id for a child in its case system: the SSDA903 `CHILD` field. An LA's reference, not a name; kept
 * so that a later extract finds the same record and the export back to the case system is keyed by it.
 */
export const CaseSystemId = z
  .string()
  .regex(/^[0-9A-Za-z._/-]{1,32}$/, 'must be the case system’s id: up to 32 letters, digits and . _ / -');

/** Where a record was imported from. Only the SSDA903 extract today; the Welsh CLA census would be another. */
export const ImportSource = z.enum(['ssda903']);

export const ChildRecordImported = defineEvent(
  'ChildRecordImported',
  "The child's record was started from the local authority's case system (its SSDA903 extract), whose id for the " +
    'child it keeps. The extract says nothing about Independent Visitors, so what happened about the offer is not ' +
    'on record ("IV status unknown") until a coordinator records it.',
  z.object({ source: ImportSource, caseSystemId: personal(CaseSystemId, 'identity') }),
);
