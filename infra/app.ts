import { applyNag } from './nag';
import { buildSystem, DEFAULT_REGION } from './system';

/**
 * `cdk synth` / `cdk deploy`: the whole system, checked by cdk-nag's AwsSolutions pack (a finding fails synthesis).
 * The region is London unless IV_REGION says otherwise: the CLI's own default region (from a profile) is ignored on
 * purpose, so that children's records never land elsewhere because of how someone's laptop is configured.
 * Deployment choices come from the environment (docs/operating.md): IV_ALARM_EMAIL, IV_AUTH_DOMAIN_PREFIX,
 * IV_DOMAIN_NAMES with IV_CERTIFICATE_ARN, IV_WEB_ACL_ARN, IV_ALLOWED_COUNTRIES, IV_ENTRA_FEDERATION (JSON).
 */
const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);
const env = process.env;
const domains = list(env.IV_DOMAIN_NAMES);
const system = buildSystem({
  env: { account: env.CDK_DEFAULT_ACCOUNT, region: env.IV_REGION ?? DEFAULT_REGION },
  alarmEmail: env.IV_ALARM_EMAIL,
  web: {
    authDomainPrefix: env.IV_AUTH_DOMAIN_PREFIX,
    allowedCountries: list(env.IV_ALLOWED_COUNTRIES),
    webAclArn: env.IV_WEB_ACL_ARN,
    federation: env.IV_ENTRA_FEDERATION ? JSON.parse(env.IV_ENTRA_FEDERATION) : undefined,
    domain:
      domains?.length && env.IV_CERTIFICATE_ARN
        ? { names: domains, certificateArn: env.IV_CERTIFICATE_ARN }
        : undefined,
  },
});
applyNag(system);
system.app.synth();
