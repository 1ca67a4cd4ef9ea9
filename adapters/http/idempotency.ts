import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ulid } from 'ulid';
import type { Principal } from '../../application/access';
import { badRequest } from './problem';

/**
 * An Idempotency-Key makes a retried request a no-op: it becomes the command id (scoped to the caller), and the
 * request's digest is stored with it, so the same key with a different request is refused rather than replayed.
 */
export function commandIdentity(
  event: APIGatewayProxyEventV2,
  principal: Principal,
  /** A web form's own key, rendered into the form, so a double-submitted form records once. */
  formKey?: string,
): { commandId: string; requestHash: string } {
  const key = formKey ?? event.headers?.['idempotency-key'];
  if (key !== undefined && !/^[A-Za-z0-9_.:-]{8,100}$/.test(key)) {
    throw badRequest([
      { name: 'header.Idempotency-Key', reason: 'must be 8 to 100 letters, digits or _.:-' },
    ]);
  }
  const requestHash = createHash('sha256')
    .update(`${event.requestContext.http.method} ${event.rawPath}\n${event.body ?? ''}`)
    .digest('hex');
  return { commandId: key ? `key:${principal.id}:${key}` : ulid(), requestHash };
}
