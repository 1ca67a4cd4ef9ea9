import { StaticStaffDirectory } from '../../adapters/directory/static-directory';
import type { Principal } from '../../application/access';
import type { StaffMember } from '../../application/ports/staff-directory';
import { IRO_TEAM, IV_TEAM, staffRosterOf } from '../../application/simulation/staff';

/** Fictional local authorities for the local system: plainly not real councils, with codes no council has. */
export const DEMO_LA = { code: 'E09999001', name: 'Northvale (demo)' } as const;
export const OTHER_LA = { code: 'E09999002', name: 'Southmere (demo)' } as const;
/** A Welsh one (its code starts with W), whose staff see the service in Welsh (Welsh Language Standards). */
export const WELSH_DEMO_LA = { code: 'W09999001', name: 'Glanyrafon (demo)' } as const;

/** The demo volunteer record the Independent Visitor persona is. */
export const DEMO_VISITOR_VOLUNTEER_ID = `${DEMO_LA.code}-v00001`;

/** Synthetic people to sign in as locally; every name is made up. */
export const PERSONAS: readonly Principal[] = [
  { id: 'persona-coordinator', name: 'Priya Okafor', role: 'coordinator', la: DEMO_LA.code },
  { id: 'persona-social-worker', name: 'Tom Brightwell', role: 'social-worker', la: DEMO_LA.code },
  { id: 'persona-iro', name: 'Grace Adeyemi', role: 'iro', la: DEMO_LA.code },
  { id: 'persona-manager', name: 'Owen Castell', role: 'manager', la: DEMO_LA.code },
  { id: 'persona-auditor', name: 'Hannah Lindqvist', role: 'auditor', la: DEMO_LA.code },
  { id: 'persona-admin', name: 'Sam Ferreira', role: 'admin', la: DEMO_LA.code },
  { id: 'persona-other-coordinator', name: 'Rhys Morgan', role: 'coordinator', la: OTHER_LA.code },
  { id: 'persona-welsh-coordinator', name: 'Nia Pritchard', role: 'coordinator', la: WELSH_DEMO_LA.code },
  { id: 'persona-national-analyst', name: 'Nadia Hussain', role: 'national-analyst', la: 'national' },
  // A volunteer, not staff: the demo's first volunteer record, whom the seeded history always leaves approved and
  // matched with a child (the generator is deterministic).
  {
    id: 'persona-independent-visitor',
    name: 'Zara Mensah',
    role: 'independent-visitor',
    la: DEMO_LA.code,
    volunteerId: DEMO_VISITOR_VOLUNTEER_ID,
  },
];

export const personaById = (id: string): Principal | undefined => PERSONAS.find((p) => p.id === id);

/** The personas' teams: Tom and his manager Owen share a team, so Owen's team view shows Tom's caseload. */
const TEAMS: Record<string, string> = {
  'persona-coordinator': IV_TEAM,
  'persona-social-worker': 'Children in Care Team North',
  'persona-iro': IRO_TEAM,
  'persona-manager': 'Children in Care Team North',
  'persona-auditor': 'Quality Assurance',
  'persona-admin': 'Digital Services',
  'persona-other-coordinator': IV_TEAM,
  'persona-welsh-coordinator': IV_TEAM,
  'persona-independent-visitor': 'Independent Visitors (volunteers)',
};

/** How many children each demo LA is seeded with (npm start). */
export const DEMO_CHILDREN: Readonly<Record<string, number>> = {
  [DEMO_LA.code]: 500,
  [OTHER_LA.code]: 40,
  [WELSH_DEMO_LA.code]: 40,
};

/** Every demo LA, for the names the pages show. */
export const DEMO_LAS = [DEMO_LA, OTHER_LA, WELSH_DEMO_LA] as const;

/** The personas as members of staff. */
export const PERSONA_STAFF: readonly StaffMember[] = PERSONAS.map((p) => ({ ...p, team: TEAMS[p.id] }));

/** The staff of a demo LA seeded with `children`: the personas who work there, and made-up colleagues. */
export const demoStaffOf = (la: string, children: number = DEMO_CHILDREN[la] ?? 500): StaffMember[] =>
  staffRosterOf(la, children, PERSONA_STAFF);

/** The local staff directory: every persona, and the staff of each demo LA. */
export const localStaffDirectory = (extra: readonly StaffMember[] = []) =>
  new StaticStaffDirectory([...PERSONA_STAFF, ...DEMO_LAS.flatMap((la) => demoStaffOf(la.code)), ...extra]);
