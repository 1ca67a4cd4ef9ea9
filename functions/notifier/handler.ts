import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { NotifyClient } from 'notifications-node-client';
import { NotifySender } from '../../adapters/notify/notify-sender';
import { lambdaLog } from '../../adapters/observability/log';
import { observability, observed } from '../../adapters/observability/observability';
import type { BusEvent } from '../../application/ports/bus';
import { systemClock } from '../../application/ports/clock';
import { notifierOf } from '../composition';
import { optionalSetting, setting } from '../environment';

const env = process.env;
const tools = observability('notifier');
let notifier: ReturnType<typeof notifierOf> | undefined;

/** The Notify API key is read from Secrets Manager once per container, never from configuration. */
async function build() {
  const secret = await new SecretsManagerClient({}).send(
    new GetSecretValueCommand({ SecretId: setting(env, 'notifyApiKeySecret') }),
  );
  return notifierOf(
    {
      dynamo: new DynamoDBClient({}),
      env,
      clock: systemClock,
      log: lambdaLog('notifier', tools.logger),
    },
    new NotifySender(
      new NotifyClient(secret.SecretString!),
      JSON.parse(optionalSetting(env, 'notifyTemplates') ?? '{}'),
    ),
  );
}

export const handler = observed(tools, async (event: BusEvent) => {
  notifier ??= await build();
  return notifier(event);
});
