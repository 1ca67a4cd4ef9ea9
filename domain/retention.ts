import { ethnicGroupOf } from '../events/contracts/ethnicity';
import { isWithheld } from '../events/personal-fields';
import { addDays, addYears } from './calendar';
import type { ChildState } from './child/state';
import type { ErasureSubject, Retained, Retention } from './personal-data';
import type { Policy } from './policy';
import type { VolunteerState } from './volunteer/state';

/**
 * How long a record's personal data is kept, from the law and the LA's policy. A child's case record is kept until
 * the 75th anniversary of the child's birth, or for 15 years from the death of a child who died before 18 (Care
 * Planning, Placement and Case Review (England) Regulations 2010, reg 50). A volunteer's record is kept for a number
 * of years after they leave, set by local policy. Undefined while there is no end yet (a volunteer still active).
 */
export function childRetention(state: ChildState, policy: Policy): Retention | undefined {
  const born = state.details?.dateOfBirth;
  if (!born || isWithheld(born)) return undefined;
  const { retention } = policy;
  const left = state.leftCare;
  if (left?.reason === 'died' && left.on < addYears(born, 18))
    return {
      // "A period of 15 years beginning with the date of death": its last day is the day before the anniversary.
      until: addDays(addYears(left.on, retention.childDiedYoungYearsFromDeath), -1),
      rule: `${retention.childRecordRule}: ${retention.childDiedYoungYearsFromDeath} years from the death of a child who died before 18`,
    };
  return {
    until: addYears(born, retention.childYearsFromBirth),
    rule: `${retention.childRecordRule}: until the ${retention.childYearsFromBirth}th anniversary of the child's birth`,
  };
}

export function volunteerRetention(state: VolunteerState, policy: Policy): Retention | undefined {
  if (state.status !== 'withdrawn' || !state.withdrawnOn) return undefined;
  const years = policy.retention.volunteerYearsAfterLeaving;
  return {
    until: addYears(state.withdrawnOn, years),
    rule: `the local authority's retention policy for volunteer records: ${years} years after leaving the service`,
  };
}

/** The coarse facts a child's statistics keep after erasure: the month of birth and the ethnic group. */
function childRetained(state: ChildState): Retained {
  const details = state.details;
  if (!details) return {};
  return {
    ...(isWithheld(details.dateOfBirth) ? {} : { birthMonth: details.dateOfBirth.slice(0, 7) }),
    ...(isWithheld(details.ethnicity) ? {} : { ethnicGroup: ethnicGroupOf(details.ethnicity) }),
  };
}

/** Everything erasing a record needs to know about it. */
export function erasureSubjectOf(state: ChildState | VolunteerState, policy: Policy): ErasureSubject {
  if (state.kind === 'child') {
    const retention = childRetention(state, policy);
    return {
      retention,
      rule: retention?.rule ?? `${policy.retention.childRecordRule}`,
      retained: childRetained(state),
    };
  }
  const retention = volunteerRetention(state, policy);
  return {
    retention,
    rule: retention?.rule ?? "the local authority's retention policy for volunteer records",
    retained: {},
  };
}
