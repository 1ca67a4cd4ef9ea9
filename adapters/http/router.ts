import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { type Action, mayDo, type Principal } from '../../application/access';
import { bodyText } from './body';
import { commandIdentity } from './idempotency';
import {
  badRequest,
  forbidden,
  HttpProblem,
  notFound,
  problemResponse,
  toProblem,
  unauthenticated,
  zodParams,
} from './problem';
import { routePattern } from './route-pattern';
import { type AuthConfig, principalOf } from './session';

export interface RouteRequest<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal;
  event: APIGatewayProxyEventV2;
  /** The command id and request digest for a write, from the Idempotency-Key header when there is one. */
  command(): { commandId: string; requestHash: string };
}

export interface RouteResult {
  status?: number;
  body?: unknown;
  /** A body sent as it is (a CSV file), instead of JSON. */
  raw?: string;
  headers?: Record<string, string>;
}

export interface Route<P = unknown, Q = unknown, B = unknown> {
  method: 'GET' | 'POST';
  /** An OpenAPI path template, e.g. /api/children/{childId}. */
  path: string;
  summary: string;
  tag: string;
  /** What the caller must be allowed to do; record-level LA checks happen in the handler, against the record. */
  action: Action | 'signed-in';
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response?: z.ZodType;
  successStatus?: number;
  handle(request: RouteRequest<P, Q, B>): Promise<RouteResult>;
}

/** Declares a route with its types inferred from its schemas. */
export const route = <P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  r: Route<P, Q, B>,
): Route => r as unknown as Route;

/** Parses one part of the request, collecting every problem rather than stopping at the first. */
function parsePart<T>(
  schema: z.ZodType<T> | undefined,
  value: unknown,
  prefix: string,
  problems: HttpProblem['invalidParams'],
): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  problems!.push(...zodParams(result.error, prefix));
  return undefined as T;
}

/**
 * A body is JSON, said so by its Content-Type (with any parameters, e.g. a charset): a form or plain text, which a
 * page on another site can send without asking, is never read as a command.
 */
function parseJson(event: APIGatewayProxyEventV2): unknown {
  const text = bodyText(event);
  if (!text) return {};
  const type = (event.headers?.['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json')
    throw new HttpProblem(415, 'Send JSON', 'Send the body as JSON, with Content-Type: application/json.');
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest([{ name: 'body', reason: 'must be valid JSON' }]);
  }
}

const queryOf = (event: APIGatewayProxyEventV2): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(event.rawQueryString ?? ''));

/** Every API answer: JSON that is never cached, and never sniffed as anything else. */
export const JSON_HEADERS = {
  'content-type': 'application/json',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/** The JSON API: matches the route, authenticates, authorises, validates every input, then calls the handler. */
export function createRouter(routes: readonly Route[], auth: AuthConfig) {
  const table = routes.map((r) => ({ route: r, pattern: routePattern(r.path) }));
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const method = event.requestContext.http.method;
    try {
      bodyText(event); // a 413 before anything else, whatever the route
      const matches = table.filter(({ pattern }) => pattern.test(event.rawPath));
      if (matches.length === 0) throw notFound('There is no such address.');
      const found = matches.find(({ route: r }) => r.method === method);
      if (!found)
        throw new HttpProblem(
          405,
          'Method not allowed',
          `Use ${matches.map((m) => m.route.method).join(' or ')}.`,
        );
      const { route: r, pattern } = found;

      const principal = principalOf(event, auth);
      if (!principal) throw unauthenticated();
      if (r.action !== 'signed-in' && !mayDo(principal, r.action)) throw forbidden();

      const problems: NonNullable<HttpProblem['invalidParams']> = [];
      const rawParams = pattern.params(event.rawPath);
      if (!rawParams) throw badRequest([{ name: 'path', reason: 'must be a valid web address' }]);
      const params = parsePart(r.params, rawParams, 'path', problems);
      const query = parsePart(r.query, queryOf(event), 'query', problems);
      const body = r.body ? parsePart(r.body, parseJson(event), 'body', problems) : undefined;
      if (problems.length > 0) throw badRequest(problems);

      let identity: { commandId: string; requestHash: string } | undefined;
      const result = await r.handle({
        params,
        query,
        body,
        principal,
        event,
        command: () => {
          identity ??= commandIdentity(event, principal);
          return identity;
        },
      });
      return {
        statusCode: result.status ?? r.successStatus ?? 200,
        headers: { ...JSON_HEADERS, ...result.headers },
        body: result.raw ?? (result.body === undefined ? '' : JSON.stringify(result.body)),
      };
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500)
        console.error(JSON.stringify({ level: 'error', path: event.rawPath, method, error: String(error) }));
      return problemResponse(problem, event.rawPath);
    }
  };
}

/** The OpenAPI 3.1 document, generated from the same schemas the router validates with. */
export function openApiDocument(routes: readonly Route[], info: { title: string; version: string }) {
  const schema = (s: z.ZodType) =>
    z.toJSONSchema(s, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  const problem = {
    description: 'A problem (RFC 9457)',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const parameters: unknown[] = [];
    for (const [location, s] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!s) continue;
      const json = schema(s) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        parameters.push({
          name,
          in: location,
          required: location === 'path' || (json.required ?? []).includes(name),
          schema: property,
        });
      }
    }
    const status = String(r.successStatus ?? 200);
    paths[r.path] ??= {};
    paths[r.path]![r.method.toLowerCase()] = {
      summary: r.summary,
      tags: [r.tag],
      'x-required-roles': r.action,
      parameters,
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schema(r.body) } } } }
        : {}),
      responses: {
        [status]: {
          description: 'Success',
          ...(r.response ? { content: { 'application/json': { schema: schema(r.response) } } } : {}),
        },
        '400': problem,
        '401': problem,
        '403': problem,
        '404': problem,
        ...(r.method === 'POST' ? { '409': problem, '422': problem } : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            'invalid-params': {
              type: 'array',
              items: { type: 'object', properties: { name: { type: 'string' }, reason: { type: 'string' } } },
            },
          },
        },
      },
    },
  };
}
