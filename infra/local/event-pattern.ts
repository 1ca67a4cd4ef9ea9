/**
 * EventBridge event-pattern matching, for the in-process bus. Written against AWS's documented semantics
 * ("Amazon EventBridge event patterns" and "Content filtering"), because no npm library matched them faithfully:
 * - a pattern is an object whose leaves are arrays of matchers; a leaf matches when any matcher matches;
 * - when the event's value is an array, the leaf matches when any element matches (arrays of objects too);
 * - every field named in the pattern must match (AND); `$or` takes alternatives at any level;
 * - matchers: exact values (string, number, boolean, null), prefix, suffix, anything-but (values, prefix, suffix,
 *   equals-ignore-case, wildcard), numeric ranges, exists, equals-ignore-case, cidr and wildcard.
 */
export type EventPattern = { [field: string]: unknown };

export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  return matchObject(pattern, event);
}

function matchObject(pattern: EventPattern, value: unknown): boolean {
  for (const [key, sub] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(sub) || !sub.some((alternative) => matchObject(alternative as EventPattern, value)))
        return false;
      continue;
    }
    const field = isObject(value) ? value[key] : undefined;
    if (!matchField(sub, field)) return false;
  }
  return true;
}

function matchField(sub: unknown, field: unknown): boolean {
  if (Array.isArray(sub)) return matchLeaf(sub, field);
  if (isObject(sub)) {
    // An array of objects matches a nested pattern when any one of its objects does.
    if (Array.isArray(field)) return field.some((element) => isObject(element) && matchObject(sub, element));
    return matchObject(sub, isObject(field) ? field : undefined);
  }
  throw new Error(`event pattern leaves must be arrays, got ${JSON.stringify(sub)}`);
}

function matchLeaf(matchers: unknown[], field: unknown): boolean {
  const present = field !== undefined;
  // An object is not a leaf value: only a nested pattern can match it.
  const values = Array.isArray(field) ? field : present && !isObject(field) ? [field] : [];
  return matchers.some((matcher) => {
    // exists works on leaves: an object is not a present leaf, and exists:false asks for the field to be absent.
    if (isObject(matcher) && 'exists' in matcher)
      return matcher.exists === true ? present && !isObject(field) : !present;
    return values.some((value) => matchValue(matcher, value));
  });
}

function matchValue(matcher: unknown, value: unknown): boolean {
  if (!isObject(matcher)) {
    if (typeof matcher === 'number' && typeof value === 'number') return matcher === value;
    return matcher === value;
  }
  const [operator, operand] = Object.entries(matcher)[0] ?? [];
  switch (operator) {
    case 'prefix':
      return typeof value === 'string' && affix(operand, value, (v, s) => v.startsWith(s));
    case 'suffix':
      return typeof value === 'string' && affix(operand, value, (v, s) => v.endsWith(s));
    case 'equals-ignore-case':
      return typeof value === 'string' && typeof operand === 'string' && sameIgnoringCase(value, operand);
    case 'wildcard':
      return typeof value === 'string' && typeof operand === 'string' && wildcard(operand, value);
    case 'numeric':
      return typeof value === 'number' && numeric(operand as unknown[], value);
    case 'cidr':
      return typeof value === 'string' && typeof operand === 'string' && inCidr(operand, value);
    case 'anything-but':
      return anythingBut(operand, value);
    default:
      throw new Error(`unsupported event pattern matcher ${JSON.stringify(matcher)}`);
  }
}

function affix(operand: unknown, value: string, test: (value: string, s: string) => boolean): boolean {
  if (typeof operand === 'string') return test(value, operand);
  if (isObject(operand) && typeof operand['equals-ignore-case'] === 'string')
    return test(value.toLowerCase(), operand['equals-ignore-case'].toLowerCase());
  throw new Error(`unsupported prefix/suffix operand ${JSON.stringify(operand)}`);
}

function anythingBut(operand: unknown, value: unknown): boolean {
  if (Array.isArray(operand)) return !operand.some((excluded) => matchValue(excluded, value));
  if (!isObject(operand)) return !matchValue(operand, value);
  const [operator, inner] = Object.entries(operand)[0] ?? [];
  if (typeof value !== 'string') return false;
  const list = Array.isArray(inner) ? inner : [inner];
  switch (operator) {
    case 'prefix':
    case 'suffix':
    case 'wildcard':
      return !list.some((item) => matchValue({ [operator]: item }, value));
    case 'equals-ignore-case':
      return !list.some((item) => typeof item === 'string' && sameIgnoringCase(value, item));
    default:
      throw new Error(`unsupported anything-but operand ${JSON.stringify(operand)}`);
  }
}

const sameIgnoringCase = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** `*` matches any run of characters; `\*` is a literal star. */
function wildcard(pattern: string, value: string): boolean {
  const source = pattern
    .split(/(\\\*|\*)/)
    .map((part) =>
      part === '*' ? '.*' : part === '\\*' ? '\\*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`, 's').test(value);
}

function numeric(conditions: unknown[], value: number): boolean {
  for (let i = 0; i < conditions.length; i += 2) {
    const operator = conditions[i];
    const bound = conditions[i + 1] as number;
    const ok =
      operator === '='
        ? value === bound
        : operator === '<'
          ? value < bound
          : operator === '<='
            ? value <= bound
            : operator === '>'
              ? value > bound
              : operator === '>='
                ? value >= bound
                : undefined;
    if (ok === undefined) throw new Error(`unsupported numeric operator ${String(operator)}`);
    if (!ok) return false;
  }
  return true;
}

function inCidr(cidr: string, address: string): boolean {
  const [network, bitsText] = cidr.split('/');
  const a = ipToBigInt(address);
  const n = ipToBigInt(network ?? '');
  if (!a || !n || a.width !== n.width) return false;
  const bits = BigInt(bitsText ?? n.width);
  const shift = BigInt(n.width) - bits;
  return a.value >> shift === n.value >> shift;
}

function ipToBigInt(ip: string): { value: bigint; width: number } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) {
    const parts = ip.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n), width: 32 };
  }
  if (!ip.includes(':')) return undefined;
  const [head, tail] = ip.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const missing = 8 - headParts.length - tailParts.length;
  if (ip.includes('::') ? missing < 1 : missing !== 0) return undefined;
  const groups = [...headParts, ...Array(ip.includes('::') ? missing : 0).fill('0'), ...tailParts];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { value: groups.reduce((acc, g) => (acc << 16n) | BigInt(`0x${g}`), 0n), width: 128 };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
