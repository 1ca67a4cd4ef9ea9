import type { Role } from '../../events/envelope';

/** A member of staff as the directory knows them: who they are, their role, their LA and their team. */
export interface StaffMember {
  id: string;
  name: string;
  role: Role;
  la: string;
  team?: string;
  email?: string;
}

/**
 * Who works for each local authority: the people a child can be allocated to, and the names the pages show for the
 * ids events carry. Locally the made-up personas and a generated staff; in AWS the Cognito user pool (optionally fed
 * by the council's Microsoft Entra ID).
 */
export interface StaffDirectory {
  /** One member by id, or undefined when the directory does not know them. */
  member(id: string): Promise<StaffMember | undefined>;
  /** The members of one LA, optionally only those with a role, by name. */
  membersOf(la: string, role?: Role): Promise<StaffMember[]>;
}
