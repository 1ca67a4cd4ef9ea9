import type { Role } from '../../events/envelope';

/**
 * Signing in with the council's Microsoft Entra ID (OIDC): Entra sends the ids of the person's groups, which the user
 * pool keeps in custom:entra_groups. This maps them to our roles and LA, once per sign-in, in Cognito's pre token
 * generation trigger: the token carries the roles (cognito:groups) and the LA, and the person is added to the role
 * groups, so the staff directory lists them. Whoever is in no mapped group gets no role, and so no access.
 */
export interface FederationSettings {
  /** The LA everyone signing in through this provider works for. */
  la: string;
  /** Entra group object id -> role. */
  groupRoles: Record<string, Role>;
  /** Entra group object id -> team name, optional. */
  groupTeams?: Record<string, string>;
}

export interface MappedPerson {
  roles: Role[];
  la: string;
  team?: string;
}

/** The roles and team of a person from the Entra group ids Cognito passed on ("[id1, id2]" or "id1,id2"). */
export function mapEntraGroups(groups: string | undefined, settings: FederationSettings): MappedPerson {
  const ids = (groups ?? '')
    .replace(/[[\]"]/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
  const roles = [...new Set(ids.flatMap((id) => settings.groupRoles[id] ?? []))].filter(
    (r) => r !== 'system',
  );
  const team = ids.map((id) => settings.groupTeams?.[id]).find((t) => t !== undefined);
  return { roles, la: settings.la, ...(team ? { team } : {}) };
}
