import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { NotifyClient } from 'notifications-node-client';
import { DynamoNotificationLedger } from '../../adapters/dynamodb/notification-ledger';
import { NotifySender } from '../../adapters/notify/notify-sender';
import { lambdaLog } from '../../adapters/observability/log';
import { observability, observed } from '../../adapters/observability/observability';
import { parseMailboxes } from '../../application/notifications/notifications';
import { createNotifier } from '../../application/notifications/notifier';
import type { BusEvent } from '../../application/ports/bus';
import { systemClock } from '../../application/ports/clock';

import { storeFromEnvironment } from '../store-from-environment';

const env = process.env;
const tools = observability('notifier');
const dynamo = tools.tracer.captureAWSv3Client(new DynamoDBClient({}));
const store = storeFromEnvironment(env, systemClock, dynamo);
let notifier: ReturnType<typeof createNotifier> | undefined;

/** The Notify API key is read from Secrets Manager once per container, never from configuration. */
async function build() {
  const secret = await tools.tracer
    .captureAWSv3Client(new SecretsManagerClient({}))
    .send(new GetSecretValueCommand({ SecretId: env.NOTIFY_API_KEY_SECRET }));
  return createNotifier({
    readEvent: async (streamId, version) =>
      (await store.read(streamId, { fromVersion: version, toVersion: version }))[0],
    sender: new NotifySender(
      new NotifyClient(secret.SecretString!),
      JSON.parse(env.NOTIFY_TEMPLATES ?? '{}'),
    ),
    ledger: new DynamoNotificationLedger(dynamo, env.NOTIFICATIONS_TABLE!),
    mailboxes: parseMailboxes(env.TEAM_MAILBOXES),
    recordBaseUrl: env.RECORD_BASE_URL!,
    clock: systemClock,
    log: lambdaLog('notifier', tools.logger),
  });
}

export const handler = observed(tools, async (event: BusEvent) => {
  notifier ??= await build();
  return notifier(event);
});
