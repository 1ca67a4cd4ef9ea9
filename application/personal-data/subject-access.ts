import * as z from 'zod';
import type { ChildState } from '../../domain/child';
import type { PolicySource } from '../../domain/policy';
import { erasureSubjectOf } from '../../domain/retention';
import type { VolunteerState } from '../../domain/volunteer';
import { catalog } from '../../events/contracts';
import { ETHNICITY, type EthnicityCode } from '../../events/contracts/ethnicity';
import type { Actor, RecordedEvent } from '../../events/envelope';
import { mapPersonal } from '../../events/personal-fields';
import { type StreamKind, toStreamId } from '../../events/stream-id';
import { escapeHtml } from '../audit/export';
import * as L from '../labels';
import { fullName } from '../people';
import type { AccessChannel, AccessLog } from '../ports/access-log';
import type { EventStore } from '../ports/event-store';
import { CHILD, loadRecord, VOLUNTEER } from '../records';
import { historyOf } from '../timeline';
import { shownValue, withheldText } from './visibility';

/** The reference of the request, as the LA's log of requests names it; never personal details. */
export const SubjectAccessReference = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ./_-]{0,63}$/, 'must be the request’s reference, such as SAR-2026-014');

export interface SubjectAccessDeps {
  store: Pick<EventStore, 'read'>;
  accessLog: AccessLog;
  policies: PolicySource;
  now: () => Date;
  laName?: (code: string) => string | undefined;
}

export interface SubjectAccessCopy {
  streamId: string;
  reference: string;
  producedAt: string;
  /** Entries in the history. */
  entries: number;
  html: string;
}

const WITHHELD = 'Withheld: about someone else';

/**
 * A person's copy of their record (UK GDPR Art. 15), as a document to read and print: what is held about them,
 * how long it is kept and why, and everything that happened, in plain English. It is built from their own stream
 * only, so nothing from another person's record (another child matched with the same volunteer, say) can appear;
 * fields declared about a third party are withheld, and ids of other people (a volunteer, another child) are never
 * shown. Staff appear by role and user id, as the LA's policy allows. The request and the copy are both written to
 * the record's access log, the request before anything is read for it.
 */
export async function subjectAccessCopy(
  deps: SubjectAccessDeps,
  requester: Actor,
  kind: StreamKind,
  id: string,
  reference: string,
  channel: AccessChannel,
): Promise<SubjectAccessCopy> {
  const streamId = toStreamId(kind, id);
  const options = { la: requester.la, policies: deps.policies };
  const record =
    kind === 'child'
      ? await loadRecord(deps.store, CHILD, id, options)
      : await loadRecord(deps.store, VOLUNTEER, id, options);
  const view = { recordId: streamId, la: record.la, viewer: requester, channel };
  await deps.accessLog.recordView({ ...view, what: `subject access request ${reference}` });
  const producedAt = deps.now().toISOString();
  const events = record.events.map(withoutThirdParties);
  const html = renderCopy({
    reference,
    producedAt,
    requester,
    laName: deps.laName?.(record.la) ?? record.la,
    kind,
    id,
    subject:
      kind === 'child'
        ? fullName((record.state as ChildState).details)
        : (withheldText((record.state as VolunteerState).profile.name) ??
          (record.state as VolunteerState).profile.name ??
          'the volunteer'),
    summary:
      kind === 'child'
        ? childSummary(record.state as ChildState)
        : volunteerSummary(record.state as VolunteerState),
    retention: retentionLines(record.state as ChildState | VolunteerState, deps.policies(record.la)),
    events,
  });
  await deps.accessLog.recordView({
    ...view,
    what: `subject access copy ${reference}: ${events.length} entries`,
  });
  return { streamId, reference, producedAt, entries: events.length, html };
}

function withoutThirdParties(event: RecordedEvent): RecordedEvent {
  const fields = catalog.personalFields(event.type, event.schemaVersion).filter((f) => f.thirdParty);
  return fields.length === 0 ? event : { ...event, data: mapPersonal(event.data, fields, () => WITHHELD) };
}

const longDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
/** "1 December 2026", for a local date or an instant. */
const inWords = (value: string) =>
  longDay.format(new Date(value.length === 10 ? `${value}T12:00:00Z` : value));
const yesNo = (value: boolean) => (value ? 'Yes' : 'No');
const or = (value: string | undefined) => value ?? 'Not recorded';

function childSummary(state: ChildState): Array<[string, string]> {
  const d = state.details;
  return [
    ['Date of birth', or(shownValue(d?.dateOfBirth, inWords))],
    ['Sex', or(d && L.labelOf(L.SEX, d.sex))],
    ['Ethnicity', or(shownValue(d?.ethnicity, (c) => ETHNICITY[c as EthnicityCode]?.label))],
    [
      'Arrived as an unaccompanied asylum-seeking child',
      or(d?.unaccompaniedAsylumSeeking === undefined ? undefined : yesNo(d.unaccompaniedAsylumSeeking)),
    ],
    [
      'Placement',
      state.placementInLaArea === undefined
        ? 'Not recorded'
        : state.placementInLaArea
          ? 'Inside the local authority’s area'
          : 'Outside the local authority’s area',
    ],
    ['Social worker (staff reference)', or(d?.socialWorkerRef)],
    ['Independent reviewing officer (staff reference)', or(d?.iroRef)],
    ['Looked after now', state.status === 'looked-after' ? 'Yes' : 'No'],
    ['In care since', or(state.period && inWords(state.period.startedOn))],
    ['Has an Independent Visitor now', yesNo(state.relationship !== undefined)],
  ];
}

