import {
  AdminAddUserToGroupCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { type FederationSettings, mapEntraGroups } from '../../adapters/cognito/federation';
import { STAFF_ATTRIBUTES } from '../../adapters/cognito/staff-directory';
import { setting } from '../environment';

/**
 * Cognito's pre token generation trigger, for people signing in through Microsoft Entra ID: their Entra groups become
 * their roles (in this token and as pool groups, so the staff directory lists them), with their LA and team. People
 * of the pool itself are left as they are.
 */
const settings = JSON.parse(setting(process.env, 'federation')) as FederationSettings;
const cognito = new CognitoIdentityProviderClient({});

export const handler = async (event: PreTokenGenerationV2TriggerEvent) => {
  const attributes = event.request.userAttributes;
  if (!attributes.identities) return event;
  const person = mapEntraGroups(attributes['custom:entra_groups'], settings);
  const pool = { UserPoolId: event.userPoolId, Username: event.userName };
  for (const role of person.roles)
    await cognito.send(new AdminAddUserToGroupCommand({ ...pool, GroupName: role }));
  await cognito.send(
    new AdminUpdateUserAttributesCommand({
      ...pool,
      UserAttributes: [
        { Name: STAFF_ATTRIBUTES.la, Value: person.la },
        ...(person.team ? [{ Name: STAFF_ATTRIBUTES.team, Value: person.team }] : []),
      ],
    }),
  );
  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: {
        claimsToAddOrOverride: {
          'custom:la': person.la,
          ...(person.team ? { 'custom:team': person.team } : {}),
        },
      },
      groupOverrideDetails: { groupsToOverride: person.roles },
    },
  };
  return event;
};
