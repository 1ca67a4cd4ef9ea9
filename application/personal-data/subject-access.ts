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
import { ROLES } from '../audit/words';
import * as L from '../labels';
import { fullName } from '../people';
import type { AccessChannel, AccessLog } from '../ports/access-log';
import type { EventStore } from '../ports/event-store';
import { CHILD, loadRecord, VOLUNTEER } from '../records';
import { historyOf } from '../timeline';
import { ENGLISH_WORDS, type Words } from '../words';
import { retentionRuleIn } from './retention-words';
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

/**
 * The copy's sentences and labels, in English with {{placeholders}}: each is also its key in the web's catalogue of
 * sentences, so a copy made from a Welsh page is in Welsh (application/words.ts).
 */
export const SUBJECT_ACCESS_WORDS = {
  withheld: 'Withheld: about someone else',
  yes: 'Yes',
  no: 'No',
  notRecorded: 'Not recorded',
  theVolunteer: 'the volunteer',
  dateOfBirth: 'Date of birth',
  sex: 'Sex',
  ethnicity: 'Ethnicity',
  unaccompanied: 'Arrived as an unaccompanied asylum-seeking child',
  placement: 'Placement',
  inside: 'Inside the local authority’s area',
  outside: 'Outside the local authority’s area',
  socialWorker: 'Social worker (staff reference)',
  iro: 'Independent reviewing officer (staff reference)',
  lookedAfterNow: 'Looked after now',
  inCareSince: 'In care since',
  hasIvNow: 'Has an Independent Visitor now',
  status: 'Status',
  leftTheService: 'Left the service',
  approved: 'Approved',
  applied: 'Applied',
  dbsCheck: 'DBS check',
  dbsDetails: '{{level}}, certificate {{number}}, issued {{on}}',
  noneRecorded: 'None recorded',
  trainingCompleted: 'Training completed',
  childrenAtOnce: 'Children at once',
  matchedNow: 'Matched with a child now',
  erasedOn: 'Personal data erased on {{on}}.',
  keptUntil: 'Kept until {{until}}, under {{rule}}; then the personal data is erased.',
  keptWhileVolunteering:
    "Kept while you volunteer with the service and for {{years}} years after you leave (the local authority's retention policy); then the personal data is erased.",
  hold: 'A legal hold placed on {{on}} keeps it for now: {{reason}}',
  purposeChild:
    "The local authority keeps this record to meet its duty to appoint an Independent Visitor where it is in a child's interests (Children Act 1989 s.23ZB; in Wales, Social Services and Well-being (Wales) Act 2014 s.98), and as part of the child’s case record. Lawful basis: a legal obligation and a public task (UK GDPR Art. 6(1)(c) and (e)); ethnicity and health needs under Art. 9(2)(b) and (g) with the Data Protection Act 2018, Schedule 1.",
  purposeVolunteer:
    'The local authority (or its commissioned service) keeps this record to recruit, vet, support and match Independent Visitors. Lawful basis: a public task (UK GDPR Art. 6(1)(e)); the DBS check details under Art. 10 with the Data Protection Act 2018, Schedule 1 (safeguarding children).',
  staffMember: 'staff member {{id}}',
  aVolunteer: 'a volunteer',
  aChild: 'a child',
  inTheirOwnWords: 'In their own words: “{{words}}”',
  recordedOn: 'Recorded on {{on}}',
  reason: 'Reason: {{reason}}',
  title: 'Subject access copy {{reference}}',
  headingChild: 'Your personal data: the Independent Visitor record of a child',
  headingVolunteer: 'Your personal data: the Independent Visitor record of a volunteer',
  intro:
    '{{la}} holds the information below about you in its Independent Visitor records. It is a copy made in answer to a subject access request (UK GDPR Article 15). Information about other people has been left out.',
  requestReference: 'Request reference',
  copyMadeOn: 'Copy made on',
  copyMadeBy: 'Copy made by',
  recordReference: 'Record reference',
  whatWeHold: 'What we hold about you',
  whyWeHoldIt: 'Why we hold it',
  howLong: 'How long we keep it',
  everything: 'Everything recorded, oldest first',
  putRight:
    "If anything here is wrong you can ask for it to be corrected. To complain, contact the council's data protection officer, or the Information Commissioner's Office (ico.org.uk).",
} as const;
const S = SUBJECT_ACCESS_WORDS;

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
  /** The copy's words: the language of the person making it (English by default). */
  w: Words = ENGLISH_WORDS,
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
  const events = record.events.map((event) => withoutThirdParties(event, w));
  const html = renderCopy(w, {
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
          w.say(S.theVolunteer)),
    summary:
      kind === 'child'
        ? childSummary(record.state as ChildState, w)
        : volunteerSummary(record.state as VolunteerState, w),
    retention: retentionLines(record.state as ChildState | VolunteerState, deps.policies(record.la), w),
    events,
  });
  await deps.accessLog.recordView({
    ...view,
    what: `subject access copy ${reference}: ${events.length} entries`,
  });
  return { streamId, reference, producedAt, entries: events.length, html };
}

