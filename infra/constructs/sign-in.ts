import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { Role } from '../../events/envelope';

/** Every role a person can hold is a Cognito group; 'system' is the workflows' own actor, never a person. */
export const STAFF_GROUPS = Role.options.filter((role) => role !== 'system');

/**
 * Who may sign in: Cognito with a group per role, the LA a person works for as an attribute only administrators
 * set, MFA required, no self sign-up, and the hosted UI the web function sends people to.
 */
export class SignIn extends Construct {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;

  constructor(
    scope: Construct,
    id: string,
    props: { authDomainPrefix?: string; account: string; poolName: string },
  ) {
    super(scope, id);
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
      customAttributes: { la: new StringAttribute({ minLen: 3, maxLen: 9, mutable: true }) },
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
        description: `Staff with the ${group} role`,
      });
    }
    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.authDomainPrefix ?? `iv-records-${props.account}` },
    });
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
        .withCustomAttributes('la'),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }
}
