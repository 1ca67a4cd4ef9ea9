import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/**
 * The import rule of the layered layout, as data: which room may import which. Imports flow one way:
 *   events <- domain <- application <- adapters <- functions <- infra ; scripts, bench and tests stand on top.
 */
export type Room =
  | 'events'
  | 'domain'
  | 'application'
  | 'adapters'
  | 'functions'
  | 'infra'
  | 'infra/local'
  | 'scripts'
  | 'bench'
  | 'tests';

const MAY_IMPORT: Record<Room, readonly Room[]> = {
  events: ['events'],
  domain: ['events', 'domain'],
  application: ['events', 'domain', 'application'],
  adapters: ['events', 'domain', 'application', 'adapters'],
  functions: ['events', 'domain', 'application', 'adapters', 'functions'],
  infra: ['events', 'domain', 'application', 'adapters', 'functions', 'infra'],
  'infra/local': ['events', 'domain', 'application', 'adapters', 'functions', 'infra', 'infra/local'],
  scripts: ['events', 'domain', 'application', 'adapters', 'functions', 'infra', 'infra/local', 'scripts'],
  // Benchmarks are command-line tools like the scripts: they may start the local DynamoDB and runtime.
  bench: [
    'events',
    'domain',
    'application',
    'adapters',
    'functions',
    'infra',
    'infra/local',
    'scripts',
    'bench',
  ],
  tests: [
    'events',
    'domain',
    'application',
    'adapters',
    'functions',
    'infra',
    'infra/local',
    'scripts',
    'tests',
  ],
};

/** Packages that mean I/O or a transport: the domain and the application are written without them. */
const OUTSIDE_WORLD = [
  /^@aws-sdk\//,
  /^aws-lambda$/,
  /^@middy\//,
  /^@aws-lambda-powertools\//,
  /^nunjucks$/,
  /^notifications-node-client$/,
  /^node:(fs|fs\/promises|http|https|net|child_process)$/,
];

export const roomOf = (path: string): Room | undefined => {
  if (path.startsWith('infra/local/')) return 'infra/local';
  const top = path.split('/')[0] as Room;
  return top in MAY_IMPORT ? top : path.includes('/') ? undefined : 'infra';
};

export interface Arrow {
  from: string;
  to: string;
}

/** Why an import breaks the rule, or undefined when it keeps it. `to` is a repository path or a package name. */
export function backArrow({ from, to }: Arrow): string | undefined {
  const source = roomOf(from);
  if (!source) return undefined;
  const isPackage =
    !to.includes('/') ||
    !/^(events|domain|application|adapters|functions|infra|scripts|bench|tests)\//.test(to);
  if (isPackage) {
    if (
      (source === 'domain' || source === 'events' || source === 'application') &&
      OUTSIDE_WORLD.some((p) => p.test(to))
    )
      return `${source} must not use ${to}`;
    return undefined;
  }
  const target = roomOf(to);
  if (!target) return undefined;
  if (!MAY_IMPORT[source].includes(target)) return `${source} must not import ${target}`;
  // One Lambda's folder is its own: entry points share only the composition root beside them.
  const fn = /^functions\/([^/]+)\//;
  const a = from.match(fn)?.[1];
  const b = to.match(fn)?.[1];
  if (b && a !== b) return `functions/${a ?? ''} must not import another function's folder (functions/${b})`;
  return undefined;
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

/** Every import of every source file git knows, resolved to a repository path (or left as a package name). */
export function arrowsOf(root: string): Arrow[] {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => /\.(ts|mjs)$/.test(f) && roomOf(f) !== undefined);
  const known = new Set(files);
  const arrows: Arrow[] = [];
  for (const from of files) {
    let text: string;
    try {
      text = readFileSync(join(root, from), 'utf8');
    } catch {
      continue; // deleted in the working tree
    }
    for (const [, spec] of text.matchAll(SPECIFIER)) {
      if (!spec) continue;
      if (!spec.startsWith('.')) {
        arrows.push({ from, to: spec });
        continue;
      }
      const base = normalize(join(dirname(from), spec));
      const to =
        [base, `${base}.ts`, `${base}.mjs`, join(base, 'index.ts')].find((c) => known.has(c)) ?? base;
      arrows.push({ from, to });
    }
  }
  return arrows;
}
