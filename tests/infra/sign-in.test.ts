import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SignIn } from '../../infra/constructs/sign-in';

/** The optional federation with a council's Microsoft Entra ID, as CDK settings produce it. */
function signInWith(federation: boolean) {
  const stack = new Stack(new App(), 'SignInTest', { env: { account: '111111111111', region: 'eu-west-2' } });
  const signIn = new SignIn(stack, 'SignIn', {
    account: '111111111111',
    poolName: 'staff',
    ...(federation
      ? {
          federation: {
            providerName: 'NorthvaleCouncil',
            tenantId: '00000000-0000-0000-0000-000000000001',
            clientId: 'entra-app-client-id',
            clientSecretName: 'iv/entra-client-secret',
            la: 'E09999001',
            groupRoles: { 'entra-group-sw': 'social-worker', 'entra-group-iro': 'iro' },
          },
        }
      : {}),
  });
  signIn.addWebClient('https://iv.example.org');
  return Template.fromStack(stack);
}

describe('signing in with the council’s Entra ID', () => {
  it('adds an OIDC provider for the tenant, keeps Entra groups, and maps them to roles before each token', () => {
    const template = signInWith(true);
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderType: 'OIDC',
      ProviderName: 'NorthvaleCouncil',
      ProviderDetails: Match.objectLike({
        oidc_issuer: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0',
        client_id: 'entra-app-client-id',
      }),
      AttributeMapping: Match.objectLike({ 'custom:entra_groups': 'groups', email: 'email' }),
    });
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V2_0' } },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      SupportedIdentityProviders: ['COGNITO', { Ref: Match.stringLikeRegexp('^SignInEntraId') }],
    });
    const fn = Object.values(template.findResources('AWS::Lambda::Function')).find((f) =>
      JSON.stringify(f).includes('FEDERATION_SETTINGS'),
    );
    expect(JSON.parse(fn!.Properties.Environment.Variables.FEDERATION_SETTINGS)).toEqual({
      la: 'E09999001',
      groupRoles: { 'entra-group-sw': 'social-worker', 'entra-group-iro': 'iro' },
    });
    // The client secret comes from Secrets Manager when deploying, never from the template.
    expect(JSON.stringify(template.toJSON())).toContain('resolve:secretsmanager:iv/entra-client-secret');
  });

  it('has no provider and no trigger unless asked', () => {
    const template = signInWith(false);
    template.resourceCountIs('AWS::Cognito::UserPoolIdentityProvider', 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });
});
