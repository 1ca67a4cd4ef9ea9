import { ulid } from 'ulid';
import { calendarFor, londonDateOf } from '../../domain/calendar';
import { type ChildCommand, type ChildState, MAY_END_RELATIONSHIP } from '../../domain/child';
import { MARKABLE } from '../../domain/corrections';
import { DomainRuleBroken } from '../../domain/decider';
import type { Obligation } from '../../domain/obligations';
import { obligationsOf } from '../../domain/obligations';
import { decideWithVisitor, visitorStreamFor } from '../../domain/relationship';
import type { VolunteerState } from '../../domain/volunteer';
import type { ChildEvent } from '../../events/contracts/child';
import type { Actor } from '../../events/envelope';
import { mayDo, type Principal } from '../access';
import { occurredAtOf } from '../actions';
import type { App } from '../app';
import { recordedOn, recordTarget, runCommand, runCommandAcross } from '../command';
import type { Field, InputOf } from '../fields';
import { calledName, checkStaff, childInSentence, fullName, type NameBook, nameBook } from '../people';
import type { AccessChannel } from '../ports/access-log';
import { CHILD, loadRecord, type Recorded, VOLUNTEER } from '../records';
import { namedHistory, type TimelineEntry } from '../timeline';
import { ENGLISH_WORDS, type Words } from '../words';
import { CHILD_ACTIONS, type ChildAction, type ChildActionInput, ENTER_CARE_FIELDS } from './actions';
import { type JourneyStep, journeyOf } from './journey';

export interface CommandIdentity {
  commandId: string;
  requestHash: string;
}

export const actorOf = (principal: Principal): Actor => ({
  id: principal.id,
  role: principal.role,
  la: principal.la,
});

/** Who recorded it and why: the context a decision is made in and the metadata every event carries. */
export function commandContext(app: App, principal: Principal, identity: CommandIdentity, reason?: string) {
  const actor = actorOf(principal);
  return {
    context: { actor, reason, now: () => app.now() },
    info: { commandId: identity.commandId, requestHash: identity.requestHash, actor, reason },
  };
}

async function run(
  app: App,
  principal: Principal,
  childId: string,
  command: ChildCommand,
  identity: CommandIdentity,
  reason?: string,
) {
  const { context, info } = commandContext(app, principal, identity, reason);
  const options = { la: principal.la, policies: app.policies };
  const volunteerId = MAY_END_RELATIONSHIP.has(command.type)
    ? (await loadRecord(app.store, CHILD, childId, options)).state.relationship?.volunteerId
    : undefined;
  const outcome = volunteerId
    ? // An ending frees the volunteer's capacity in the same transaction as the child's ending.
      await runCommandAcross<[ChildState, VolunteerState]>({
        store: app.store,
        targets: [recordTarget(CHILD, childId, options), recordTarget(VOLUNTEER, volunteerId, options)],
        decide: ([child], ctx) => {
          if (visitorStreamFor(command, child) !== recordTarget(VOLUNTEER, volunteerId, options).streamId)
            throw new DomainRuleBroken(
              'This record changed while you were working on it. Reload it and try again.',
              409,
            );
          return decideWithVisitor(command, child, ctx, app.policies);
        },
        context,
        command: info,
      })
    : await runCommand({
        store: app.store,
        kind: CHILD,
        id: childId,
        ...options,
        command,
        context,
        info,
        mustExist: command.type !== 'EnterCare',
      });
  const { id, ...recorded } = recordedOn(outcome, CHILD, childId);
  return { childId: id, ...recorded };
}

/** Records a child entering care: a new stream in the caller's LA. A retried request returns the same child. */
export async function enterCare(
  app: App,
  principal: Principal,
  input: ChildActionInput & Omit<Extract<ChildCommand, { type: 'EnterCare' }>, 'type' | 'childId' | 'la'>,
  identity: CommandIdentity,
) {
  await checkStaff(app, principal.la, ENTER_CARE_FIELDS, input);
  const childId = ulid();
  const { occurredOn: _, reason, ...details } = input;
  const command: ChildCommand = {
    ...details,
    type: 'EnterCare',
    childId,
    la: principal.la,
    occurredAt: occurredAtOf(input, londonDateOf(app.now())),
  };
  return run(app, principal, childId, command, identity, reason);
}

