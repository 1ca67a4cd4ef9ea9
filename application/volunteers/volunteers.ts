import { ulid } from 'ulid';
import type * as z from 'zod';
import { calendarFor, type LocalDate, londonDateOf } from '../../domain/calendar';
import { obligationsOf } from '../../domain/obligations';
import type { Policy } from '../../domain/policy';
import { dbsValidUntil, type VolunteerCommand, type VolunteerState } from '../../domain/volunteer';
import type { VolunteerEvent, VolunteerProfile } from '../../events/contracts/volunteer';
import { childStreamId, streamKind } from '../../events/stream-id';
import { mayDo, type Principal } from '../access';
import { occurredAtOf } from '../actions';
import type { App } from '../app';
import { type CommandIdentity, commandContext } from '../children/children';
import { recordedOn, runCommand } from '../command';
import { calledName, fullName } from '../people';
import { foldRecord, loadRecord, type Recorded, VOLUNTEER } from '../records';
import { namedHistory, type TimelineEntry } from '../timeline';
import { ENGLISH_WORDS, type Words } from '../words';
import {
  type StaffVolunteerCommand,
  VOLUNTEER_ACTIONS,
  type VolunteerAction,
  type VolunteerActionInput,
} from './actions';

/** A command on a volunteer's record by a member of staff or the volunteer themselves, and what it recorded. */
export async function runVolunteerCommand(
  app: App,
  principal: Principal,
  volunteerId: string,
  command: VolunteerCommand,
  identity: CommandIdentity,
  reason?: string,
) {
  const outcome = await runCommand({
    store: app.store,
    kind: VOLUNTEER,
    id: volunteerId,
    la: principal.la,
    policies: app.policies,
    command,
    ...commandContext(app, principal, identity, reason),
    mustExist: command.type !== 'Apply',
  });
  const { id, ...recorded } = recordedOn(outcome, VOLUNTEER, volunteerId);
  return { volunteerId: id, ...recorded };
}

export async function registerVolunteer(
  app: App,
  principal: Principal,
  input: VolunteerActionInput,
  identity: CommandIdentity,
) {
  const volunteerId = ulid();
  const { occurredOn: _, reason: __, ...profile } = input;
  const command: VolunteerCommand = {
    ...(profile as z.infer<typeof VolunteerProfile>),
    type: 'Apply',
    volunteerId,
    la: principal.la,
    occurredAt: occurredAtOf(input, londonDateOf(app.now())),
  };
  return runVolunteerCommand(app, principal, volunteerId, command, identity, input.reason);
}

export async function recordForVolunteer(
  app: App,
  principal: Principal,
  volunteerId: string,
  action: VolunteerAction,
  input: VolunteerActionInput,
  identity: CommandIdentity,
) {
  const command: StaffVolunteerCommand = {
    ...action.toCommand(input),
    occurredAt: occurredAtOf(input, londonDateOf(app.now())),
  };
  return runVolunteerCommand(app, principal, volunteerId, command, identity, input.reason);
}

export type VolunteerStatus = 'applied' | 'approved' | 'paused' | 'suspended' | 'withdrawn';

/** One row of the register: what a coordinator scans for, and nothing personal (the stream holds no names). */
export interface VolunteerSummary {
  volunteerId: string;
  /** Their name; "Name not recorded" for those registered before names were. */
  name: string;
  status: VolunteerStatus;
  capacity: number;
  activeMatches: number;
  /** The last day the DBS check stands under the LA's policy; absent when there is none that stands. */
  dbsValidUntil?: LocalDate;
  /** Open: the re-check's reminder date has come (renew soon); overdue: the check no longer stands. */
  dbs: 'none' | 'valid' | 'renew-soon' | 'expired';
}

/** A withdrawal ends everything; a suspension outranks a pause, which outranks approval. */
export function statusOf(state: VolunteerState): VolunteerStatus {
  if (state.status === 'withdrawn') return 'withdrawn';
  if (state.suspended) return 'suspended';
  if (state.paused) return 'paused';
  return state.status === 'approved' ? 'approved' : 'applied';
}

