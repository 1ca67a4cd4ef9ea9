import type { WorkingDayCalendar } from '../calendar';
import type { Policy } from '../policy';
import { dbsValidUntil, type VolunteerState } from '../volunteer/state';
import { obligation } from './make';
import type { Obligation } from './obligation';

/** A volunteer's DBS re-check: due when the check stops standing under the LA's policy, or at once on new information. */
export function volunteerObligations(
  state: VolunteerState,
  policy: Policy,
  calendar: WorkingDayCalendar,
): Obligation[] {
  const { streamId, la, dbs } = state;
  if (!streamId || !la || !dbs || state.status === 'not-recorded' || state.status === 'withdrawn') return [];
  const until = dbsValidUntil(dbs, policy);
  const dueOn = until ?? dbs.newInformationOn ?? dbs.issuedOn;
  // The certificate is named by its issue date, never its number: obligation ids reach the workflow's input and
  // the deadline records, which are not personal data and outlive an erasure.
  const occasion = `${dbs.issuedOn}:${dbs.newInformationOn ? 'new-information' : dueOn}`;
  return [
    obligation(
      {
        kind: 'dbs-recheck-due',
        id: `${streamId}:dbs-recheck-due:${occasion}`,
        streamId,
        la,
        dueOn,
        summary: until
          ? "The volunteer's DBS check is due for renewal."
          : "The volunteer's DBS check no longer stands: a new check is needed.",
      },
      policy,
      calendar,
    ),
  ];
}
