import type { LocalDate, WorkingDayCalendar } from '../calendar';
import type { Policy } from '../policy';
import { dbsValidUntil, type VolunteerState } from '../volunteer/state';
import { obligation } from './make';
import type { Obligation } from './obligation';

/**
 * A volunteer's DBS re-check (due when the check stops standing under the LA's policy, or at once on new
 * information) and the renewal of each course that expires.
 */
export function volunteerObligations(
  state: VolunteerState,
  policy: Policy,
  calendar: WorkingDayCalendar,
): Obligation[] {
  const { streamId, la } = state;
  if (!streamId || !la || state.status === 'not-recorded' || state.status === 'withdrawn') return [];
  return [...dbsRecheck(state, policy, calendar), ...trainingRenewals(state, policy, calendar)];
}

function dbsRecheck(state: VolunteerState, policy: Policy, calendar: WorkingDayCalendar): Obligation[] {
  const { streamId, la, dbs } = state;
  if (!dbs) return [];
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
        streamId: streamId!,
        la: la!,
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

/** The last working day on or before a date: a course that lapses on a Sunday is renewed by the Friday. */
const workingDayBy = (date: LocalDate, calendar: WorkingDayCalendar): LocalDate =>
  calendar.isWorkingDay(date) ? date : calendar.addWorkingDays(date, -1);

/**
 * Each course whose latest completion expires: renewed by the last working day before it lapses. Named by the
 * course and the expiry, so a renewal (a later expiry) replaces the duty with the next one.
 */
function trainingRenewals(state: VolunteerState, policy: Policy, calendar: WorkingDayCalendar): Obligation[] {
  return Object.values(state.training).flatMap((record) =>
    record.expiresOn === undefined
      ? []
      : [
          obligation(
            {
              kind: 'renew-training',
              id: `${state.streamId}:renew-training:${record.course}:${record.expiresOn}`,
              streamId: state.streamId!,
              la: state.la!,
              dueOn: workingDayBy(record.expiresOn, calendar),
              summary: "The volunteer's training expires: they need to renew it.",
            },
            policy,
            calendar,
          ),
        ],
  );
}
