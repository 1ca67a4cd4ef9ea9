import type { StaffMember } from '../ports/staff-directory';
import { madeUpName } from './names';
import { Random } from './random';

/** Children a social worker in a looked-after children's team holds, and an IRO (both common figures in practice). */
export const CASELOAD = { 'social-worker': 17, iro: 55 } as const;

export const SOCIAL_WORK_TEAMS = [
  'Children in Care Team North',
  'Children in Care Team South',
  'Children in Care Team East',
  'Leaving Care Team',
  'Disabled Children’s Team',
] as const;
export const IRO_TEAM = 'Independent Reviewing Service';
export const IV_TEAM = 'Independent Visitor Service';

/**
 * The made-up social workers and IROs of a generated LA, enough for `children` at the usual caseloads, spread across
 * teams. The same LA and size always give the same people, so the local directory and the generated records agree.
 * `alongside` are people who already work there (the local personas): they count towards the numbers.
 */
export function staffRosterOf(
  la: string,
  children: number,
  alongside: readonly StaffMember[] = [],
): StaffMember[] {
  const rng = new Random(`staff:${la}`);
  const roster: StaffMember[] = [...alongside.filter((m) => m.la === la)];
  const need = (role: 'social-worker' | 'iro') =>
    Math.max(1, Math.ceil(children / CASELOAD[role])) - roster.filter((m) => m.role === role).length;
  for (const role of ['social-worker', 'iro'] as const) {
    const count = need(role);
    for (let n = 1; n <= count; n++) {
      const name = madeUpName(rng, rng.chance(0.8) ? 'female' : 'male');
      roster.push({
        id: `${role === 'iro' ? 'iro' : 'sw'}-${la}-${String(n).padStart(3, '0')}`,
        name: `${name.firstNames.split(' ')[0]} ${name.lastName}`,
        role,
        la,
        team: role === 'iro' ? IRO_TEAM : SOCIAL_WORK_TEAMS[n % SOCIAL_WORK_TEAMS.length],
      });
    }
  }
  return roster;
}
