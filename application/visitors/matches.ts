import { ageOn, calendarFor, type LocalDate, londonDateOf } from '../../domain/calendar';
import type { ChildCommand, ChildState } from '../../domain/child';
import { type Concern, isMatchSuspended } from '../../domain/child/concerns';
import { obligationsOf } from '../../domain/obligations';
import type { ChildEvent } from '../../events/contracts/child';
import { isWithheld } from '../../events/personal-fields';
import type { Principal } from '../access';
import { occurredAtOf } from '../actions';
import type { App } from '../app';
import { type CommandIdentity, commandContext } from '../children/children';
import { recordedOn, runCommand } from '../command';
import { RecordNotFound } from '../errors';
import type { InputOf } from '../fields';
import { calledName } from '../people';
import type { AccessChannel } from '../ports/access-log';
import { CHILD, type LoadedRecord, loadRecord, VOLUNTEER } from '../records';
import type { CONCERN_FIELDS, VISIT_FIELDS } from './fields';

/**
 * The Independent Visitor's own service. An IV is a volunteer, not staff: they see only the children of their own
 * active matches, and only what a visitor needs (the name the child is called by, their age, the town or district
 * they live in, never an address or a case detail), and record only visits with them. Every child is checked
 * against the volunteer record the IV is, and one that is not theirs reads exactly as one that does not exist.
 */

export const NOT_YOUR_CHILD = 'There is no child with that reference among the children you visit.';

/** One of the IV's matches as they see it. */
export interface VisitorMatch {
  childId: string;
  /** The child's preferred first name (or first name); never the full name. */
  name: string;
  age?: number;
  /** The town or district of the placement, never an address. */
  area?: string;
  matchedOn: LocalDate;
  lastVisitOn?: LocalDate;
  /** When the next visit is due: the day a visit would become overdue. */
  nextVisitDueOn?: LocalDate;
  /** Who coordinates the match: the member of staff who made it. */
  coordinator: string;
  /** Visits are paused while a safeguarding matter is considered: no visit can be recorded. */
  visitsPaused: boolean;
  /** The concerns this visitor raised about the child: when, and how far they have got; never what others raised. */
  concernsRaised: Array<{ number: number; raisedOn: LocalDate; status: ConcernStatus }>;
}

export type ConcernStatus = 'received' | 'acknowledged' | 'closed';
const statusOf = (c: Concern): ConcernStatus =>
  c.outcome !== undefined ? 'closed' : c.acknowledgedOn ? 'acknowledged' : 'received';

type ChildRecord = LoadedRecord<ChildEvent, ChildState>;

/** The volunteer record the IV is, in their LA, with its active matches; none when not linked to one. */
async function activeMatchesOf(app: App, principal: Principal) {
  if (principal.role !== 'independent-visitor' || !principal.volunteerId) return [];
  try {
    const volunteer = await loadRecord(app.store, VOLUNTEER, principal.volunteerId, {
      la: principal.la,
      policies: app.policies,
    });
    return volunteer.state.status === 'approved' ? volunteer.state.activeMatches : [];
  } catch (error) {
    if (error instanceof RecordNotFound) return [];
    throw error;
  }
}

/** The child's record, if the child is one the IV visits now: the match active on both records. */
async function ownChild(app: App, principal: Principal, childId: string): Promise<ChildRecord> {
  const match = (await activeMatchesOf(app, principal)).find((m) => m.childId === childId);
  if (!match) throw new RecordNotFound(NOT_YOUR_CHILD);
  const child = await loadRecord(app.store, CHILD, childId, {
    la: principal.la,
    policies: app.policies,
    viewer: { role: principal.role },
  }).catch((error) => {
    throw error instanceof RecordNotFound ? new RecordNotFound(NOT_YOUR_CHILD) : error;
  });
  const rel = child.state.relationship;
  if (rel?.matchId !== match.matchId || rel.volunteerId !== principal.volunteerId)
    throw new RecordNotFound(NOT_YOUR_CHILD);
  return child;
}

const held = (value: string | undefined) => (value === undefined || isWithheld(value) ? undefined : value);

