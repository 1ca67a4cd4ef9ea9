import type { DecisionContext } from './decider';
import { DomainRuleBroken } from './decider';
import type { Policy } from './policy';

/** When a command says its fact happened: now, or an earlier date given with a reason for recording it late. */
export interface When {
  /** ISO instant (UTC). Omitted means "now". */
  occurredAt?: string;
}

/**
 * Applies the recording rules every command shares and returns the instant the fact happened, plus the
 * occurredAt to store when it is not "now". A date in the future (beyond a small tolerance for clock differences)
 * is refused; a date in the past needs a reason, so a late entry can always be explained to an auditor.
 */
export function whenOf(
  command: When,
  context: DecisionContext,
  policy: Policy,
): { at: string; occurredAt?: string } {
  if (command.occurredAt === undefined) return { at: context.now.toISOString() };
  const at = Date.parse(command.occurredAt);
  if (Number.isNaN(at)) throw new DomainRuleBroken('That date is not a valid date.', 422, 'invalid-date');
  const tolerance = policy.recording.futureToleranceMinutes * 60_000;
  const ahead = at - context.now.getTime();
  if (ahead > tolerance)
    throw new DomainRuleBroken(
      'That date is in the future. Record it once it has happened.',
      422,
      'future-date',
    );
  if (ahead < -tolerance && !context.reason?.trim())
    throw new DomainRuleBroken(
      'A date in the past needs a reason for recording it late.',
      422,
      'backdating-needs-reason',
    );
  const iso = new Date(at).toISOString();
  return { at: iso, occurredAt: iso };
}

/** Refuses a date earlier than a fact it depends on (a visit before the match, a review before entering care). */
export function notBefore(at: string, earliest: string | undefined, message: string, rule: string): void {
  if (earliest !== undefined && Date.parse(at) < Date.parse(earliest))
    throw new DomainRuleBroken(message, 422, rule);
}
