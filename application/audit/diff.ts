import type { EventCatalog } from '../../events/catalog';
import type { StoredEventReader } from '../ports/stored-events';
import type { Anchor } from './anchor';
import { type AsOf, type Evolver, type Moment, stateAsOf } from './as-of';

export interface Change {
  /** Where in the state, e.g. `visitor.name` or `reviews[2].heldOn`; `(state)` for the whole state. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** Turns Dates, Maps and Sets into plain data, so any state a decider builds can be compared and printed. */
export function toPlain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toPlain(v)]));
  if (value instanceof Set) return [...value].map(toPlain);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toPlain(v)]),
    );
  return value;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const keyPath = (parent: string, key: string) =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? (parent ? `${parent}.${key}` : key) : `${parent}[${JSON.stringify(key)}]`;

/**
 * The structural difference between two states: every leaf added, removed or changed, with its path, in a stable
 * order. Arrays are compared position by position, as a person reading two versions of a list would.
 */
export function diffStates(before: unknown, after: unknown): Change[] {
  const changes: Change[] = [];
  walk(toPlain(before), toPlain(after), '', changes);
  return changes;
}

function walk(a: unknown, b: unknown, path: string, out: Change[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const at = `${path}[${i}]`;
      if (i >= a.length) out.push({ path: at, kind: 'added', after: b[i] });
      else if (i >= b.length) out.push({ path: at, kind: 'removed', before: a[i] });
      else walk(a[i], b[i], at, out);
    }
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const at = keyPath(path, key);
      if (!(key in a)) out.push({ path: at, kind: 'added', after: b[key] });
      else if (!(key in b)) out.push({ path: at, kind: 'removed', before: a[key] });
      else walk(a[key], b[key], at, out);
    }
    return;
  }
  if (!Object.is(a, b)) out.push({ path: path || '(state)', kind: 'changed', before: a, after: b });
}

export interface MomentsDiff<S> {
  from: AsOf<S>;
  to: AsOf<S>;
  changes: Change[];
}

/** What a stream's state said at one moment, at another, and what changed between them. */
export async function diffMoments<S>(options: {
  reader: StoredEventReader;
  catalog: EventCatalog;
  decider: Evolver<S>;
  streamId: string;
  from: Moment;
  to: Moment;
  anchor?: Anchor;
}): Promise<MomentsDiff<S>> {
  const { from, to, ...common } = options;
  const [a, b] = await Promise.all([
    stateAsOf({ ...common, moment: from }),
    stateAsOf({ ...common, moment: to }),
  ]);
  return { from: a, to: b, changes: diffStates(a.state, b.state) };
}
