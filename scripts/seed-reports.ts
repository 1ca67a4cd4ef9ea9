import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LocalKeyWrapper } from '../adapters/crypto/local-key-wrapper';
import { DynamoEventStore } from '../adapters/dynamodb/event-store';
import { DynamoReadModels } from '../adapters/dynamodb/read-models';

import { quietLog } from '../application/ports/log';
import { createStreamProjector } from '../application/projections/project';
import { rebuild } from '../application/projections/rebuild';
import { laReportCsv, nationalReturnCsv } from '../application/reports/csv';
import { laReport } from '../application/reports/la-report';
import { nationalReturn, returnEntryOf } from '../application/reports/national-return';
import { catalog } from '../events/contracts';
import { keyringOf } from '../functions/composition';
import { startDynamoDbLocal } from '../infra/local/dynamodb';
import {
  createTables,
  synthesizeTemplates,
  tableLogicalId,
  tablesFromTemplates,
} from '../infra/local/template';
import { populationOf, seedLa } from './seed';

/**
 * Generates a population (a fraction of England and Wales) into an in-memory DynamoDB Local, rebuilds the read
 * models, and writes one LA report and the national return as CSV to .local/reports/, with the rates measured.
 *   npx tsx scripts/seed-reports.ts --scale 0.03 --la E08000035
 *   npx tsx scripts/seed-reports.ts --la E08000035 --children 1300   (one LA only, at full size)
 */
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.03' },
    seed: { type: 'string', default: 'demo' },
    'as-of': { type: 'string', default: '2026-03-31' },
    la: { type: 'string', default: 'E08000035' },
    /** Generate only this LA's population, at this many children looked after. */
    children: { type: 'string' },
  },
});
const asOf = values['as-of'];
const period = { from: '2025-04-01', to: asOf };
const dynamo = await startDynamoDbLocal();
const templates = synthesizeTemplates();
await createTables(dynamo.client, tablesFromTemplates(templates));
const tables = {
  events: tableLogicalId(templates, 'IvData/Events'),
  commands: tableLogicalId(templates, 'IvData/Commands'),
  personalDataKeys: tableLogicalId(templates, 'IvData/PersonalDataKeys'),
  childSummary: tableLogicalId(templates, 'IvReadModels/ChildSummary'),
  volunteerSummary: tableLogicalId(templates, 'IvReadModels/VolunteerSummary'),
};
// The database is thrown away at the end, and its people's keys with it.
const keys = LocalKeyWrapper.ephemeral();
const mb = () => Math.round(process.memoryUsage().rss / 1e6);
let peak = 0;
const sample = setInterval(() => {
  peak = Math.max(peak, mb());
}, 200);

try {
  const sizes = values.children
    ? populationOf({ seed: values.seed })
        .filter((s) => s.code === values.la)
        .map((s) => ({ ...s, children: Number(values.children) }))
    : populationOf({ seed: values.seed, scale: Number(values.scale) });
  let t = performance.now();
  let events = 0;
  let children = 0;
  for (const la of sizes) {
    const seeded = await seedLa(dynamo.client, tables, la.code, {
      children: la.children,
      keys,
      seed: values.seed,
      asOf,
    });
    events += seeded.events;
    children += seeded.children;
  }
  const seedSeconds = (performance.now() - t) / 1000;
  console.log(
    `Generated ${sizes.length} LAs, ${children} children, ${events} events in ${seedSeconds.toFixed(1)} s ` +
      `(${(events / seedSeconds).toFixed(0)} events/s simulated, sealed and written), RSS ${mb()} MB`,
  );

  const store = new DynamoEventStore({
    client: dynamo.client,
    tables,
    catalog,
    personalData: keyringOf(dynamo.client, tables.personalDataKeys, keys, () => new Date()),
  });
  const models = new DynamoReadModels(dynamo.client, tables);
  const project = createStreamProjector({
    store,
    readModels: models,
    now: () => new Date(`${asOf}T22:00:00.000Z`),
    log: quietLog,
  });
  const done = await rebuild({ store, project, las: sizes.map((s) => s.code), concurrency: 8 });
  console.log(
    `Rebuilt ${done.streams} streams, ${done.events} events in ${(done.elapsedMs / 1000).toFixed(1)} s: ` +
      `${done.streamsPerSecond.toFixed(0)} rows/s, ${done.eventsPerSecond.toFixed(0)} events/s, RSS ${mb()} MB`,
  );

  t = performance.now();
  const reports = [];
  for await (const { la, children, volunteers } of models.rowsByLa(sizes.map((s) => s.code)))
    reports.push(returnEntryOf(children, volunteers, la, period));
  const national = nationalReturn(reports, period, asOf);
  console.log(
    `Reports for ${reports.length} LAs and the national return in ${(performance.now() - t).toFixed(0)} ms`,
  );
  const oneLa = (reports.find((r) => r.report.la === values.la) ?? reports[0]!).report.la;
  const one = laReport(
    await models.childRowsOfLa(oneLa),
    await models.volunteerRowsOfLa(oneLa),
    oneLa,
    period,
    asOf,
  );
  writeFileSync('.local/la-report.json', JSON.stringify(one, null, 2));
  writeFileSync('.local/la-report.csv', laReportCsv(one));
  writeFileSync('.local/national-return.csv', nationalReturnCsv(national));
  writeFileSync('.local/national-return.json', JSON.stringify(national, null, 2));
  console.log(
    `Wrote .local/la-report.{json,csv} (${one.la} ${one.name}) and .local/national-return.{json,csv}`,
  );
} finally {
  clearInterval(sample);
  console.log(`Peak RSS ${Math.max(peak, mb())} MB`);
  await dynamo.stop();
}
