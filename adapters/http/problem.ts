import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { AuditForbiddenError } from '../../application/audit/service';
import { InvalidInput, RecordNotFound } from '../../application/errors';
import { ClockMoveRefused } from '../../application/ports/clock';
import {
  ConcurrencyError,
  IdempotencyKeyReusedError,
  StoreThrottledError,
  TransactionConflictError,
} from '../../application/ports/event-store-errors';
import { PersonalDataNotWritable, PersonalDataUnreadable } from '../../application/ports/personal-data';
import { NothingToProject } from '../../application/reports/what-if';
import { fieldOfRule } from '../../application/rule-fields';
import { DomainRuleBroken } from '../../domain/decider';
import { InvalidEventError } from '../../events/catalog';

export interface InvalidParam {
  name: string;
  reason: string;
}

/** An RFC 9457 problem: every refusal the API gives is one of these, with a sentence a person can act on. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly invalidParams?: InvalidParam[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }
}

export const badRequest = (invalidParams: InvalidParam[]) =>
  new HttpProblem(
    400,
    'Your request has mistakes',
    `Check ${invalidParams.map((p) => p.name).join(', ')}.`,
    invalidParams,
  );
export const forbidden = (detail = 'You do not have permission to do this.') =>
  new HttpProblem(403, 'Forbidden', detail);
export const notFound = (detail = 'There is no such record.') => new HttpProblem(404, 'Not found', detail);
export const unauthenticated = () => new HttpProblem(401, 'Sign in required', 'Sign in to use this service.');

export const zodParams = (error: z.ZodError, prefix: string): InvalidParam[] =>
  error.issues.map((issue) => ({
    name: [prefix, ...issue.path].filter((p) => p !== '').join('.'),
    reason: issue.message,
  }));

/** Maps anything thrown while handling a request to the problem the caller sees. Unknown errors become a bare 500. */
export function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof z.ZodError) return badRequest(zodParams(error, 'body'));
  if (error instanceof InvalidInput)
    return badRequest(error.problems.map((p) => ({ name: `body.${p.field}`, reason: p.message })));
  if (error instanceof DomainRuleBroken) {
    // A rule about one field names it, as a form links the message to it.
    const field = fieldOfRule(error.rule);
    return new HttpProblem(
      error.status,
      error.status === 409 ? 'This conflicts with the record' : 'This cannot be done',
      error.message,
      field ? [{ name: `body.${field}`, reason: error.message }] : undefined,
    );
  }
  if (error instanceof InvalidEventError) {
    return badRequest(
      error.problems.map((p) => ({ name: `body.${p.path}`.replace(/\.$/, ''), reason: p.message })),
    );
  }
  if (error instanceof ConcurrencyError || error instanceof TransactionConflictError) {
    return new HttpProblem(
      409,
      'Someone else changed this record',
      'The record was changed by someone else at the same time. Reload it and try again.',
    );
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return new HttpProblem(
      422,
      'Idempotency key already used',
      'This Idempotency-Key was already used for a different request.',
    );
  }
  if (error instanceof AuditForbiddenError) return forbidden(`You cannot see this record: ${error.message}.`);
  if (error instanceof PersonalDataUnreadable) {
    // A key problem is the system's, not the caller's: said plainly, with nothing of the record shown.
    return new HttpProblem(
      500,
      'This record’s personal details cannot be read',
      `The record cannot be shown because ${error.why}. Nothing has been shown or saved. Tell your system ` +
        'administrator: the record’s data key needs checking.',
    );
  }
  if (error instanceof PersonalDataNotWritable)
    return new HttpProblem(409, 'This record’s personal data has been erased', error.message);
  if (error instanceof RecordNotFound) return notFound(error.message);
  if (error instanceof ClockMoveRefused)
    return new HttpProblem(422, 'The clock cannot move there', error.message);
  if (error instanceof NothingToProject) return new HttpProblem(422, 'Nothing to project', error.message);
  if (error instanceof StoreThrottledError) {
    return new HttpProblem(
      503,
      'Busy',
      'The service is busy. Nothing was saved; try again in a moment.',
      undefined,
      { 'retry-after': '2' },
    );
  }
  return new HttpProblem(
    500,
    'Something went wrong',
    'Nothing was saved. Try again, and tell support if it keeps happening.',
  );
}

export function problemResponse(problem: HttpProblem, instance?: string): APIGatewayProxyStructuredResultV2 {
  const body: Record<string, unknown> = { type: 'about:blank', title: problem.title, status: problem.status };
  if (problem.detail) body.detail = problem.detail;
  if (instance) body.instance = instance;
  if (problem.invalidParams) body['invalid-params'] = problem.invalidParams;
  return {
    statusCode: problem.status,
    headers: {
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...problem.headers,
    },
    body: JSON.stringify(body),
  };
}
