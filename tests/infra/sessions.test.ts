import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SESSION_LIFETIME_MS } from '../../adapters/http/session';
import { buildSystem } from '../../infra/system';

/** Sessions in AWS are Cognito's: finding 6 of issue 19, checked in the synthesized settings. */
const web = Template.fromStack(buildSystem({ bundle: false }).web).toJSON() as {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
};
const clients = Object.values(web.Resources).filter((r) => r.Type === 'AWS::Cognito::UserPoolClient');

/** A validity in minutes, whatever unit the template states it in. */
const minutes = (client: Record<string, unknown>, token: 'IdToken' | 'AccessToken' | 'RefreshToken') => {
  const units = (client.TokenValidityUnits ?? {}) as Record<string, string>;
  // CloudFormation's defaults when no unit is given: hours, and days for the refresh token.
  const unit = units[token] ?? (token === 'RefreshToken' ? 'days' : 'hours');
  const per = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 }[unit]!;
  return Number(client[`${token}Validity`]) * per;
};

describe("the web client's tokens", () => {
  it('is one client, whose ID and access tokens last an hour, and whose session lasts at most 8 hours', () => {
    expect(clients).toHaveLength(1);
    const client = clients[0]!.Properties;
    expect(minutes(client, 'IdToken')).toBe(60);
    expect(minutes(client, 'AccessToken')).toBe(60);
    expect(minutes(client, 'RefreshToken')).toBeLessThanOrEqual(SESSION_LIFETIME_MS / 60_000);
  });

  it('can have its tokens revoked, and does not say whether a user exists', () => {
    const client = clients[0]!.Properties;
    expect(client.EnableTokenRevocation).toBe(true);
    expect(client.PreventUserExistenceErrors).toBe('ENABLED');
  });
});