/** The register row of a folded volunteer, the DBS re-check judged by the domain's own obligation. */
export function summaryOf(state: VolunteerState, policy: Policy, now: Date): VolunteerSummary {
  const until = dbsValidUntil(state.dbs, policy);
  const recheck = obligationsOf(state, policy, calendarFor(policy.jurisdiction), now).find(
    (o) => o.kind === 'dbs-recheck-due',
  );
  const at = now.toISOString();
  const dbs = !state.dbs
    ? 'none'
    : !until || (recheck && at >= recheck.dueAt)
      ? 'expired'
      : recheck && at >= recheck.remindAt
        ? 'renew-soon'
        : 'valid';
  return {
    volunteerId: state.volunteerId!,
    name: state.profile.name ?? 'Name not recorded',
    status: statusOf(state),
    capacity: state.capacity,
    activeMatches: state.activeMatches.length,
    ...(until ? { dbsValidUntil: until } : {}),
    dbs,
  };
}

/**
 * Every volunteer of one LA, folded from their streams. Volunteer numbers per LA are small (tens), so reading each
 * stream is cheap; this is the one place to switch to the volunteer read model once it exists.
 */
export async function listVolunteers(app: App, la: string): Promise<VolunteerState[]> {
  const ids: string[] = [];
  for await (const streamId of app.store.listStreams(la))
    if (streamKind(streamId) === 'volunteer') ids.push(streamId);
  const states = await Promise.all(
    ids.map(async (id) => foldRecord(VOLUNTEER, app.policies, await app.store.read(id))),
  );
  return states
    .filter((s) => s.status !== 'not-recorded' && s.la === la)
    .sort(
      (a, b) =>
        (a.profile.name ?? '').localeCompare(b.profile.name ?? '') ||
        a.volunteerId!.localeCompare(b.volunteerId!),
    );
}

/** The register of the caller's LA, by name. */
export async function volunteerRegister(app: App, principal: Principal): Promise<VolunteerSummary[]> {
  const policy = app.policies(principal.la);
  const now = app.now();
  return (await listVolunteers(app, principal.la)).map((s) => summaryOf(s, policy, now));
}

export interface VolunteerView {
  volunteerId: string;
  la: string;
  state: VolunteerState;
  summary: VolunteerSummary;
  events: Recorded<VolunteerEvent>[];
  /** The forms this person may use now. */
  actions: VolunteerAction[];
  history: TimelineEntry[];
  sentences: string[];
  /** The children they visit now, by name. */
  children: Array<{ childId: string; name: string }>;
}

/** Everything the volunteer's page and the API show about one volunteer, checked against the caller's LA. */
export async function viewVolunteer(
  app: App,
  principal: Principal,
  volunteerId: string,
  words: Words = ENGLISH_WORDS,
): Promise<VolunteerView> {
  const { la, state, events } = await loadRecord(app.store, VOLUNTEER, volunteerId, {
    la: principal.la,
    policies: app.policies,
    viewer: principal,
  });
  const actions = VOLUNTEER_ACTIONS.filter((a) => mayDo(principal, a.permission) && a.offeredWhen(state));
  const summary = summaryOf(state, app.policies(la), app.now());
  // The children's names come from their read-model rows: a volunteer's record never holds them.
  const matched = new Set(
    events.flatMap((e) => (e.type === 'VolunteerMatchedWithChild' ? [e.data.childId] : [])),
  );
  const rows = await app.readModels.childRowsById([...matched].map(childStreamId));
  const childNames = new Map(rows.map((r) => [r.childId, calledName(r) ?? 'a child']));
  const { entries, sentences } = await namedHistory(
    app,
    events,
    summary.name === 'Name not recorded' ? 'the volunteer' : summary.name,
    (id) => childNames.get(id) ?? 'a child',
    words,
  );
  return {
    volunteerId,
    la,
    state,
    summary,
    events,
    actions,
    history: entries,
    sentences,
    children: state.activeMatches.map((m) => ({
      childId: m.childId,
      name: rows.find((r) => r.childId === m.childId)
        ? fullName(rows.find((r) => r.childId === m.childId))
        : 'A child',
    })),
  };
}
