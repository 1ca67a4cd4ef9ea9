import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * docs/domain-rules.md names every rule the deciders refuse by, with its status and sentence. The rules are read
 * from the source: the last argument of every conflict(), invalid(), new DomainRuleBroken() and notBefore() call,
 * and every `rule: '...'` a helper returns for such a call.
 */
const root = new URL('../../../domain/', import.meta.url).pathname;
const sources = (readdirSync(root, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(join(root, f), 'utf8'));
const doc = readFileSync(new URL('../../../docs/domain-rules.md', import.meta.url), 'utf8');

/** The top-level arguments of the call whose opening parenthesis is at `open`, skipping strings and templates. */
function argumentsAt(source: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  const templates: number[] = []; // the brace depth at which each open template's ${ began
  for (let i = open; i < source.length; i++) {
    const ch = source[i]!;
    if (templates.length > 0 && ch === '}' && depth === templates.at(-1)) {
      templates.pop();
      i = skipTemplate(source, i + 1, templates, depth) - 1;
      continue;
    }
    if (ch === "'" || ch === '"') {
      i = source.indexOf(ch, i + 1);
      continue;
    }
    if (ch === '`') {
      i = skipTemplate(source, i + 1, templates, depth) - 1;
      continue;
    }
    if (ch === '(' || ch === '{' || ch === '[') depth++;
    else if (ch === ')' || ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) {
        args.push(source.slice(start, i).trim());
        return args.filter((a) => a.length > 0);
      }
    } else if (ch === ',' && depth === 1) {
      args.push(source.slice(start, i).trim());
      start = i + 1;
    }
  }
  throw new Error('unbalanced call');
}

/** From inside a template literal to just after its end, or into a ${ (recorded in `templates`). */
function skipTemplate(source: string, from: number, templates: number[], depth: number): number {
  for (let i = from; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === '`') return i + 1;
    else if (source[i] === '$' && source[i + 1] === '{') {
      templates.push(depth);
      return i + 2;
    }
  }
  throw new Error('unterminated template');
}

const rules = new Set<string>();
for (const source of sources)
  for (const call of source.matchAll(/\b(?:conflict|invalid|new DomainRuleBroken|notBefore)\(/g)) {
    const last = argumentsAt(source, call.index + call[0].length - 1).at(-1) ?? '';
    const literal = /^'([a-z0-9-]+)'$/.exec(last);
    if (literal) rules.add(literal[1]!);
  }
// Rules chosen by a helper before the call that throws (independence.ts).
for (const source of sources) for (const m of source.matchAll(/\brule: '([a-z0-9-]+)'/g)) rules.add(m[1]!);

describe('docs/domain-rules.md', () => {
  it('finds the rules in the source', () => {
    expect(rules.size).toBeGreaterThan(60);
    expect(rules).toContain('turned-18');
    expect(rules).toContain('before-objection');
  });

  it('names every rule a decider refuses by, as `rule` with its status', () => {
    const missing = [...rules].filter((rule) => !new RegExp(`\\| \`${rule}\` \\| 4(09|22) \\|`).test(doc));
    expect(missing).toEqual([]);
  });

  it('names the independence rules a match refuses by, as `volunteer-<rule>`', () => {
    for (const rule of [
      'not-independent',
      'independence-category-applies',
      'independence-declaration-incomplete',
    ])
      expect(doc).toContain(`\`volunteer-${rule}\``);
  });
});
