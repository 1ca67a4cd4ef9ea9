import { ulid } from 'ulid';
import type { AccessChannel } from '../../adapters/dynamodb/access-log';
import { notFound } from '../../adapters/http/problem';
import { calendarFor, londonDateOf } from '../../domain/calendar';
import { type ChildCommand, type ChildState, childDecider, MAY_END_RELATIONSHIP } from '../../domain/child';
import { type Decider, DomainRuleBroken, fold } from '../../domain/decider';
import type { Obligation } from '../../domain/obligations';
import { obligationsOf } from '../../domain/obligations';
import { decideWithVisitor, visitorStreamFor } from '../../domain/relationship';
import { type VolunteerState, volunteerDecider } from '../../domain/volunteer';
import type { ChildEvent } from '../../events/contracts/child';
import type { Actor, RecordedEvent } from '../../events/envelope';
import { mayAccessLa, mayDo, type Principal } from '../access';
import type { App } from '../app';
import { asFact, runCommand, runCommandAcross } from '../command';
import { CHILD_ACTIONS, type ChildAction, type ChildActionInput, occurredAtOf } from './actions';

export interface CommandIdentity {
  commandId: string;
  requestHash: string;
}

export const childStreamId = (childId: string) => `child#${childId}`;
export const actorOf = (principal: Principal): Actor => ({
  id: principal.id,
  role: principal.role,
  la: principal.la,
});

/** A child who is not in the caller's LA does not exist, as far as the caller can tell. */
export const noSuchChild = () => notFound('There is no child with that reference in your local authority.');

/** The child's decider, refusing any command on a stream outside the caller's LA before deciding anything. */
const withinLa = (principal: Principal): Decider<ChildCommand, ChildEvent, ChildState> => ({
  ...childDecider,
  decide: (command, state, context) => {
    // A child that does not exist and a child of another LA look the same from outside: neither is there.
    if (command.type !== 'EnterCare' && (state.la === undefined || !mayAccessLa(principal, state.la)))
      throw noSuchChild();
    return childDecider.decide(command, state, context);
  },
});

async function run(
  app: App,
  principal: Principal,
  childId: string,
  command: ChildCommand,
  identity: CommandIdentity,
  reason?: string,
) {
  const actor = actorOf(principal);
  const context = { actor, reason, now: () => app.now() };
  const info = { commandId: identity.commandId, requestHash: identity.requestHash, actor, reason };
  const streamId = childStreamId(childId);
  const visitorStream = MAY_END_RELATIONSHIP.has(command.type)
    ? await currentVisitorStream(app, principal, streamId, command)
    : undefined;
  const outcome = visitorStream
    ? // An ending frees the volunteer's capacity in the same transaction as the child's ending.
      await runCommandAcross<[ChildState, VolunteerState]>({
        store: app.store,
        targets: [
          { streamId, la: principal.la, decider: childDecider as never },
          { streamId: visitorStream, la: principal.la, decider: volunteerDecider as never },
        ],
        decide: ([child], ctx) => {
          if (child.la === undefined || !mayAccessLa(principal, child.la)) throw noSuchChild();
          if (visitorStreamFor(command, child) !== visitorStream)
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
        streamId,
        la: principal.la,
        decider: withinLa(principal),
        command,
        context,
        info,
      });
  const stream = outcome.result.streams[0];
  return {
    childId: stream ? stream.streamId.slice('child#'.length) : childId,
    version: stream?.toVersion,
    duplicate: outcome.result.duplicate,
  };
}

/** The stream of the child's current Independent Visitor, which an ending must also write to. */
async function currentVisitorStream(app: App, principal: Principal, streamId: string, command: ChildCommand) {
  const events = await app.store.read(streamId);
  if (!events[0] || !mayAccessLa(principal, events[0].la)) throw noSuchChild();
  return visitorStreamFor(command, fold(childDecider, events.map(asFact) as never) as ChildState);
}

/** Records a child entering care: a new stream in the caller's LA. A retried request returns the same child. */
export async function enterCare(
  app: App,
  principal: Principal,
  input: ChildActionInput & Record<string, unknown>,
  identity: CommandIdentity,
) {
  const childId = ulid();
  const { occurredOn: _, reason, ...details } = input;
  const command = {
    type: 'EnterCare',
    childId,
    la: principal.la,
    ...details,
    occurredAt: occurredAtOf(input, londonDateOf(app.now())),
  } as ChildCommand;
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
  const command = {
    ...action.toCommand(input),
    occurredAt: occurredAtOf(input, londonDateOf(app.now())),
  } as ChildCommand;
  return run(app, principal, childId, command, identity, input.reason);
}

export interface ChildView {
  childId: string;
  la: string;
  state: ChildState;
  obligations: Obligation[];
  events: RecordedEvent[];
  /** The forms this person may use now, in the order of the journey. */
  actions: ChildAction[];
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
): Promise<ChildView> {
  const streamId = childStreamId(childId);
  const events = await app.store.read(streamId);
  const first = events[0];
  if (!first || !mayAccessLa(principal, first.la)) throw noSuchChild();
  await app.accessLog.recordView({
    recordId: streamId,
    la: first.la,
    viewer: actorOf(principal),
    what: 'child record',
    channel,
  });
  const state = fold(childDecider, events.map(asFact) as never) as ChildState;
  const policy = app.policies(first.la);
  const obligations =
    state.status === 'not-recorded'
      ? []
      : obligationsOf(state, policy, calendarFor(policy.jurisdiction), app.now());
  const actions = CHILD_ACTIONS.filter((a) => mayDo(principal, a.permission) && a.offeredWhen(state));
  return { childId, la: first.la, state, obligations, events, actions };
}
