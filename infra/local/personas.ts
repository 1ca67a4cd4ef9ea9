import type { Principal } from '../../application/access';

/** Fictional local authorities for the local system: plainly not real councils, with codes no council has. */
export const DEMO_LA = { code: 'E09999001', name: 'Northvale (demo)' } as const;
export const OTHER_LA = { code: 'E09999002', name: 'Southmere (demo)' } as const;

/** Synthetic people to sign in as locally; every name is made up. */
export const PERSONAS: readonly Principal[] = [
  { id: 'persona-coordinator', name: 'Priya Okafor', role: 'coordinator', la: DEMO_LA.code },
  { id: 'persona-social-worker', name: 'Tom Brightwell', role: 'social-worker', la: DEMO_LA.code },
  { id: 'persona-iro', name: 'Grace Adeyemi', role: 'iro', la: DEMO_LA.code },
  { id: 'persona-manager', name: 'Owen Castell', role: 'manager', la: DEMO_LA.code },
  { id: 'persona-auditor', name: 'Hannah Lindqvist', role: 'auditor', la: DEMO_LA.code },
  { id: 'persona-admin', name: 'Sam Ferreira', role: 'admin', la: DEMO_LA.code },
  { id: 'persona-other-coordinator', name: 'Rhys Morgan', role: 'coordinator', la: OTHER_LA.code },
  { id: 'persona-national-analyst', name: 'Nadia Hussain', role: 'national-analyst', la: 'national' },
];

export const personaById = (id: string): Principal | undefined => PERSONAS.find((p) => p.id === id);
