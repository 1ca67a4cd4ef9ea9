import { childDecider } from '../../domain/child';
import { volunteerDecider } from '../../domain/volunteer';
import { type StreamKind, streamKind } from '../../events/stream-id';

import type { Evolver } from './as-of';

/**
 * The one place that says which aggregate's `evolve` replays which kind of stream. A kind without an entry cannot be
 * replayed (as-of and diff say so plainly); history, verify and export work for every stream.
 */
export const EVOLVERS: Partial<Record<StreamKind, Evolver<unknown>>> = {
  child: childDecider as Evolver<unknown>,
  volunteer: volunteerDecider as Evolver<unknown>,
};

export class NoDeciderError extends Error {
  constructor(readonly streamId: string) {
    super(`no decider is wired for ${streamKind(streamId)} streams, so ${streamId} cannot be replayed yet`);
    this.name = 'NoDeciderError';
  }
}

export function evolverFor(
  streamId: string,
  evolvers: Partial<Record<string, Evolver<unknown>>> = EVOLVERS,
): Evolver<unknown> {
  const evolver = evolvers[streamKind(streamId)];
  if (!evolver) throw new NoDeciderError(streamId);
  return evolver;
}
