import type { Actor } from '../../events/envelope';

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
export const who = (actor: Actor | undefined): string =>
  !actor
    ? 'Not known'
    : actor.role === 'system'
      ? 'The automated reminders'
      : `${ROLES[actor.role] ?? actor.role} (${actor.id})`;

/** How a person looked at a record. */
export const CHANNELS: Record<string, string> = {
  ui: 'These pages',
  api: 'The API',
  cli: 'The command line',
};
