import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoAccessLog } from '../adapters/dynamodb/access-log';
import { DynamoEventStore } from '../adapters/dynamodb/event-store';
import { DynamoStoredEventReader } from '../adapters/dynamodb/stored-events';
import { writeExport } from '../adapters/files/export-files';
import { verifyAllAccessLogs } from '../application/audit/access-chain';
import { anchorHeads } from '../application/audit/anchor';
import type { Moment } from '../application/audit/as-of';
import type { Change } from '../application/audit/diff';
import { type HistoryEntry, readsDifferently } from '../application/audit/history';
import { type AuditPolicy, AuditService } from '../application/audit/service';
import { type StreamVerification, verifyAllStreams } from '../application/audit/verify';
import { SubjectAccessReference, subjectAccessCopy } from '../application/personal-data/subject-access';
import { defaultPolicyFor } from '../domain/policy';
import { catalog } from '../events/contracts';
import { Actor } from '../events/envelope';
import { canonicalJson } from '../events/hash';
import { fromStreamId, StreamId } from '../events/stream-id';
import { type Connection, connect, keyringOf, UsageError } from './audit-connection';
import { reconcileLines, reconcileNow } from './audit-reconcile';

const USAGE = `Auditors' command line: read, replay and verify the records. It never writes an event.

  npm run audit -- <command> [options]

Commands
  history <streamId> [--from N] [--to N]        every event with who, role, when, why, cause; stored and upcast
  as-of <streamId> (--at <time> | --version N)  the record as the system knew it then (a date means end of that day, UTC)
  diff <streamId> <from> <to>                   what changed between two moments (each a version or a time)
  verify [<streamId>]                           check hash chains (one stream, or every stream and access log)
  export <streamId> <outDir>                    write <stream>.json and <stream>.html to keep
  subject-access <streamId> <outDir> --reference <ref>
                                                the person's own copy of their record (UK GDPR Art. 15) as a
                                                printable HTML document; the request and the copy are logged
  views <streamId>                              who viewed the record, when, what and how
  anchor                                        record every stream head now (the scheduled job does this in AWS)
  reconcile                                     check every open obligation has its deadline workflow and every
                                                list row is current; repair what is not (exit code 1 if it had to)

Who you are (recorded in the access log for every view)
  --as <id>            your user id (required to view a record)
  --la <code>          your local authority code (default: national; the record's LA for subject-access)

Where the records are
  --local              the local system: the running npm start, or .local/ data directly
  --endpoint <url>     a DynamoDB Local endpoint (or env DYNAMODB_ENDPOINT)
  --events-table <n>   AWS: the events table (or env EVENTS_TABLE); also --access-log-table / ACCESS_LOG_TABLE
  --anchor-bucket <b>  AWS: the anchor bucket (or env ANCHOR_BUCKET); locally anchors are in .local/anchors
  --region <r>         AWS region (default eu-west-2)
  --personal-data-keys-table <n>, --personal-data-key-arn <arn>
                       AWS: the keys table and the KMS key that open personal fields (or env
                       PERSONAL_DATA_KEYS_TABLE, PERSONAL_DATA_KEY_ARN); locally the key file in .local/

Output
  --json               machine-readable JSON instead of text

Exit code: 0 done, 1 a chain is broken, 2 a usage mistake or an error.`;

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    as: { type: 'string' },
    la: { type: 'string', default: 'national' },
    local: { type: 'boolean' },
    endpoint: { type: 'string' },
    region: { type: 'string' },
    'events-table': { type: 'string' },
    'access-log-table': { type: 'string' },
    'anchors-dir': { type: 'string' },
    'anchor-bucket': { type: 'string' },
    'personal-data-keys-table': { type: 'string' },
    'personal-data-key-arn': { type: 'string' },
    reference: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    at: { type: 'string' },
    version: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

