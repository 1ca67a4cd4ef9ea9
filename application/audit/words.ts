import type { Actor } from '../../events/envelope';
import { AUTOMATED } from '../people';
import { ENGLISH_WORDS, type Words } from '../words';

export const ROLES: Record<string, string> = {
  coordinator: 'Coordinator',
  'social-worker': 'Social worker',
  iro: 'Independent reviewing officer',
  manager: 'Manager',
  auditor: 'Auditor',
  admin: 'Administrator',
  'national-analyst': 'National analyst',
  'independent-visitor': 'Independent Visitor',
};

/** A person as the audit names them: their role, then their user id (names will come from the staff directory). */
export const who = (actor: Actor | undefined, w: Words = ENGLISH_WORDS): string =>
  !actor
    ? w.say(NOT_KNOWN)
    : actor.role === 'system'
      ? w.say(AUTOMATED)
      : `${w.term(ROLES[actor.role] ?? actor.role)} (${actor.id})`;

export const NOT_KNOWN = 'Not known';

/** How a person looked at a record. */
export const CHANNELS: Record<string, string> = {
  ui: 'These pages',
  api: 'The API',
  cli: 'The command line',
};
