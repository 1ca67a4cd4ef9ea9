import { type ChildCommand, type ChildState, makeChildDecider } from '../domain/child';
import { type Decider, type FactMeta, fold } from '../domain/decider';
import type { PolicySource } from '../domain/policy';
import { makeVolunteerDecider, type VolunteerCommand, type VolunteerState } from '../domain/volunteer';
import { type ChildEvent, childEvents } from '../events/contracts/child';
import { obligationEvents } from '../events/contracts/obligations';
import { personalDataEvents } from '../events/contracts/personal-data';
import { type VolunteerEvent, volunteerEvents } from '../events/contracts/volunteer';
import type { DomainEvent, RecordedEvent, Role } from '../events/envelope';
import { type StreamKind, toStreamId } from '../events/stream-id';
import { RecordNotFound } from './errors';
import { visibleTo } from './personal-data/visibility';
import type { EventStore, StreamHead } from './ports/event-store';

/** A recorded event typed by its aggregate's events: the envelope, with the type and data of one of them. */
export type Recorded<E extends DomainEvent> = Omit<RecordedEvent, 'type' | 'data'> & E;

/**
 * One kind of record (one aggregate): its stream kind, the events its stream holds, its decider and what a caller
 * is told when it is not theirs to see. The store is typed through this, as Castore types a store by its events.
 */
export interface RecordKind<C, E extends DomainEvent, S> {
  kind: StreamKind;
  eventTypes: ReadonlySet<string>;
  decider(policies: PolicySource): Decider<C, E, S>;
  notFound: string;
}

const typesOf = (definitions: ReadonlyArray<{ type: string }>) =>
  new Set([...definitions, ...obligationEvents, ...personalDataEvents].map((d) => d.type));

export const CHILD: RecordKind<ChildCommand, ChildEvent, ChildState> = {
  kind: 'child',
  eventTypes: typesOf(childEvents),
  decider: makeChildDecider,
  notFound: 'There is no child with that reference in your local authority.',
};

export const VOLUNTEER: RecordKind<VolunteerCommand, VolunteerEvent, VolunteerState> = {
  kind: 'volunteer',
  eventTypes: typesOf(volunteerEvents),
  decider: makeVolunteerDecider,
  notFound: 'There is no volunteer with that reference in your local authority.',
};

/**
 * The stream's events typed by the kind's events. The store validated each against its contract on read; this
 * checks each belongs to this kind of stream, so a foreign event is a loud error, never a silent mistyping.
 */
export function typedEvents<E extends DomainEvent>(
  kind: Pick<RecordKind<unknown, E, unknown>, 'kind' | 'eventTypes'>,
  events: readonly RecordedEvent[],
): Recorded<E>[] {
  const belongs = (event: RecordedEvent): event is Recorded<E> => kind.eventTypes.has(event.type);
  return events.map((event) => {
    if (!belongs(event))
      throw new Error(
        `${event.streamId} v${event.version} is a ${event.type}, which no ${kind.kind} stream holds`,
      );
    return event;
  });
}

/** What the domain sees of a recorded event: the fact, and when and by whom it was recorded. */
export const asFact = <E extends DomainEvent>(recorded: Recorded<E>): { event: E; meta: FactMeta } => ({
  event: recorded,
  meta: {
    version: recorded.version,
    occurredAt: recorded.metadata.occurredAt,
    recordedAt: recorded.metadata.recordedAt,
    actor: recorded.metadata.actor,
  },
});

/** Folds a stream's events into the kind's state. */
export const foldRecord = <C, E extends DomainEvent, S>(
  kind: RecordKind<C, E, S>,
  policies: PolicySource,
  events: readonly RecordedEvent[],
): S => fold(kind.decider(policies), typedEvents<E>(kind, events).map(asFact));

export interface LoadedRecord<E extends DomainEvent, S> {
  streamId: string;
  la: string;
  state: S;
  events: Recorded<E>[];
  head: StreamHead;
}

/**
 * The one way to load a record: read the stream, check it belongs to the caller's LA, fold the state. A record
 * that is not there and one of another LA's both throw RecordNotFound, with the kind's sentence. For a view, the
 * viewer's role says what they may see: fields they may not are withheld before the state is folded.
 */
export async function loadRecord<C, E extends DomainEvent, S>(
  store: Pick<EventStore, 'read'>,
  kind: RecordKind<C, E, S>,
  id: string,
  options: { la: string; policies: PolicySource; viewer?: { role: Role } },
): Promise<LoadedRecord<E, S>> {
  const streamId = toStreamId(kind.kind, id);
  const read = await store.read(streamId);
  const events = typedEvents<E>(kind, options.viewer ? read.map(visibleTo(options.viewer.role)) : read);
  const first = events[0];
  if (!first || first.la !== options.la) throw new RecordNotFound(kind.notFound);
  const last = events.at(-1)!;
  return {
    streamId,
    la: first.la,
    state: fold(kind.decider(options.policies), events.map(asFact)),
    events,
    head: { version: last.version, hash: last.hash },
  };
}
