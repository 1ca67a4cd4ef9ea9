import { addMonths, londonDateOf } from '../../domain/calendar';
import { defaultPolicyFor, type PolicySource } from '../../domain/policy';
import type { RecordedEvent } from '../../events/envelope';
import { ROW_SCHEMA, type VolunteerMatchRow, type VolunteerRow, type VolunteerStatus } from './rows';

type Data = Record<string, unknown>;

/**
 * The volunteer register's row: status, capacity, matches and DBS expiry. Status follows the recorded facts in
 * order (applied, approved, paused/resumed, suspended/lifted, withdrew); DBS expiry is the certificate's issue date
 * plus the LA's re-check period. Undefined for a stream with no application.
 */
export function volunteerRow(
  events: readonly RecordedEvent[],
  now: Date,
  policies: PolicySource = defaultPolicyFor,
): VolunteerRow | undefined {
  let row: VolunteerRow | undefined;
  let beforePause: VolunteerStatus = 'approved';
  for (const event of events) {
    const on = londonDateOf(event.metadata.occurredAt);
    const data = event.data as Data;
    if (event.type === 'VolunteerApplied') {
      row = {
        streamId: event.streamId,
        version: 0,
        rowSchema: ROW_SCHEMA,
        la: event.la,
        volunteerId: String(data.volunteerId),
        status: 'applied',
        listKey: '',
        appliedOn: on,
        capacity: policies(event.la).volunteers.defaultCapacity,
        activeMatches: 0,
        matches: [],
        projectedAt: '',
      };
      continue;
    }
    if (!row) continue;
    switch (event.type) {
      case 'VolunteerApproved':
        row.status = 'approved';
        row.approvedOn ??= on;
        row.capacity = Number(data.capacity);
        break;
      case 'VolunteerCapacityChanged':
        row.capacity = Number(data.capacity);
        break;
      case 'DbsCheckRecorded':
      case 'DbsCheckRenewed':
        row.dbsIssuedOn = String(data.issuedOn);
        break;
      case 'VolunteerPaused':
      case 'VolunteerSuspended':
        if (row.status === 'approved' || row.status === 'applied') beforePause = row.status;
        row.status = event.type === 'VolunteerPaused' ? 'paused' : 'suspended';
        break;
      case 'VolunteerResumed':
      case 'VolunteerSuspensionLifted':
        row.status = beforePause;
        break;
      case 'VolunteerWithdrew':
        row.status = 'withdrawn';
        row.withdrawnOn = on;
        break;
      case 'VolunteerMatchedWithChild':
        row.matches.push({ matchId: String(data.matchId), childId: String(data.childId), matchedOn: on });
        break;
      case 'VolunteerMatchEnded': {
        const match = row.matches.find((m: VolunteerMatchRow) => m.matchId === data.matchId);
        if (match) {
          match.endedOn = on;
          match.endReason = String(data.reason);
        }
        break;
      }
      default:
        break;
    }
  }
  if (!row) return undefined;
  const policy = policies(row.la);
  const last = events.at(-1)!;
  row.version = last.version;
  row.activeMatches = row.matches.filter((m) => !m.endedOn).length;
  if (row.dbsIssuedOn)
    row.dbsExpiresOn = addMonths(row.dbsIssuedOn, policy.volunteers.dbs.recheckEveryMonths);
  row.listKey = `${row.status}#${row.volunteerId}`;
  row.projectedAt = now.toISOString();
  return row;
}