function volunteerSummary(state: VolunteerState): Array<[string, string]> {
  const dbs = state.dbs;
  return [
    [
      'Status',
      state.status === 'withdrawn'
        ? 'Left the service'
        : state.status === 'approved'
          ? 'Approved'
          : 'Applied',
    ],
    [
      'DBS check',
      dbs
        ? `${L.labelOf(L.DBS_LEVELS, dbs.level)}, certificate ${shownValue(dbs.certificateNumber, (n) => n)}, issued ${inWords(dbs.issuedOn)}`
        : 'None recorded',
    ],
    ['Training completed', state.trainingCompleted.join(', ') || 'None recorded'],
    ['Children at once', String(state.capacity)],
    ['Matched with a child now', yesNo(state.activeMatches.length > 0)],
  ];
}

function retentionLines(state: ChildState | VolunteerState, policy: ReturnType<PolicySource>): string[] {
  const { personalData } = state;
  if (personalData.erased) return [`Personal data erased on ${inWords(personalData.erased.on)}.`];
  const retention = erasureSubjectOf(state, policy).retention;
  const lines = [
    retention
      ? `Kept until ${inWords(retention.until)}, under ${retention.rule}; then the personal data is erased.`
      : `Kept while you volunteer with the service and for ${policy.retention.volunteerYearsAfterLeaving} years after you leave (the local authority's retention policy); then the personal data is erased.`,
  ];
  for (const hold of personalData.holds)
    lines.push(`A legal hold placed on ${inWords(hold.placedOn)} keeps it for now: ${hold.reason}`);
  return lines;
}

const PURPOSE: Record<StreamKind, string> = {
  child:
    'The local authority keeps this record to meet its duty to appoint an Independent Visitor where it is in a ' +
    "child's interests (Children Act 1989 s.23ZB; in Wales, Social Services and Well-being (Wales) Act 2014 s.98), " +
    'and as part of the child’s case record. Lawful basis: a legal obligation and a public task (UK GDPR Art. 6(1)(c) ' +
    'and (e)); ethnicity and health needs under Art. 9(2)(b) and (g) with the Data Protection Act 2018, Schedule 1.',
  volunteer:
    'The local authority (or its commissioned service) keeps this record to recruit, vet, support and match ' +
    'Independent Visitors. Lawful basis: a public task (UK GDPR Art. 6(1)(e)); the DBS check details under Art. 10 ' +
    'with the Data Protection Act 2018, Schedule 1 (safeguarding children).',
};

function renderCopy(doc: {
  reference: string;
  producedAt: string;
  requester: Actor;
  laName: string;
  kind: StreamKind;
  id: string;
  /** The person the record is about, as the history's sentences name them. */
  subject: string;
  summary: Array<[string, string]>;
  retention: string[];
  events: RecordedEvent[];
}): string {
  const e = escapeHtml;
  const rows = (pairs: Array<[string, string]>) =>
    pairs.map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${e(v)}</td></tr>`).join('\n');
  // Staff by role and user id, other people never by name: the copy is built from this record alone.
  const staff = (id: string) => `staff member ${id}`;
  const history = historyOf(doc.events, {
    subject: doc.subject,
    staff,
    volunteer: () => 'a volunteer',
    child: () => 'a child',
    actorName: (id, role) => `${role.replace(/-/g, ' ')} ${id}`.replace(/^./, (c) => c.toUpperCase()),
  })
    .map(
      (t) => `<li>
<h3>${e(t.on)}</h3>
<p>${e(t.sentence)}</p>
${t.childsWords ? `<p>In their own words: “${e(t.childsWords)}”</p>` : ''}
${t.group ? `<ul>${t.group.map((g) => `<li>${e(g.on)}: ${e(g.sentence)}</li>`).join('')}</ul>` : ''}
<p class="meta">${t.recordedOn ? `Recorded on ${e(t.recordedOn)}` : ''}${t.reason ? `${t.recordedOn ? '. ' : ''}Reason: ${e(t.reason)}` : ''}</p>
</li>`,
    )
    .join('\n');
  const who = doc.kind === 'child' ? 'child' : 'volunteer';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Subject access copy ${e(doc.reference)}</title>
<style>
body{font-family:system-ui,Arial,sans-serif;margin:2rem;max-width:50rem;color:#0b0c0c;line-height:1.5}
h1{font-size:1.8rem}h2{margin-top:2rem;border-bottom:2px solid #0b0c0c}h3{font-size:1.1rem;margin:0}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #b1b4b6}
th{width:45%}ol{padding-left:1.2rem}li{margin:1rem 0;break-inside:avoid}.meta{color:#505a5f;margin:0}
@media print{body{margin:0}a{color:inherit}}
</style>
</head>
<body>
<h1>Your personal data: the Independent Visitor record of a ${who}</h1>
<p>${e(doc.laName)} holds the information below about you in its Independent Visitor records. It is a copy made in
answer to a subject access request (UK GDPR Article 15). Information about other people has been left out.</p>
<table>
${rows([
  ['Request reference', doc.reference],
  ['Copy made on', inWords(doc.producedAt)],
  ['Copy made by', `${doc.requester.role.replace(/-/g, ' ')} ${doc.requester.id}`],
  ['Record reference', doc.id],
])}
</table>
<h2>What we hold about you</h2>
<table>
${rows(doc.summary)}
</table>
<h2>Why we hold it</h2>
<p>${e(PURPOSE[doc.kind])}</p>
<h2>How long we keep it</h2>
${doc.retention.map((line) => `<p>${e(line)}</p>`).join('\n')}
<h2>Everything recorded, oldest first</h2>
<ol>
${history}
</ol>
<p>If anything here is wrong you can ask for it to be corrected. To complain, contact the council's data protection
officer, or the Information Commissioner's Office (ico.org.uk).</p>
</body>
</html>
`;
}
