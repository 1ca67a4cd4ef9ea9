import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoEventStore } from '../adapters/dynamodb/event-store';
import {
  previewInWords,
  resultInWords,
  reasonText as ssda903Text,
  summaryOf,
} from '../adapters/web/i18n/ssda903-import';
import { factsText, reasonText, whereText } from '../adapters/web/i18n/volunteer-import';
import {
  type ImportResult,
  inWords,
  ivStatusExport,
  type Preview,
  parseDistricts,
  previewImport,
  previewVolunteerImport,
  type Refusal,
  runImport,
  runVolunteerImport,
  type UploadedFile,
  type VolunteerImportPreview,
  type VolunteerImportResult,
} from '../application/import';
import { SYNTHETIC_DISTRICTS, syntheticExtract } from '../application/import/ssda903/synthetic';
import { londonDateOf } from '../domain/calendar';
import { defaultPolicyFor } from '../domain/policy';
import { catalog } from '../events/contracts';
import { Actor, LaCode } from '../events/envelope';
import { connect, UsageError } from './audit-connection';

const USAGE = `Import children from a local authority's case system, and export their IV status back to it;
import volunteers from a spreadsheet.

  npm run import -- ssda903 <folder> --la <code> --as <your user id> [--dry-run]
  npm run import -- volunteers <file.csv> --la <code> --as <your user id> [--dry-run]
  npm run import -- iv-status --la <code> [--out <file.csv>]
  npm run import -- synthetic <folder> --la <code> [--children 200] [--seed demo]

ssda903     reads the Header, Episodes and Reviews CSV files in <folder> (each recognised by its columns),
            previews what would be recorded child by child with every refused row, then records it.
            With --dry-run it writes nothing. Only new facts are added: importing the same extract again,
            or next month's, never repeats or rewrites what is recorded.
volunteers  reads the volunteers CSV file (the template's columns: /imports/volunteers/template.csv),
            previews what would be recorded volunteer by volunteer with every refused row, then records
            it. With --dry-run it writes nothing. Importing the same file again adds only what is new.
iv-status   each imported child's Independent Visitor status, keyed by the case system's CHILD id (CSV).
synthetic   writes a made-up SSDA903 extract of generated children (never real data) to <folder>,
            for trying the import; its postcode districts are ${SYNTHETIC_DISTRICTS.join(' ')}.

Options
  --la <code>          the local authority (ONS code): the children are recorded in it
  --as <id>            who is importing (recorded as the actor of every event); --role coordinator|admin
  --districts <list>   your area's postcode districts, such as "LS1 LS2 LS6"; without them in or out of
                       area is recorded as not known (or --districts-file <file>, one or more per line)
  --json               the preview (and result) as JSON
  --endpoint <url>     a DynamoDB Local endpoint; by default the running npm start, or the .local/ data
  --events-table <t> --commands-table <t> [--region <r>]: the tables in AWS (default credentials)

Exit code: 0 done, 1 some rows were refused or differ from the record, 2 nothing could be imported.`;

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    la: { type: 'string' },
    as: { type: 'string' },
    role: { type: 'string', default: 'coordinator' },
    districts: { type: 'string' },
    'districts-file': { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    out: { type: 'string' },
    children: { type: 'string', default: '200' },
    seed: { type: 'string', default: 'demo' },
    endpoint: { type: 'string' },
    region: { type: 'string' },
    'events-table': { type: 'string' },
    'commands-table': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const out = (text = '') => process.stdout.write(`${text}\n`);

function la(): string {
  const parsed = LaCode.safeParse(opts.la);
  if (!parsed.success)
    throw new UsageError('give the local authority with --la <ONS code>, such as E09999001');
  return parsed.data;
}

/** A plain-text table: columns as wide as their widest cell. */
function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const where = (r: Pick<Refusal, 'file' | 'row' | 'field'>) => [r.file, r.row ?? '', r.field ?? ''];

function printPreview(preview: Preview): void {
  if (preview.fileProblems.length > 0) {
    out('Nothing can be imported:');
    for (const p of preview.fileProblems) out(`  ${p.file}: ${ssda903Text(p.reason)}`);
    return;
  }
  const t = preview.totals;
  out(`Extract SHA-256 ${preview.sha256}`);
  for (const f of preview.files)
    out(`  ${f.table} ${f.name}: ${f.rows} rows${f.encoding === 'windows-1252' ? ' (Windows-1252)' : ''}`);
  for (const note of preview.notes) out(`Note: ${ssda903Text(note)}`);
  out(
    `\n${t.children} children: ${t.new} new, ${t.additions} with something new, ${t.unchanged} with nothing new, ${t.refused} not imported; ${t.facts} facts to record.`,
  );
  out(
    `\n${table(
      ['CHILD', 'Outcome', 'To record'],
      preview.children.map((c) => [c.child, c.outcome, summaryOf(c)]),
    )}`,
  );
  if (preview.refusals.length > 0) {
    out(`\nRows that cannot be imported (${preview.refusals.length}):`);
    out(
      table(
        ['File', 'Row', 'Field', 'CHILD', 'Reason'],
        preview.refusals.map((r) => [...where(r), r.child ?? '', ssda903Text(r.reason)].map(String)),
      ),
    );
  }
  const conflicts = preview.children.flatMap((c) => c.conflicts.map((x) => ({ child: c.child, ...x })));
  if (conflicts.length > 0) {
    out(`\nDifferences from the record, not changed (${conflicts.length}):`);
    out(
      table(
        ['CHILD', 'File', 'Row', 'Field', 'Difference'],
        conflicts.map((c) =>
          [c.child, ...(c.source ? where(c.source) : ['', '', '']), ssda903Text(c.reason)].map(String),
        ),
      ),
    );
  }
}

/** Who is importing: recorded as the actor of every event; a coordinator or an admin. */
function importer() {
  if (!opts.as)
    throw new UsageError('say who is importing with --as <your user id>: it is recorded on every event');
  const actor = Actor.safeParse({ id: opts.as, role: opts.role, la: la() });
  if (!actor.success || !['coordinator', 'admin'].includes(actor.data.role))
    throw new UsageError('--as takes your user id, and --role coordinator or admin');
  return actor.data;
}

function printVolunteerPreview(preview: VolunteerImportPreview): void {
  if (preview.fileProblems.length > 0) {
    out('Nothing can be imported:');
    for (const p of preview.fileProblems) out(`  ${reasonText(p.reason)}`);
    return;
  }
  const t = preview.totals;
  out(`File SHA-256 ${preview.sha256}`);
  out(`  ${preview.file.name}: ${preview.file.rows} rows`);
  for (const note of preview.notes) out(`Note: ${reasonText(note)}`);
  out(
    `\n${t.volunteers} volunteers: ${t.new} new, ${t.additions} with something new, ${t.unchanged} with nothing new, ${t.refused} not imported; ${t.facts} facts to record.`,
  );
  out(
    `\n${table(
      ['VOLUNTEER_REF', 'Name', 'Outcome', 'To record'],
      preview.volunteers.map((v) => [v.ref, v.name ?? '', v.outcome, factsText(v)]),
    )}`,
  );
  if (preview.refusals.length > 0) {
    out(`\nRows that cannot be imported (${preview.refusals.length}):`);
    out(
      table(
        ['Row', 'Field', 'VOLUNTEER_REF', 'Reason'],
        preview.refusals.map((r) => [
          String(r.row ?? ''),
          r.field ?? '',
          r.volunteer ?? '',
          reasonText(r.reason),
        ]),
      ),
    );
  }
  const conflicts = preview.volunteers.flatMap((v) => v.conflicts.map((c) => ({ ref: v.ref, ...c })));
  if (conflicts.length > 0) {
    out(`\nDifferences from the record, not changed (${conflicts.length}):`);
    out(
      table(
        ['VOLUNTEER_REF', 'Where', 'Difference'],
        conflicts.map((c) => [c.ref, c.source ? whereText(c.source) : '', reasonText(c.reason)]),
      ),
    );
  }
}

/** The CSV files of a folder; files over 50 MB are still handed on, so the refusal says so the one way. */
function filesIn(folder: string): UploadedFile[] {
  let names: string[];
  try {
    names = readdirSync(folder).filter((n) => n.toLowerCase().endsWith('.csv'));
  } catch {
    throw new UsageError(`cannot read the folder ${folder}`);
  }
  if (names.length === 0) throw new UsageError(`there are no .csv files in ${folder}`);
  return names.sort().map((name) => {
    const path = join(folder, name);
    if (!statSync(path).isFile()) throw new UsageError(`${path} is not a file`);
    return { name, bytes: readFileSync(path) };
  });
}

function districts() {
  const text = [
    opts.districts ?? '',
    opts['districts-file'] ? readFileSync(opts['districts-file'], 'utf8') : '',
  ].join(' ');
  const parsed = parseDistricts(text);
  if (parsed.invalid.length > 0)
    throw new UsageError(
      `${parsed.invalid.join(', ')}: each district must be a postcode district, such as LS6`,
    );
  return parsed.districts;
}

/** AWS when the tables are named (default credentials), else DynamoDB Local: an endpoint, or the local system. */
async function connectTo() {
  const events = opts['events-table'];
  if (!events) return connect({ local: !opts.endpoint, endpoint: opts.endpoint });
  const region = opts.region ?? process.env.AWS_REGION ?? 'eu-west-2';
  const client = new DynamoDBClient({ region });
  return {
    client,
    tables: { events, commands: opts['commands-table'] ?? process.env.COMMANDS_TABLE },
    where: `AWS ${region}, table ${events}`,
    close: async () => client.destroy(),
  };
}

async function run(command: string | undefined, args: string[]): Promise<number> {
  if (command === 'synthetic') {
    const folder = args[0];
    if (!folder) throw new UsageError('name the folder to write the extract to');
    const children = Number(opts.children);
    if (!Number.isInteger(children) || children < 1)
      throw new UsageError('--children must be a whole number');
    const extract = syntheticExtract(la(), { children, seed: opts.seed!, asOf: londonDateOf(new Date()) });
    mkdirSync(folder, { recursive: true });
    for (const [table, text] of Object.entries(extract.files))
      writeFileSync(join(folder, `${table.toLowerCase()}.csv`), text);
    out(
      `Wrote a made-up extract of ${extract.children.length} children to ${folder} (districts ${SYNTHETIC_DISTRICTS.join(' ')}).`,
    );
    return 0;
  }
  if (command !== 'ssda903' && command !== 'iv-status' && command !== 'volunteers')
    throw new UsageError(command ? `unknown command "${command}"` : 'name a command');

  const connection = await connectTo();
  try {
    process.stderr.write(`(${connection.where})\n`);
    const commands = connection.tables.commands;
    const deps = {
      store: new DynamoEventStore({
        client: connection.client,
        tables: { events: connection.tables.events, commands: commands ?? '' },
        catalog,
      }),
      now: () => new Date(),
      policies: defaultPolicyFor,
    };
    if (command === 'iv-status') {
      const { csv, rows } = await ivStatusExport(deps, la());
      if (opts.out) {
        writeFileSync(opts.out, csv);
        out(`Wrote the IV status of ${rows.length} imported children to ${opts.out}.`);
      } else process.stdout.write(csv);
      return 0;
    }

    if (command === 'volunteers') {
      const path = args[0];
      if (!path) throw new UsageError('name the volunteers CSV file');
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(path);
      } catch {
        throw new UsageError(`cannot read the file ${path}`);
      }
      const request = { la: la(), file: { name: basename(path), bytes }, actor: importer() };
      const preview = await previewVolunteerImport(deps, request);
      let result: VolunteerImportResult | undefined;
      if (!opts['dry-run'] && preview.fileProblems.length === 0) {
        if (!commands)
          throw new UsageError('to write, say where the commands table is: --commands-table <name>');
        result = await runVolunteerImport(deps, request, { planDigest: preview.planDigest });
      }
      if (opts.json) out(JSON.stringify(result ?? preview, null, 2));
      else {
        printVolunteerPreview(preview);
        if (opts['dry-run']) out('\nDry run: nothing was written.');
        else if (result) {
          out(
            `\nRecorded ${result.written.events} facts for ${result.written.volunteers} volunteers on ${inWords(londonDateOf(new Date()))}, as ${request.actor.id}.`,
          );
          for (const f of result.failed) out(`  Not written: ${f.ref}: ${reasonText(f.reason)}`);
        }
      }
      if (preview.fileProblems.length > 0) return 2;
      return preview.refusals.length > 0 || preview.totals.conflicts > 0 || (result?.failed.length ?? 0) > 0
        ? 1
        : 0;
    }

    const folder = args[0];
    if (!folder) throw new UsageError('name the folder that holds the extract’s CSV files');
    const request = { la: la(), files: filesIn(folder), districts: districts(), actor: importer() };

    const preview = await previewImport(deps, request);
    let result: ImportResult | undefined;
    if (!opts['dry-run'] && preview.fileProblems.length === 0) {
      if (!commands)
        throw new UsageError('to write, say where the commands table is: --commands-table <name>');
      result = await runImport(deps, request, { planDigest: preview.planDigest });
    }
    if (opts.json) out(JSON.stringify(result ? resultInWords(result) : previewInWords(preview), null, 2));
    else {
      printPreview(preview);
      if (opts['dry-run']) out('\nDry run: nothing was written.');
      else if (result) {
        out(
          `\nRecorded ${result.written.events} facts for ${result.written.children} children on ${inWords(londonDateOf(new Date()))}, as ${request.actor.id}.`,
        );
        for (const f of result.failed) out(`  Not written: ${f.child}: ${ssda903Text(f.reason)}`);
      }
    }
    if (preview.fileProblems.length > 0) return 2;
    return preview.refusals.length > 0 || preview.totals.conflicts > 0 || (result?.failed.length ?? 0) > 0
      ? 1
      : 0;
  } finally {
    await connection.close();
  }
}

async function main(): Promise<number> {
  if (opts.help || positionals.length === 0) {
    out(USAGE);
    return opts.help ? 0 : 2;
  }
  try {
    return await run(positionals[0], positionals.slice(1));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\nRun npm run import -- --help for the commands.`);
      return 2;
    }
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    return 2;
  }
}

process.exitCode = await main();
