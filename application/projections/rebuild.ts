import type { EventStore } from '../ports/event-store';
import type { Projection, StreamProjector } from './project';

export interface RebuildProgress {
  la?: string;
  streams: number;
  events: number;
  outcomes: Record<Projection, number>;
  elapsedMs: number;
  streamsPerSecond: number;
  eventsPerSecond: number;
}

/**
 * Re-projects every stream of the given LAs, `concurrency` streams at a time. Streams are pulled one by one from
 * the store's listing, so memory holds at most `concurrency` streams whatever the size of the store. `refresh`
 * (the default) overwrites rows of the same version, so a fixed projection replaces what the old one wrote.
 */
export async function rebuild(options: {
  store: Pick<EventStore, 'listStreams'>;
  project: StreamProjector;
  las: Iterable<string>;
  concurrency?: number;
  refresh?: boolean;
  onProgress?: (progress: RebuildProgress) => void;
  progressEveryMs?: number;
  clock?: () => number;
}): Promise<RebuildProgress> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const progress: RebuildProgress = {
    streams: 0,
    events: 0,
    outcomes: { written: 0, unchanged: 0, empty: 0 },
    elapsedMs: 0,
    streamsPerSecond: 0,
    eventsPerSecond: 0,
  };
  const update = () => {
    progress.elapsedMs = clock() - started;
    const seconds = Math.max(progress.elapsedMs / 1000, 1e-6);
    progress.streamsPerSecond = progress.streams / seconds;
    progress.eventsPerSecond = progress.events / seconds;
  };
  let lastReport = started;
  for (const la of options.las) {
    progress.la = la;
    const streams = options.store.listStreams(la)[Symbol.asyncIterator]();
    const worker = async () => {
      for (let next = await streams.next(); !next.done; next = await streams.next()) {
        const { outcome, events } = await options.project(next.value, { refresh: options.refresh ?? true });
        progress.streams++;
        progress.events += events;
        progress.outcomes[outcome]++;
        if (options.onProgress && clock() - lastReport >= (options.progressEveryMs ?? 1000)) {
          lastReport = clock();
          update();
          options.onProgress({ ...progress, outcomes: { ...progress.outcomes } });
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  }
  update();
  return progress;
}
