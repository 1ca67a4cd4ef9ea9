import { applyNag } from './nag';
import { buildSystem, DEFAULT_REGION } from './system';

/**
 * `cdk synth` / `cdk deploy`: the whole system, checked by cdk-nag's AwsSolutions pack (a finding fails synthesis).
 * The region is London unless IV_REGION says otherwise: the CLI's own default region (from a profile) is ignored on
 * purpose, so that children's records never land elsewhere because of how someone's laptop is configured.
 */
const system = buildSystem({
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.IV_REGION ?? DEFAULT_REGION },
});
applyNag(system);
system.app.synth();
