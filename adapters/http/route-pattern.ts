/**
 * A route's path template (`/api/children/{childId}`) as a matcher: literal characters escaped, each `{name}` one
 * path segment. The API and the pages both route with it.
 */
export interface RoutePattern {
  test(path: string): boolean;
  /** The path's parameters, percent-decoded; undefined when a parameter is not valid percent-encoding. */
  params(path: string): Record<string, string> | undefined;
}

export function routePattern(template: string): RoutePattern {
  const regex = new RegExp(
    `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`,
  );
  return {
    test: (path) => regex.test(path),
    params(path) {
      const groups = regex.exec(path)?.groups ?? {};
      const decoded: Record<string, string> = {};
      for (const [name, value] of Object.entries(groups)) {
        try {
          decoded[name] = decodeURIComponent(value);
        } catch {
          return undefined;
        }
      }
      return decoded;
    },
  };
}
