import { Duration, RemovalPolicy, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  OAuthScope,
  OidcAttributeRequestMethod,
  ProviderAttribute,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolIdentityProviderOidc,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { FederationSettings } from '../../adapters/cognito/federation';
import { Role } from '../../events/envelope';
import { environmentOf } from '../../functions/environment';
import { nodeFunction } from './node-function';

/**
 * Signing in with the council's Microsoft Entra ID over OpenID Connect (see docs/operating.md): the app registration's
 * client id and the name of the Secrets Manager secret holding its client secret, the tenant, and which Entra groups
 * are which roles (and teams) of which LA.
 */
export interface EntraFederation extends FederationSettings {
  /** The name people see on the hosted sign-in page, e.g. "Northvale Council". */
  providerName: string;
  /** The directory (tenant) id of the council's Entra ID. */
  tenantId: string;
  clientId: string;
  /** A Secrets Manager secret holding the app registration's client secret (never in the template). */
  clientSecretName: string;
}

/** Every role a person can hold is a Cognito group; 'system' is the workflows' own actor, never a person. */
export const STAFF_GROUPS = Role.options.filter((role) => role !== 'system');

/**
 * Who may sign in: Cognito with a group per role, the LA a person works for as an attribute only administrators
 * set, MFA required, no self sign-up, and the hosted UI the web function sends people to.
 */
export class SignIn extends Construct {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;
  readonly federation?: EntraFederation;
  private provider?: UserPoolIdentityProviderOidc;

  constructor(
    scope: Construct,
    id: string,
    props: { authDomainPrefix?: string; account: string; poolName: string; federation?: EntraFederation },
  ) {
    super(scope, id);
    this.federation = props.federation;
    this.userPool = new UserPool(this, 'Staff', {
      userPoolName: props.poolName,
      // Accounts are made by an administrator (see docs/operating.md), never by sign-up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      // The LA a person works for: the tenancy boundary. Only administrators may set it (see the client below).
      // The team a person works in: their manager's "team" list. Entra groups: kept to map them to roles.
      customAttributes: {
        la: new StringAttribute({ minLen: 3, maxLen: 9, mutable: true }),
        team: new StringAttribute({ minLen: 1, maxLen: 100, mutable: true }),
        entra_groups: new StringAttribute({ minLen: 0, maxLen: 2048, mutable: true }),
        // An Independent Visitor (group independent-visitor) is a volunteer: the id of their volunteer record,
        // set by an administrator, is what limits them to their own matches.
        volunteer_id: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection (compromised credentials, adaptive authentication) blocks risky sign-ins.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const group of STAFF_GROUPS) {
      new CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
        description:
          group === 'independent-visitor'
            ? 'Volunteers: Independent Visitors, limited to their own matches'
            : `Staff with the ${group} role`,
      });
    }
    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.authDomainPrefix ?? `iv-records-${props.account}` },
    });
    if (props.federation) this.federate(props.federation);
  }

  /**
   * Entra ID as an OIDC identity provider: Entra sends the person's group ids in the `groups` claim (the app
   * registration must be set to emit them), kept in custom:entra_groups; a pre token generation trigger maps them to
   * the role groups and the LA (adapters/cognito/federation.ts), so tokens and the staff directory agree.
   */
  private federate(federation: EntraFederation): void {
    this.provider = new UserPoolIdentityProviderOidc(this, 'EntraId', {
      userPool: this.userPool,
      name: federation.providerName,
      clientId: federation.clientId,
      clientSecret: SecretValue.secretsManager(federation.clientSecretName).unsafeUnwrap(),
      issuerUrl: `https://login.microsoftonline.com/${federation.tenantId}/v2.0`,
      scopes: ['openid', 'email', 'profile'],
      attributeRequestMethod: OidcAttributeRequestMethod.GET,
      attributeMapping: {
        email: ProviderAttribute.other('email'),
        fullname: ProviderAttribute.other('name'),
        custom: { 'custom:entra_groups': ProviderAttribute.other('groups') },
      },
    });
    const { providerName: _, tenantId: __, clientId: ___, clientSecretName: ____, ...settings } = federation;
    const trigger = nodeFunction(this, 'PreToken', 'pre-token', {
      description: 'Maps the Entra ID groups of a person signing in to their roles, team and LA',
      environment: environmentOf({ federation: JSON.stringify(settings) }),
    });
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, trigger, LambdaVersion.V2_0);
    // The pool's ARN would make a cycle (the pool names the trigger): the trigger may act on pools of this account only.
    trigger.addToRolePolicy(
      new PolicyStatement({
        actions: ['cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminUpdateUserAttributes'],
        resources: [
          Stack.of(this).formatArn({ service: 'cognito-idp', resource: 'userpool', resourceName: '*' }),
        ],
      }),
    );
    Validations.of(trigger).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cognito-idp:<AWS::Region>:<AWS::AccountId>:userpool/*]',
      reason:
        'The pool names the trigger, so the trigger cannot name the pool without a cycle; this account only.',
    });
  }

  /** The staff directory reads the role groups' members: names, LAs and teams for the pages. */
  grantDirectoryRead(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['cognito-idp:ListUsersInGroup'],
        resources: [this.userPool.userPoolArn],
      }),
    );
  }

  /** The web pages' client: public, PKCE, short-lived tokens that can be revoked, the LA readable but not writable. */
  addWebClient(siteUrl: string): UserPoolClient {
    return this.userPool.addClient('WebClient', {
      // A public client using PKCE: the web function holds no client secret.
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${siteUrl}/auth/callback`],
        logoutUrls: [`${siteUrl}/sign-in`],
      },
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // A working day at most, as local sessions; the ID token itself lasts an hour and is not renewed by the pages.
      refreshTokenValidity: Duration.hours(8),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // The LA is readable (it is in the ID token) but NOT writable: a person could otherwise move themselves into
      // another LA's records with their own access token.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('la', 'team', 'volunteer_id'),
      supportedIdentityProviders: [
        UserPoolClientIdentityProvider.COGNITO,
        ...(this.provider ? [UserPoolClientIdentityProvider.custom(this.provider.providerName)] : []),
      ],
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }
}