const out = (text = '') => process.stdout.write(`${text}\n`);
const json = (value: unknown) => out(JSON.stringify(value, null, 2));

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} must be a whole number, not "${value}"`);
  return Number(value);
}

/** A version number, an ISO time, or a date (taken as the end of that day, UTC: what was known by then). */
function momentOf(text: string): Moment {
  if (/^\d+$/.test(text)) return { version: Number(text) };
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { at: `${text}T23:59:59.999Z` };
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new UsageError(`"${text}" is neither a version number nor a time`);
  return { at: new Date(at).toISOString() };
}

function streamArg(value: string | undefined): string {
  if (!value) throw new UsageError('name the record: a stream id such as child#<id>');
  const parsed = StreamId.safeParse(value);
  if (!parsed.success) throw new UsageError(`"${value}" is not a stream id such as child#<id>`);
  return value;
}

function viewer(): Actor {
  if (!opts.as) throw new UsageError('say who you are with --as <your user id>: every view is recorded');
  const parsed = Actor.safeParse({ id: opts.as, role: 'auditor', la: opts.la });
  if (!parsed.success)
    throw new UsageError(`--as/--la: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

/** On the command line access to the tables is granted by IAM (or by being on the machine); the role is checked. */
const cliPolicy: AuditPolicy = (who) => (who.role === 'auditor' ? undefined : 'only auditors use this tool');

function chainLine(v: StreamVerification): string {
  const anchored = v.anchored
    ? `; matches the head anchored at ${v.anchored.anchoredAt} (v${v.anchored.version})`
    : '';
  if (v.intact) return `chain INTACT: ${v.events} events, head v${v.head?.version ?? 0}${anchored}`;
  const b = v.firstBroken!;
  return `chain BROKEN at version ${b.version} (${b.problem}): ${b.detail}`;
}

// Keys sorted, so the same data always prints the same way, whatever order the table returned it in.
const compact = (value: unknown) => (value === undefined ? 'undefined' : canonicalJson(value));

function printEntry(e: HistoryEntry): void {
  const upcastDiffers = readsDifferently(e);
  const schema = upcastDiffers
    ? 'error' in e.upcast
      ? `schema ${e.stored.schemaVersion}, UNREADABLE today`
      : `schema ${e.stored.schemaVersion} as stored, ${e.upcast.schemaVersion} as read`
    : `schema ${e.stored.schemaVersion}`;
  const chain =
    e.chain === 'intact' ? '' : e.chain === 'broken' ? '  << FIRST BROKEN VERSION' : '  (after the break)';
  out(`v${e.version}  ${e.type}  [${schema}]${chain}`);
  out(`    happened ${e.occurredAt}   recorded ${e.recordedAt}`);
  out(`    by ${e.actor?.id} (${e.actor?.role}, ${e.actor?.la})${e.reason ? `   reason: ${e.reason}` : ''}`);
  out(`    command ${e.commandId}   correlation ${e.correlationId}   caused by ${e.causationId}`);
  out(`    data${upcastDiffers ? ' as stored' : ''}: ${compact(e.stored.data)}`);
  if (upcastDiffers)
    out(`    data as read:   ${'error' in e.upcast ? e.upcast.error : compact(e.upcast.data)}`);
  out(`    hash ${e.hash.slice(0, 16)}…  previous ${e.prevHash.slice(0, 16)}…`);
}

function printChange(c: Change): void {
  if (c.kind === 'added') out(`  + ${c.path}: ${compact(c.after)}`);
  else if (c.kind === 'removed') out(`  - ${c.path}: ${compact(c.before)}`);
  else out(`  ~ ${c.path}: ${compact(c.before)} -> ${compact(c.after)}`);
}

async function run(connection: Connection): Promise<number> {
  const reader = new DynamoStoredEventReader(connection.client, connection.tables.events);
  const accessLog = new DynamoAccessLog({ client: connection.client, table: connection.tables.accessLog });
  const { tables } = connection;
  // Without the keys (AWS with no key named) personal fields stay sealed: verify still works, on the sealed form.
  const personalData = keyringOf(connection);
  const audit = new AuditService({
    reader,
    catalog,
    accessLog,
    anchors: connection.anchors,
    policy: cliPolicy,
    personalData,
  });
  const [command, ...args] = positionals;

  switch (command) {
    case 'history': {
      const streamId = streamArg(args[0]);
      const who = viewer();
      const entries: HistoryEntry[] = [];
      let cursor: string | undefined;
      let page: Awaited<ReturnType<typeof audit.history>>;
      do {
        page = await audit.history(who, 'cli', streamId, {
          fromVersion: positiveInt(opts.from, '--from'),
          toVersion: positiveInt(opts.to, '--to'),
          limit: 500,
          cursor,
        });
        entries.push(...page.entries);
        cursor = page.nextCursor;
      } while (cursor);
      if (opts.json) json({ ...page, entries, nextCursor: undefined });
      else {
        out(`${streamId}  (LA ${page.la})  ${chainLine(page.verification)}`);
        out();
        for (const entry of entries) printEntry(entry);
      }
      return page.verification.intact ? 0 : 1;
    }
    case 'as-of': {
      const streamId = streamArg(args[0]);
      if ((opts.at === undefined) === (opts.version === undefined))
        throw new UsageError('give exactly one of --at <time or date> and --version <N>');
      const moment =
        opts.at !== undefined ? momentOf(opts.at) : { version: positiveInt(opts.version, '--version')! };
      if ('version' in moment && opts.at !== undefined) throw new UsageError('--at takes a time or a date');
      const result = await audit.asOf(viewer(), 'cli', streamId, moment);
      if (opts.json) json(result);
      else {
        const when = 'at' in moment ? `recorded by ${moment.at}` : `up to version ${moment.version}`;
        out(
          `${streamId} as of ${when}: version ${result.version}${result.recordedAt ? `, recorded ${result.recordedAt}` : ' (nothing recorded yet)'}`,
        );
        out(
          result.trusted
            ? 'Every event folded in verifies.'
            : 'WARNING: this state rests on events that do not verify.',
        );
        out(chainLine(result.verification));
        out();
        out(JSON.stringify(result.state, null, 2));
      }
      return result.verification.intact ? 0 : 1;
    }
    case 'diff': {
      const streamId = streamArg(args[0]);
      if (!args[1] || !args[2]) throw new UsageError('diff needs two moments: versions or times');
      const result = await audit.diff(viewer(), 'cli', streamId, momentOf(args[1]), momentOf(args[2]));
      if (opts.json) json(result);
      else {
        out(
          `${streamId}: from version ${result.from.version} (${result.from.recordedAt ?? 'before any event'}) to version ${result.to.version} (${result.to.recordedAt ?? 'before any event'})`,
        );
        out(chainLine(result.to.verification));
        out(result.changes.length ? `${result.changes.length} changes:` : 'No change.');
        for (const change of result.changes) printChange(change);
      }
      return result.to.verification.intact ? 0 : 1;
    }
    case 'verify': {
      const anchor = await connection.anchors?.latest();
      if (args[0]) {
        const streamId = streamArg(args[0]);
        const result = await audit.verify(streamId);
        const views = await accessLog.verify(streamId, { anchor });
        if (opts.json) json({ stream: result, accessLog: views });
        else {
          out(`${streamId}: ${chainLine(result)}`);
          out(
            `access log: ${views.intact ? `INTACT, ${views.views} views` : `BROKEN at entry ${views.firstBroken?.seq} (${views.firstBroken?.problem})`}`,
          );
          if (!anchor) out('(no anchor found: a deleted newest event cannot be detected without one)');
        }
        return result.intact && views.intact ? 0 : 1;
      }
      const report = await verifyAllStreams(reader, {
        anchor,
        onStream: (r) => {
          if (!r.intact && !opts.json)
            out(
              `BROKEN ${r.streamId} at version ${r.firstBroken?.version} (${r.firstBroken?.problem}): ${r.firstBroken?.detail}`,
            );
        },
      });
      const logs = await verifyAllAccessLogs(accessLog, { anchor });
      if (opts.json) json({ streams: report, accessLogs: logs });
      else {
        for (const b of logs.broken)
          out(
            `BROKEN access log of ${b.recordId} at entry ${b.firstBroken?.seq} (${b.firstBroken?.problem})`,
          );
        out(
          `${report.streams} streams, ${report.events} events: ${report.intact} intact, ${report.broken.length} broken.`,
        );
        out(
          `${logs.records} access logs, ${logs.views} views: ${logs.records - logs.broken.length} intact, ${logs.broken.length} broken.`,
        );
        out(
          anchor
            ? `Compared with the anchor of ${anchor.anchoredAt}.`
            : 'No anchor found: deleted newest events cannot be detected without one.',
        );
      }
      return report.broken.length === 0 && logs.broken.length === 0 ? 0 : 1;
    }
    case 'export': {
      const streamId = streamArg(args[0]);
      if (!args[1]) throw new UsageError('export needs a folder to write to');
      const files = await audit.export(viewer(), 'cli', streamId);
      const paths = await writeExport(files, args[1]);
      if (opts.json)
        json({ ...paths, jsonSha256: files.jsonSha256, verification: files.bundle.verification });
      else {
        out(`Wrote ${paths.json}`);
        out(`      ${paths.html}`);
        out(`SHA-256 of the JSON: ${files.jsonSha256}`);
        out(chainLine(files.bundle.verification));
      }
      return files.bundle.verification.intact ? 0 : 1;
    }
    case 'views': {
      const streamId = streamArg(args[0]);
      const page = await audit.views(viewer(), 'cli', streamId, { limit: 1000 });
      if (opts.json) json(page);
      else {
        out(
          `${streamId}: ${page.views.length} views; access log ${page.verification.intact ? 'INTACT' : `BROKEN at entry ${page.verification.firstBroken?.seq}`}`,
        );
        for (const v of page.views)
          out(
            `  ${v.viewedAt}  ${v.viewer.id} (${v.viewer.role}, ${v.viewer.la})  via ${v.channel}: ${v.what}`,
          );
      }
      return page.verification.intact ? 0 : 1;
    }
    case 'subject-access': {
      const streamId = streamArg(args[0]);
      if (!args[1]) throw new UsageError('subject-access needs a folder to write to');
      const reference = SubjectAccessReference.safeParse(opts.reference);
      if (!reference.success)
        throw new UsageError(`--reference ${reference.error.issues[0]?.message ?? 'is needed'}`);
      if (!personalData)
        throw new UsageError('name the keys: --personal-data-keys-table and --personal-data-key-arn');
      const store = new DynamoEventStore({
        client: connection.client,
        // Only read: the commands table is never touched.
        tables: { events: tables.events, commands: tables.commands ?? '' },
        catalog,
        personalData,
      });
      const { kind, id } = fromStreamId(streamId);
      const copy = await subjectAccessCopy(
        { store, accessLog, policies: defaultPolicyFor, now: () => new Date() },
        viewer(),
        kind,
        id,
        reference.data,
        'cli',
      );
      await mkdir(args[1], { recursive: true });
      const file = join(
        args[1],
        `${streamId.replace('#', '-')}-subject-access-${reference.data.replace(/[^A-Za-z0-9-]/g, '-')}.html`,
      );
      await writeFile(file, copy.html);
      if (opts.json) json({ file, entries: copy.entries, producedAt: copy.producedAt });
      else out(`Wrote ${file} (${copy.entries} entries); the request and the copy are in the access log.`);
      return 0;
    }
    case 'anchor': {
      if (!connection.anchors) throw new UsageError('say where anchors go: --anchor-bucket or --anchors-dir');
      const anchor = await anchorHeads(reader, new Date(), accessLog);
      await connection.anchors.put(anchor);
      if (opts.json) json({ anchoredAt: anchor.anchoredAt, streams: anchor.streams });
      else
        out(
          `Anchored ${anchor.streams} stream heads and ${Object.keys(anchor.accessHeads ?? {}).length} access-log heads at ${anchor.anchoredAt}.`,
        );
      return 0;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'name a command');
  }
}

async function main(): Promise<number> {
  if (opts.help || positionals.length === 0) {
    out(USAGE);
    return opts.help ? 0 : 2;
  }
  let connection: Connection | undefined;
  try {
    if (positionals[0] === 'reconcile') {
      const { report, where } = await reconcileNow(opts);
      if (opts.json) json(report);
      else {
        process.stderr.write(`(${where})\n`);
        for (const line of reconcileLines(report)) out(line);
      }
      return report.repaired === 0 ? 0 : 1;
    }
    connection = await connect(opts);
    if (!opts.json) process.stderr.write(`(${connection.where})\n`);
    return await run(connection);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\nRun npm run audit -- --help for the commands.`);
      return 2;
    }
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    return 2;
  } finally {
    await connection?.close();
  }
}

process.exitCode = await main();
