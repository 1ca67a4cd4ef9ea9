import {
  type CognitoIdentityProviderClient,
  paginateListUsersInGroup,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { StaffDirectory, StaffMember } from '../../application/ports/staff-directory';
import { Role } from '../../events/envelope';

/**
 * The staff directory in AWS: the Cognito user pool, where each role is a group and each person carries their LA
 * (custom:la) and team (custom:team). People signing in through the council's Microsoft Entra ID are put in the
 * groups their Entra groups map to (adapters/cognito/federation.ts), so they are listed here too. The directory is
 * read whole and kept for a few minutes: a page needs many names, and staff change rarely.
 */
export const STAFF_ATTRIBUTES = { la: 'custom:la', team: 'custom:team' } as const;
const STAFF_ROLES = Role.options.filter((r) => r !== 'system');

export class CognitoStaffDirectory implements StaffDirectory {
  private cached?: { at: number; members: Promise<Map<string, StaffMember>> };

  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
    private readonly options: { keepForMs?: number; now?: () => number } = {},
  ) {}

  async member(id: string): Promise<StaffMember | undefined> {
    return (await this.all()).get(id);
  }

  async membersOf(la: string, role?: Role): Promise<StaffMember[]> {
    return [...(await this.all()).values()]
      .filter((m) => m.la === la && (role === undefined || m.role === role))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  private all(): Promise<Map<string, StaffMember>> {
    const now = (this.options.now ?? Date.now)();
    if (!this.cached || now - this.cached.at > (this.options.keepForMs ?? 300_000)) {
      const members = this.load();
      this.cached = { at: now, members };
      // A failed load is not kept: the next request tries again.
      members.catch(() => {
        if (this.cached?.members === members) this.cached = undefined;
      });
    }
    return this.cached.members;
  }

  private async load(): Promise<Map<string, StaffMember>> {
    const members = new Map<string, StaffMember>();
    for (const role of STAFF_ROLES)
      for await (const page of paginateListUsersInGroup(
        { client: this.client },
        { UserPoolId: this.userPoolId, GroupName: role },
      ))
        for (const user of page.Users ?? []) {
          const member = memberOf(user, role);
          // Someone in two groups is listed once, under the first role (the order of Role).
          if (member && !members.has(member.id)) members.set(member.id, member);
        }
    return members;
  }
}

/** A Cognito user as a member of staff: their sub is the id every event carries (principalOf reads the same). */
function memberOf(user: UserType, role: Role): StaffMember | undefined {
  const attribute = (name: string) => user.Attributes?.find((a) => a.Name === name)?.Value;
  const id = attribute('sub');
  const la = attribute(STAFF_ATTRIBUTES.la);
  if (!id || !la || user.Enabled === false) return undefined;
  const team = attribute(STAFF_ATTRIBUTES.team);
  const email = attribute('email');
  return {
    id,
    name: attribute('name') ?? email ?? 'Name not recorded',
    role,
    la,
    ...(team ? { team } : {}),
    ...(email ? { email } : {}),
  };
}
