import {
  CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { mapEntraGroups } from '../../../../adapters/cognito/federation';
import { CognitoStaffDirectory } from '../../../../adapters/cognito/staff-directory';

const user = (sub: string, name: string, la: string, team?: string, enabled = true) => ({
  Username: sub,
  Enabled: enabled,
  Attributes: [
    { Name: 'sub', Value: sub },
    { Name: 'name', Value: name },
    { Name: 'email', Value: `${sub}@example.com` },
    { Name: 'custom:la', Value: la },
    ...(team ? [{ Name: 'custom:team', Value: team }] : []),
  ],
});

describe('the staff directory on Cognito', () => {
  it('lists the members of each role group of an LA by name, with their team, across pages', async () => {
    const cognito = mockClient(CognitoIdentityProviderClient);
    cognito.on(ListUsersInGroupCommand).callsFake((input) => {
      if (input.GroupName === 'social-worker')
        return input.NextToken
          ? { Users: [user('u2', 'Amy Ash', 'E09999001', 'North')] }
          : {
              Users: [
                user('u1', 'Tom Brightwell', 'E09999001', 'North'),
                user('u9', 'Elsewhere', 'E09999002'),
              ],
              NextToken: 'next',
            };
      if (input.GroupName === 'iro')
        return {
          Users: [
            user('u3', 'Grace Adeyemi', 'E09999001'),
            user('u4', 'Gone', 'E09999001', undefined, false),
          ],
        };
      return { Users: [] };
    });
    const directory = new CognitoStaffDirectory(new CognitoIdentityProviderClient({}), 'pool-1');
    expect((await directory.membersOf('E09999001', 'social-worker')).map((m) => m.name)).toEqual([
      'Amy Ash',
      'Tom Brightwell',
    ]);
    expect(await directory.member('u1')).toEqual({
      id: 'u1',
      name: 'Tom Brightwell',
      role: 'social-worker',
      la: 'E09999001',
      team: 'North',
      email: 'u1@example.com',
    });
    expect(await directory.member('u4')).toBeUndefined(); // disabled
    expect((await directory.membersOf('E09999001')).map((m) => m.role)).toEqual([
      'social-worker',
      'iro',
      'social-worker',
    ]);
    // Read once and kept: the second lookups made no more calls.
    expect(
      cognito.commandCalls(ListUsersInGroupCommand).every((c) => c.args[0].input.UserPoolId === 'pool-1'),
    ).toBe(true);
    const calls = cognito.commandCalls(ListUsersInGroupCommand).length;
    await directory.member('u3');
    expect(cognito.commandCalls(ListUsersInGroupCommand)).toHaveLength(calls);
  });
});

describe('Entra ID groups', () => {
  const settings = {
    la: 'E09999001',
    groupRoles: { 'g-sw': 'social-worker', 'g-iro': 'iro', 'g-sys': 'system' } as const,
    groupTeams: { 'g-north': 'Children in Care Team North' },
  };
  it('map to roles and a team, in whatever form Cognito passes them, and never to the system role', () => {
    expect(mapEntraGroups('[g-sw, g-north]', settings)).toEqual({
      roles: ['social-worker'],
      la: 'E09999001',
      team: 'Children in Care Team North',
    });
    expect(mapEntraGroups('g-iro,g-sys', settings).roles).toEqual(['iro']);
    expect(mapEntraGroups(undefined, settings)).toEqual({ roles: [], la: 'E09999001' });
  });
});