function withoutThirdParties(event: RecordedEvent, w: Words): RecordedEvent {
  const fields = catalog.personalFields(event.type, event.schemaVersion).filter((f) => f.thirdParty);
  const withheld = w.say(S.withheld);
  return fields.length === 0 ? event : { ...event, data: mapPersonal(event.data, fields, () => withheld) };
}

function childSummary(state: ChildState, w: Words): Array<[string, string]> {
  const d = state.details;
  const yesNo = (value: boolean) => w.say(value ? S.yes : S.no);
  const or = (value: string | undefined) => value ?? w.say(S.notRecorded);
  return [
    [S.dateOfBirth, or(shownValue(d?.dateOfBirth, (v) => w.date(v)))],
    [S.sex, or(d && w.term(L.labelOf(L.SEX, d.sex)))],
    [S.ethnicity, or(shownValue(d?.ethnicity, (c) => w.term(ETHNICITY[c as EthnicityCode]?.label ?? c)))],
    [
      S.unaccompanied,
      or(d?.unaccompaniedAsylumSeeking === undefined ? undefined : yesNo(d.unaccompaniedAsylumSeeking)),
    ],
    [
      S.placement,
      w.say(
        state.placementInLaArea === undefined
          ? S.notRecorded
          : state.placementInLaArea
            ? S.inside
            : S.outside,
      ),
    ],
    [S.socialWorker, or(d?.socialWorkerRef)],
    [S.iro, or(d?.iroRef)],
    [S.lookedAfterNow, yesNo(state.status === 'looked-after')],
    [S.inCareSince, or(state.period && w.date(state.period.startedOn))],
    [S.hasIvNow, yesNo(state.relationship !== undefined)],
  ];
}

function volunteerSummary(state: VolunteerState, w: Words): Array<[string, string]> {
  const dbs = state.dbs;
  const yesNo = (value: boolean) => w.say(value ? S.yes : S.no);
  return [
    [
      S.status,
      w.say(
        state.status === 'withdrawn'
          ? S.leftTheService
          : state.status === 'approved'
            ? S.approved
            : S.applied,
      ),
    ],
    [
      S.dbsCheck,
      dbs
        ? w.say(S.dbsDetails, {
            level: w.term(L.labelOf(L.DBS_LEVELS, dbs.level)),
            number: shownValue(dbs.certificateNumber, (n) => n) ?? '',
            on: w.date(dbs.issuedOn),
          })
        : w.say(S.noneRecorded),
    ],
    [S.trainingCompleted, state.trainingCompleted.join(', ') || w.say(S.noneRecorded)],
    [S.childrenAtOnce, String(state.capacity)],
    [S.matchedNow, yesNo(state.activeMatches.length > 0)],
  ];
}