export async function recordForChild(
  app: App,
  principal: Principal,
  childId: string,
  action: ChildAction,
  input: ChildActionInput,
  identity: CommandIdentity,
) {
  await checkStaff(app, principal.la, action.fields, input);
  const command: ChildCommand = {
    ...action.toCommand(input),
    occurredAt: occurredAtOf(input, londonDateOf(app.now())),
  };
  return run(app, principal, childId, command, identity, input.reason);
}

/** Marking an entry of the child's record as made by mistake: which one, and what was wrong with it. */
export const MISTAKE_FIELDS = [
  {
    kind: 'number',
    name: 'correctsVersion',
    label: 'Which entry was recorded by mistake?',
    min: 1,
    messages: { required: 'Select the entry that was recorded by mistake' },
  },
  {
    kind: 'textarea',
    name: 'explanation',
    label: 'What was wrong with it?',
    hint: 'For example, it was recorded on the wrong child, or the visit did not take place',
    max: 500,
    messages: { required: 'Enter what was wrong with the entry' },
  },
] as const satisfies readonly Field[];

export async function markEntryInError(
  app: App,
  principal: Principal,
  childId: string,
  input: InputOf<typeof MISTAKE_FIELDS>,
  identity: CommandIdentity,
) {
  return run(
    app,
    principal,
    childId,
    { type: 'RecordEntryInError', correctsVersion: input.correctsVersion, explanation: input.explanation },
    identity,
  );
}

/** The entries of a child's record that can be marked as a mistake, newest first, each with its sentence. */
export function markableEntries(view: ChildView): Array<{ version: number; sentence: string; on: string }> {
  const inError = new Set(
    view.events.flatMap((e) => (e.type === 'EntryRecordedInError' ? [e.data.correctsVersion] : [])),
  );
  return view.events
    .map((e, i) => ({ e, sentence: view.sentences[i]! }))
    .filter(({ e }) => e.type in MARKABLE && !inError.has(e.version))
    .map(({ e, sentence }) => ({ version: e.version, sentence, on: e.metadata.occurredAt }))
    .reverse();
}

export interface ChildView {
  childId: string;
  la: string;
  state: ChildState;
  obligations: Obligation[];
  events: Recorded<ChildEvent>[];
  /** The forms this person may use now, in the order of the journey. */
  actions: ChildAction[];
  /** Who the child is and who works with them, by name. */
  names: {
    full: string;
    called: string;
    socialWorker: string;
    iro: string;
    volunteer?: { id: string; name: string };
  };
  journey: JourneyStep[];
  history: TimelineEntry[];
  /** Each event's sentence, in the order of the events. */
  sentences: string[];
}

/**
 * Everything the child's page and the API show about one child, checked against the caller's LA. The view is
 * written to the record's access log before anything is returned, so an auditor can always see who looked.
 */
export async function viewChild(
  app: App,
  principal: Principal,
  childId: string,
  channel: AccessChannel,
  words: Words = ENGLISH_WORDS,
): Promise<ChildView> {
  const record = await loadRecord(app.store, CHILD, childId, {
    la: principal.la,
    policies: app.policies,
    viewer: principal,
  });
  await app.accessLog.recordView({
    recordId: record.streamId,
    la: record.la,
    viewer: actorOf(principal),
    what: 'child record',
    channel,
  });
  const { state } = record;
  const policy = app.policies(record.la);
  const obligations =
    state.status === 'not-recorded'
      ? []
      : obligationsOf(state, policy, calendarFor(policy.jurisdiction), app.now());
  const actions = CHILD_ACTIONS.filter((a) => mayDo(principal, a.permission) && a.offeredWhen(state));
  const ivId = state.relationship?.volunteerId;
  const names: NameBook = await nameBook(app, {
    staff: [state.details?.socialWorkerRef, state.details?.iroRef],
    volunteers: [ivId],
  });
  const { entries, sentences } = await namedHistory(
    app,
    record.events,
    childInSentence(state.details),
    undefined,
    words,
  );
  return {
    childId,
    la: record.la,
    state,
    obligations,
    events: record.events,
    actions,
    names: {
      full: fullName(state.details),
      called: calledName(state.details) ?? 'the child',
      socialWorker: names.staff(state.details?.socialWorkerRef),
      iro: names.staff(state.details?.iroRef),
      ...(ivId ? { volunteer: { id: ivId, name: names.volunteer(ivId) } } : {}),
    },
    journey: journeyOf(state, record.events, names.volunteer),
    history: entries,
    sentences,
  };
}
