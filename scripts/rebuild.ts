import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { LocalKeyWrapper } from '../adapters/crypto/local-key-wrapper';
import { DynamoEventStore, lasWithStreams } from '../adapters/dynamodb/event-store';
import { DynamoReadModels } from '../adapters/dynamodb/read-models';
import { KmsKeyWrapper } from '../adapters/kms/kms-key-wrapper';
import { quietLog } from '../application/ports/log';
import { createStreamProjector } from '../application/projections/project';
import { rebuild } from '../application/projections/rebuild';
import { catalog } from '../events/contracts';
import { keyringOf } from '../functions/composition';
import { optionalSetting, type Setting, setting } from '../functions/environment';
import { DEFAULT_DATA_DIR } from '../infra/local/clock';
import { localClientConfig } from '../infra/local/dynamodb';
import { synthesizeTemplates, tableLogicalId } from '../infra/local/template';

/**
 * `npm run rebuild`: re-projects every stream into the read models, LA by LA, a few streams at a time, printing
 * progress. Locally (DYNAMODB_ENDPOINT or --endpoint) the table names come from the synthesized template; against
 * AWS, give them with --events-table, --child-table and --volunteer-table (or the projector's environment names).
 *   npm run rebuild -- --endpoint http://127.0.0.1:8000 [--la E06000014] [--concurrency 8]
 */
const { values } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    la: { type: 'string', multiple: true },
    concurrency: { type: 'string', default: '8' },
    'events-table': { type: 'string' },
    'child-table': { type: 'string' },
    'volunteer-table': { type: 'string' },
  },
});
const endpoint = values.endpoint ?? process.env.DYNAMODB_ENDPOINT;
const client = new DynamoDBClient(endpoint ? localClientConfig(endpoint) : {});
const local = endpoint ? synthesizeTemplates() : undefined;
const name = (flag: string | undefined, env: Setting, path: string) =>
  flag ?? optionalSetting(process.env, env) ?? (local ? tableLogicalId(local, path) : undefined);
const tables = {
  events: name(values['events-table'], 'eventsTable', 'IvData/Events'),
  commands: name(undefined, 'commandsTable', 'IvData/Commands') ?? 'unused',
  personalDataKeys: name(undefined, 'personalDataKeysTable', 'IvData/PersonalDataKeys'),
  childSummary: name(values['child-table'], 'childSummaryTable', 'IvReadModels/ChildSummary'),
  volunteerSummary: name(values['volunteer-table'], 'volunteerSummaryTable', 'IvReadModels/VolunteerSummary'),
};
if (!tables.events || !tables.childSummary || !tables.volunteerSummary || !tables.personalDataKeys) {
  console.error(
    'Give DYNAMODB_ENDPOINT (local) or the table names (--events-table, --child-table, --volunteer-table, and ' +
      'PERSONAL_DATA_KEYS_TABLE with PERSONAL_DATA_KEY_ARN to open the records).',
  );
  process.exit(2);
}

// Rows are computed from the events opened: locally with the key file npm start made, in AWS with KMS.
const keys = endpoint
  ? LocalKeyWrapper.atPath(process.env.PERSONAL_DATA_KEY_FILE ?? `${DEFAULT_DATA_DIR}/personal-data.key`)
  : new KmsKeyWrapper(new KMSClient({}), setting(process.env, 'personalDataKeyArn'));
const store = new DynamoEventStore({
  client,
  tables: { events: tables.events, commands: tables.commands },
  catalog,
  personalData: keyringOf(client, tables.personalDataKeys, keys, () => new Date()),
});
const project = createStreamProjector({
  store,
  readModels: new DynamoReadModels(client, {
    childSummary: tables.childSummary,
    volunteerSummary: tables.volunteerSummary,
  }),
  now: () => new Date(),
  log: quietLog,
});
const las = values.la ?? (await lasWithStreams(client, tables.events));
console.log(`Rebuilding the read models of ${las.length} local authorities…`);
const mb = () => Math.round(process.memoryUsage().rss / 1e6);
const done = await rebuild({
  store,
  project,
  las,
  concurrency: Number(values.concurrency),
  onProgress: (p) =>
    console.log(
      `${p.la}: ${p.streams} streams, ${p.events} events, ${p.streamsPerSecond.toFixed(0)} streams/s, ` +
        `${p.eventsPerSecond.toFixed(0)} events/s, ${mb()} MB`,
    ),
});
console.log(
  `Done: ${done.streams} streams (${done.outcomes.written} written, ${done.outcomes.unchanged} unchanged, ` +
    `${done.outcomes.empty} empty), ${done.events} events in ${(done.elapsedMs / 1000).toFixed(1)} s: ` +
    `${done.streamsPerSecond.toFixed(0)} streams/s, ${done.eventsPerSecond.toFixed(0)} events/s, peak RSS ${mb()} MB`,
);
client.destroy();