function retentionLines(
  state: ChildState | VolunteerState,
  policy: ReturnType<PolicySource>,
  w: Words,
): string[] {
  const { personalData } = state;
  if (personalData.erased) return [w.say(S.erasedOn, { on: w.date(personalData.erased.on) })];
  const retention = erasureSubjectOf(state, policy).retention;
  const lines = [
    retention
      ? w.say(S.keptUntil, { until: w.date(retention.until), rule: retentionRuleIn(retention.rule, w) })
      : w.say(S.keptWhileVolunteering, { years: policy.retention.volunteerYearsAfterLeaving }),
  ];
  for (const hold of personalData.holds)
    lines.push(w.say(S.hold, { on: w.date(hold.placedOn), reason: hold.reason }));
  return lines;
}

const PURPOSE: Record<StreamKind, string> = { child: S.purposeChild, volunteer: S.purposeVolunteer };

function renderCopy(
  w: Words,
  doc: {
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
  },
): string {
  const e = escapeHtml;
  const rows = (pairs: Array<[string, string]>) =>
    pairs.map(([k, v]) => `<tr><th scope="row">${e(w.say(k))}</th><td>${e(v)}</td></tr>`).join('\n');
  // Staff by role and user id, other people never by name: the copy is built from this record alone.
  const byRole = (role: string, id: string) => `${w.term(ROLES[role] ?? role)} ${id}`;
  const history = historyOf(
    doc.events,
    {
      subject: doc.subject,
      staff: (id) => w.say(S.staffMember, { id }),
      volunteer: () => w.say(S.aVolunteer),
      child: () => w.say(S.aChild),
      actorName: (id, role) => byRole(role, id),
    },
    w,
  )
    .map((t) => {
      const meta = [
        t.recordedOn ? w.say(S.recordedOn, { on: t.recordedOn }) : '',
        t.reason ? w.say(S.reason, { reason: t.reason }) : '',
      ].filter(Boolean);
      return `<li>
<h3>${e(t.on)}</h3>
<p>${e(t.sentence)}</p>
${t.childsWords ? `<p>${e(w.say(S.inTheirOwnWords, { words: t.childsWords }))}</p>` : ''}
${t.group ? `<ul>${t.group.map((g) => `<li>${e(g.on)}: ${e(g.sentence)}</li>`).join('')}</ul>` : ''}
<p class="meta">${e(meta.join('. '))}</p>
</li>`;
    })
    .join('\n');
  const say = (english: string, values?: Record<string, string>) => e(w.say(english, values));
  return `<!doctype html>
<html lang="${w.language}">
<head>
<meta charset="utf-8">
<title>${say(S.title, { reference: doc.reference })}</title>
<style>
body{font-family:system-ui,Arial,sans-serif;margin:2rem;max-width:50rem;color:#0b0c0c;line-height:1.5}
h1{font-size:1.8rem}h2{margin-top:2rem;border-bottom:2px solid #0b0c0c}h3{font-size:1.1rem;margin:0}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #b1b4b6}
th{width:45%}ol{padding-left:1.2rem}li{margin:1rem 0;break-inside:avoid}.meta{color:#505a5f;margin:0}
@media print{body{margin:0}a{color:inherit}}
</style>
</head>
<body>
<h1>${say(doc.kind === 'child' ? S.headingChild : S.headingVolunteer)}</h1>
<p>${say(S.intro, { la: doc.laName })}</p>
<table>
${rows([
  [S.requestReference, doc.reference],
  [S.copyMadeOn, w.date(doc.producedAt)],
  [S.copyMadeBy, byRole(doc.requester.role, doc.requester.id)],
  [S.recordReference, doc.id],
])}
</table>
<h2>${say(S.whatWeHold)}</h2>
<table>
${rows(doc.summary)}
</table>
<h2>${say(S.whyWeHoldIt)}</h2>
<p>${say(PURPOSE[doc.kind])}</p>
<h2>${say(S.howLong)}</h2>
${doc.retention.map((line) => `<p>${e(line)}</p>`).join('\n')}
<h2>${say(S.everything)}</h2>
<ol>
${history}
</ol>
<p>${say(S.putRight)}</p>
</body>
</html>
`;
}
