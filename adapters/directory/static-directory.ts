import type { StaffDirectory, StaffMember } from '../../application/ports/staff-directory';
import type { Role } from '../../events/envelope';

/** A directory held in memory: the local personas and generated staff, or a test's own people. */
export class StaticStaffDirectory implements StaffDirectory {
  private readonly byId: Map<string, StaffMember>;

  constructor(members: Iterable<StaffMember>) {
    this.byId = new Map([...members].map((m) => [m.id, m]));
  }

  async member(id: string): Promise<StaffMember | undefined> {
    return this.byId.get(id);
  }

  async membersOf(la: string, role?: Role): Promise<StaffMember[]> {
    return [...this.byId.values()]
      .filter((m) => m.la === la && (role === undefined || m.role === role))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
