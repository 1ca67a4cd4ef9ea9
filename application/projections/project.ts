import { defaultPolicyFor, type PolicySource } from '../../domain/policy';
import type { RecordedEvent } from '../../events/envelope';
import { withoutErased } from '../../events/personal-fields';
import { streamKind } from '../../events/stream-id';
import type { BusEvent, PublishedEvent } from '../ports/bus';
import type { EventStore } from '../ports/event-store';
import type { Log } from '../ports/log';
import type { ReadModels, StreamRow } from '../ports/read-models';
import { childRow } from './child-row';
import { volunteerRow } from './volunteer-row';

export interface ProjectorDeps {
  store: Pick<EventStore, 'read'>;
  readModels: ReadModels;
  now: () => Date;
  log: Log;
  policies?: PolicySource;
}

export type Projection = 'written' | 'unchanged' | 'empty';
export interface Projected {
  outcome: Projection;
  /** How many events the stream had when it was read. */
  events: number;
}
export type StreamProjector = (streamId: string, options?: { refresh?: boolean }) => Promise<Projected>;

/** Projects a stream from events already read (all of them, oldest first): what a bulk load reads once for both. */
export type EventsProjector = (
  streamId: string,
  events: readonly RecordedEvent[],
  options?: { refresh?: boolean },
) => Promise<Projected>;

/**
 * The whole row of a stream from its events, with whatever it copied from a field since erased left out; undefined
 * for a stream that has nothing to show.
 */
export function rowOfStream(
  streamId: string,
  events: readonly RecordedEvent[],
  at: Date,
  policies: PolicySource = defaultPolicyFor,
  log?: Log,
): StreamRow | undefined {
  if (events.length === 0) return undefined;
  if (streamKind(streamId) === 'child') {
    const row = childRow(events, at, policies);
    return row && { kind: 'child', row: withoutErased(row) };
  }
  const row = volunteerRow(events, at, policies);
  if (!row) log?.warn('a volunteer stream gave no row', { streamId, version: events.at(-1)?.version });
  return row && { kind: 'volunteer', row: withoutErased(row) };
}

/** Computes the whole row from the stream's events and writes it only if it is newer than the stored one. */
export function createEventsProjector({
  readModels,
  now,
  log,
  policies,
}: Omit<ProjectorDeps, 'store'>): EventsProjector {
  return async (streamId, events, options = {}) => {
    const done = (outcome: Projection): Projected => ({ outcome, events: events.length });
    const stream = rowOfStream(streamId, events, now(), policies, log);
    if (!stream) return done('empty');
    const written =
      stream.kind === 'child'
        ? await readModels.putChildRow(stream.row, options)
        : await readModels.putVolunteerRow(stream.row, options);
    return done(written ? 'written' : 'unchanged');
  };
}

/**
 * Re-projects one stream from the source: read it (strongly consistent), compute the whole row, write it only if
 * it is newer than the stored one. The delivered event only says which stream moved, so a duplicate, a late or an
 * out-of-order delivery reads the same stream, computes the same (or an older-than-stored) row and writes nothing.
 * Whatever a row copied from a field that has since been erased is left out of what is stored.
 */
export function createStreamProjector(deps: ProjectorDeps): StreamProjector {
  const project = createEventsProjector(deps);
  return async (streamId, options = {}) => project(streamId, await deps.store.read(streamId), options);
}

/** The EventBridge target: one bus event names one stream. Errors propagate, so EventBridge retries, then DLQs. */
export function createProjector(deps: ProjectorDeps) {
  const project = createStreamProjector(deps);
  return async (event: BusEvent<PublishedEvent>): Promise<Projection> => {
    const { streamId, version, type } = event.detail;
    const { outcome } = await project(streamId);
    deps.log.info('projected', { streamId, version, type, outcome });
    return outcome;
  };
}
