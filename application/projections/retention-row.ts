import type { LocalDate } from '../../domain/calendar';
import type { ChildState } from '../../domain/child';
import type { Policy } from '../../domain/policy';
import { erasureSubjectOf } from '../../domain/retention';
import type { VolunteerState } from '../../domain/volunteer';

/** Where a record stands with its personal data: kept until when, held, or erased (and when). */
export interface RetentionRow {
  /** The last day the personal data is kept, while there is one (a volunteer still active has none yet). */
  until?: LocalDate;
  legalHolds: number;
  erasedOn?: LocalDate;
}

export function retentionRowOf(state: ChildState | VolunteerState, policy: Policy): RetentionRow {
  const { erased, holds } = state.personalData;
  if (erased) return { legalHolds: holds.length, erasedOn: erased.on };
  const until = erasureSubjectOf(state, policy).retention?.until;
  return { ...(until ? { until } : {}), legalHolds: holds.length };
}