async function asVisitorMatch(
  app: App,
  principal: Principal,
  record: ChildRecord,
  now: Date,
): Promise<VisitorMatch> {
  const { state } = record;
  const rel = state.relationship!;
  const policy = app.policies(record.la);
  const visitDue = obligationsOf(state, policy, calendarFor(policy.jurisdiction), now).find(
    (o) => o.kind === 'visit-overdue',
  );
  const matchedBy = [...record.events].reverse().find((e) => e.type === 'VisitorMatched')?.metadata.actor;
  const dateOfBirth = held(state.details?.dateOfBirth);
  return {
    childId: state.childId!,
    name: calledName(state.details) ?? 'The child',
    age: dateOfBirth ? ageOn(dateOfBirth, londonDateOf(now)) : undefined,
    area: held(state.placementArea),
    matchedOn: rel.matchedOn,
    lastVisitOn: rel.lastVisitHeldOn,
    nextVisitDueOn: visitDue?.dueOn,
    coordinator:
      (matchedBy && (await app.staff.member(matchedBy.id))?.name) ?? 'The Independent Visitor service',
    visitsPaused: isMatchSuspended(state),
    concernsRaised: Object.values(state.concerns)
      .filter((c) => c.raisedBy === principal.id)
      .map((c) => ({ number: c.number, raisedOn: c.raisedOn, status: statusOf(c) })),
  };
}

/** Records in the access log that the IV saw this child's match, as every view of a child's record is. */
const logView = (app: App, principal: Principal, record: ChildRecord, channel: AccessChannel) =>
  app.accessLog.recordView({
    recordId: record.streamId,
    la: record.la,
    viewer: { id: principal.id, role: principal.role, la: principal.la },
    what: "the Independent Visitor's view of their match",
    channel,
  });

/** The IV's active matches, soonest visit due first. */
export async function myMatches(
  app: App,
  principal: Principal,
  channel: AccessChannel,
): Promise<VisitorMatch[]> {
  const now = app.now();
  const matches = await activeMatchesOf(app, principal);
  const out: VisitorMatch[] = [];
  for (const { childId } of matches) {
    const record = await ownChild(app, principal, childId).catch((error) => {
      if (error instanceof RecordNotFound) return undefined;
      throw error;
    });
    if (!record) continue;
    await logView(app, principal, record, channel);
    out.push(await asVisitorMatch(app, principal, record, now));
  }
  return out.sort((a, b) => (a.nextVisitDueOn ?? '').localeCompare(b.nextVisitDueOn ?? ''));
}

/** One of the IV's matches, or RecordNotFound when the child is not one they visit now. */
export async function myMatch(
  app: App,
  principal: Principal,
  childId: string,
  channel: AccessChannel,
): Promise<VisitorMatch> {
  const record = await ownChild(app, principal, childId);
  await logView(app, principal, record, channel);
  return asVisitorMatch(app, principal, record, app.now());
}

/** A command of the IV's own on a child they visit now: on the child's record, with the IV as the actor. */
async function runAsVisitor(
  app: App,
  principal: Principal,
  childId: string,
  command: ChildCommand,
  identity: CommandIdentity,
  reason?: string,
) {
  await ownChild(app, principal, childId);
  const { context, info } = commandContext(app, principal, identity, reason);
  const outcome = await runCommand({
    store: app.store,
    kind: CHILD,
    id: childId,
    la: principal.la,
    policies: app.policies,
    command,
    context,
    info,
  });
  const { id, ...recorded } = recordedOn(outcome, CHILD, childId);
  return { childId: id, ...recorded };
}

/** A visit the IV records themselves. */
export const recordMyVisit = (
  app: App,
  principal: Principal,
  childId: string,
  input: InputOf<typeof VISIT_FIELDS>,
  identity: CommandIdentity,
) =>
  runAsVisitor(
    app,
    principal,
    childId,
    {
      type: 'RecordVisit',
      outcome: input.outcome,
      mode: input.mode,
      durationMinutes: input.durationMinutes,
      activities: input.activities,
      howItWent: input.howItWent,
      childsWords: input.childsWords,
      visitorId: principal.volunteerId,
      occurredAt: occurredAtOf(input, londonDateOf(app.now())),
    },
    identity,
    input.reason,
  );

/** A safeguarding concern the IV raises about a child they visit: the coordinator must acknowledge it today. */
export const raiseMyConcern = (
  app: App,
  principal: Principal,
  childId: string,
  input: InputOf<typeof CONCERN_FIELDS>,
  identity: CommandIdentity,
) =>
  runAsVisitor(
    app,
    principal,
    childId,
    { type: 'RaiseConcern', about: 'child', summary: input.summary, visitorId: principal.volunteerId },
    identity,
  );
