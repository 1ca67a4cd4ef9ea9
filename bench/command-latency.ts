import { setTimeout as sleep } from 'node:timers/promises';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createApiHandler } from '../adapters/api/app';
import { StaticStaffDirectory } from '../adapters/directory/static-directory';
import { issueSessionToken } from '../adapters/http/session';
import type { Principal } from '../application/access';
import { childStreamId } from '../events/stream-id';
import { buildApp } from '../functions/composition';
import { startLocalRuntime } from '../infra/local/runtime';
import { type Summary, summarise } from './stats';

const SECRET = 'bench-session-secret';
const coordinator: Principal = {
  id: 'bench-coordinator',
  name: 'Bench Coordinator',
  role: 'coordinator',
  la: 'E08000035',
};
/** The staff a child is allocated to must be in the LA's directory. */
const STAFF = [
  coordinator,
  { id: 'sw-1001', name: 'Bench Social Worker', role: 'social-worker' as const, la: coordinator.la },
  { id: 'iro-2002', name: 'Bench Reviewing Officer', role: 'iro' as const, la: coordinator.la },
];
const POLL_MS = 2;
/** Under load many commands wait at once: one loop reads their rows in turn, pausing this long between passes. */
const POLL_UNDER_LOAD_MS = 10;

/**
 * One loop that checks every command still waiting, one read at a time, so the polling adds the same small load
 * however many commands are waiting (a poller per command would itself slow the system it measures).
 */
function sharedWatcher(rowVersion: (childId: string) => Promise<number | undefined>) {
  const waiting = new Set<{ childId: string; version: number; start: number; done: (e?: Error) => void }>();
  let running = false;
  const loop = async () => {
    running = true;
    while (waiting.size > 0) {
      for (const w of [...waiting]) {
        const caughtUp = ((await rowVersion(w.childId)) ?? 0) >= w.version;
        const late = performance.now() - w.start > 120_000;
        if (!caughtUp && !late) continue;
        waiting.delete(w);
        w.done(caughtUp ? undefined : new Error('the read model never caught up'));
      }
      await sleep(POLL_UNDER_LOAD_MS);
    }
    running = false;
  };
  return (childId: string, version: number, start: number) =>
    new Promise<void>((resolve, reject) => {
      waiting.add({ childId, version, start, done: (e) => (e ? reject(e) : resolve()) });
      if (!running) void loop();
    });
}

export interface CommandLatency {
  tickMs: number;
  /** Commands sent per second, on a fixed schedule whether or not the earlier ones are done; absent: one at a time. */
  ratePerSecond?: number;
  /** The rate the commands were actually sent at (the sender may fall behind on a busy machine). */
  sentPerSecond?: number;
  /** The API call alone: validate, authorise, read, decide, append. */
  apiMs: Summary;
  /** From sending the command to its effect being in the child summary read model. */
  visibleMs: Summary;
}

/**
 * Command to read model, in the local system: the API handler (createApiHandler over buildApp) on the runtime's
 * tables and clock records a child entering care, then a change of that child's placement; each time the
 * child summary row is polled every 2 ms until it shows the new version. The path between is the runtime's: stream
 * poller → publisher → bus → projector, driven by its background loop every `tickMs`. With `ratePerSecond`, the
 * commands are placement changes sent on a fixed schedule (open loop) over twenty children, many in flight at once.
 */
export async function benchCommandToReadModel(
  samples: number,
  tickMs: number,
  ratePerSecond?: number,
): Promise<CommandLatency> {
  const runtime = await startLocalRuntime({ inMemory: true, tickMs });
  try {
    const app = buildApp({
      client: runtime.dynamo,
      tables: runtime.tables,
      now: () => runtime.clock.now(),
      keys: runtime.keys,
      staff: new StaticStaffDirectory(STAFF),
    });
    const api = createApiHandler(app, { localSessionSecret: SECRET });
    const models = app.readModels;
    const token = issueSessionToken(coordinator, SECRET);
    const post = async (path: string, body: object) => {
      const response = await api(apiEvent(path, body, token));
      if (typeof response === 'string' || response.statusCode! >= 300)
        throw new Error(`POST ${path} failed: ${JSON.stringify(response)}`);
      return JSON.parse(response.body!) as { childId: string; version?: number };
    };
    const apiMs: number[] = [];
    const visibleMs: number[] = [];
    const rowVersion = async (childId: string) => (await models.childRow(childStreamId(childId)))?.version;
    const pollOwn = async (childId: string, version: number, start: number) => {
      for (;;) {
        if (((await rowVersion(childId)) ?? 0) >= version) return;
        if (performance.now() - start > 30_000) throw new Error('the read model never caught up');
        await sleep(POLL_MS);
      }
    };
    const measure = async (
      send: () => Promise<{ childId: string }>,
      version: number,
      waitVisible: (childId: string, version: number, start: number) => Promise<void> = pollOwn,
    ) => {
      const start = performance.now();
      const { childId } = await send();
      apiMs.push(performance.now() - start);
      await waitVisible(childId, version, start);
      visibleMs.push(performance.now() - start);
      return childId;
    };
    const enter = (i: number) =>
      measure(
        () =>
          post('/api/children', {
            firstNames: 'Bench',
            lastName: `Child ${i}`,
            dateOfBirth: '2013-05-02',
            sex: i % 2 ? 'female' : 'male',
            ethnicity: 'WBRI',
            unaccompaniedAsylumSeeking: false,
            placementInLaArea: true,
            socialWorkerRef: 'sw-1001',
            iroRef: 'iro-2002',
          }),
        1,
      );
    // A placement change, not "told": an event with empty data ({}) is refused by the local publisher today.
    const move = (childId: string, version: number, waitVisible?: Parameters<typeof measure>[2]) =>
      measure(
        () => post(`/api/children/${childId}/placement-change`, { placementInLaArea: version % 2 === 1 }),
        version,
        waitVisible,
      );
    if (ratePerSecond) {
      const children: Array<{ childId: string; version: number }> = [];
      for (let i = 0; i < 20; i++) children.push({ childId: await enter(i), version: 1 });
      apiMs.length = 0;
      visibleMs.length = 0;
      const gapMs = 1000 / ratePerSecond;
      const started = performance.now();
      const inFlight: Array<Promise<unknown>> = [];
      const watch = sharedWatcher(rowVersion);
      for (let i = 0; i < samples; i++) {
        const wait = started + i * gapMs - performance.now();
        if (wait > 0) await sleep(wait);
        const child = children[i % children.length]!;
        child.version++;
        inFlight.push(move(child.childId, child.version, watch));
      }
      const sentPerSecond = (samples - 1) / ((performance.now() - started) / 1000);
      await Promise.all(inFlight);
      return {
        tickMs,
        ratePerSecond,
        sentPerSecond,
        apiMs: summarise(apiMs),
        visibleMs: summarise(visibleMs),
      };
    }
    for (let i = 0; i < samples + 2; i++) {
      await move(await enter(i), 2);
      if (i < 2) {
        // the first two children warm up the handlers and DynamoDB Local
        apiMs.length = 0;
        visibleMs.length = 0;
      }
    }
    return { tickMs, apiMs: summarise(apiMs), visibleMs: summarise(visibleMs) };
  } finally {
    await runtime.stop();
  }
}

function apiEvent(path: string, body: object, token: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'localhost', authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requestContext: {
      http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'bench',
      timeEpoch: 0,
    },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}
