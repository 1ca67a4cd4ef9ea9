import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { DynamoAccessLog } from '../../../adapters/dynamodb/access-log';
import { DynamoStoredEventReader } from '../../../adapters/dynamodb/stored-events';
import { FileAnchorStore } from '../../../adapters/files/anchor-store';
import { writeExport } from '../../../adapters/files/export-files';
import type { Evolver } from '../../../application/audit/as-of';
import { AuditForbiddenError, AuditService } from '../../../application/audit/service';
import { RecordNotFound } from '../../../application/errors';
import type { StoredEventReader } from '../../../application/ports/stored-events';
import type { Actor } from '../../../events/envelope';
import { verifyChain } from '../../../events/hash';
import { putRaw, rawItem, streamOf } from '../../support/audit';
import { coordinator, localClient, TEST_LA, testKeyring } from '../../support/store';
import { testCatalog } from '../../support/test-catalog';
import { tallyDecider } from '../../support/test-decider';

const auditor: Actor = { id: 'user-auditor-3', role: 'auditor', la: TEST_LA };

/** A client that notes every call it makes, so a test can say which tables were written. */
function recordingClient() {
  const client = localClient();
  const calls: Array<{ command: string; table?: string }> = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push({
        command: context.commandName as string,
        table: (args.input as { TableName?: string }).TableName,
      });
      return next(args);
    },
    { step: 'initialize' },
  );
  return { client, calls };
}

/** An LA of its own for a test that looks across every record of an LA. */
let laCounter = 0;
const freshLa = () => `E0${String(Date.now() % 1e6).padStart(6, '0')}${String(laCounter++ % 10)}`;

function service(client = localClient()) {
  const tables = inject('tables');
  return new AuditService({
    reader: new DynamoStoredEventReader(client, tables.events),
    catalog: testCatalog,
    accessLog: new DynamoAccessLog({ client, table: tables.accessLog }),
    evolvers: { child: tallyDecider as Evolver<unknown> },
    personalData: testKeyring({ client }),
  });
}

const notes = (i: number) =>
  i === 1
    ? { type: 'NoteRecorded', data: { text: '<script>alert("x")</script> & more', pages: 2 } }
    : { type: 'CounterIncremented', data: { by: i + 1 } };

describe('the audit service', () => {
  it('records every view made through the UI and the API in the access log, with what was seen', async () => {
    const audit = service();
    const streamId = await streamOf(4, { event: notes });
    await audit.history(auditor, 'ui', streamId, { limit: 2 });
    await audit.asOf(auditor, 'api', streamId, { version: 2 });
    await audit.diff(auditor, 'ui', streamId, { version: 1 }, { version: 4 });
    const views = await audit.views(auditor, 'api', streamId);
    expect(views.views.map((v) => [v.viewer.id, v.channel, v.what])).toEqual([
      [auditor.id, 'ui', 'the full history, versions 1 to 2'],
      [auditor.id, 'api', 'the record as it stood at version 2'],
      [auditor.id, 'ui', 'what changed between version 1 and version 4'],
    ]);
    const after = await audit.views(auditor, 'cli', streamId);
    expect(after.views.at(-1)).toMatchObject({ what: 'who viewed the record', channel: 'api' });
    expect(after.verification.intact).toBe(true);
  });

  it('filters who viewed a record by person and by day, and shows what one person viewed across the LA', async () => {
    const la = freshLa();
    const mine = { ...auditor, la };
    const other: Actor = { id: 'user-auditor-9', role: 'auditor', la };
    // Each view a second after the one before, on the day set.
    let day = '2026-11-16';
    let tick = 0;
    const now = () => new Date(Date.parse(`${day}T10:00:00Z`) + 1000 * tick++);
    const audit = new AuditService({
      reader: new DynamoStoredEventReader(localClient(), inject('tables').events),
      catalog: testCatalog,
      accessLog: new DynamoAccessLog({ client: localClient(), table: inject('tables').accessLog, now }),
      evolvers: { child: tallyDecider as Evolver<unknown> },
    });
    const [a, b] = [await streamOf(2, { la }), await streamOf(2, { la })];
    await audit.history(mine, 'ui', a);
    day = '2026-11-17';
    await audit.history(other, 'ui', a);
    await audit.asOf(mine, 'api', b, { version: 1 });
    const byDay = await audit.viewsFiltered(mine, 'ui', a, { from: '2026-11-17', to: '2026-11-17' });
    expect(byDay.views.map((v) => v.viewer.id)).toEqual([other.id]);
    expect(byDay.viewers).toEqual([mine.id, other.id].sort());
    const byPerson = await audit.viewsFiltered(mine, 'ui', a, { viewerId: mine.id });
    expect(byPerson.views.map((v) => v.what)).toEqual([
      'the full history, versions 1 to 2',
      'who viewed the record',
    ]);
    const person = await audit.viewedBy(mine, mine.id);
    // Newest first, across both records (the filtered look at the access log above counts too).
    expect(person.views.map((v) => [v.recordId, v.what])).toEqual([
      [a, 'who viewed the record'],
      [a, 'who viewed the record'],
      [b, 'the record as it stood at version 1'],
      [a, 'the full history, versions 1 to 2'],
    ]);
    expect((await audit.viewedBy(mine, mine.id, { from: '2026-11-17' })).views).toHaveLength(3);
  });

  it('verifies every record of an LA in batches, with the total and the first broken version of each', async () => {
    const la = freshLa();
    const mine = { ...auditor, la };
    const audit = service();
    const streams = [];
    for (let i = 0; i < 5; i++) streams.push(await streamOf(3, { la }));
    const tampered = streams.sort()[3]!;
    const item = await rawItem(tampered, 2);
    await putRaw({ ...item, metadata: { ...(item.metadata as object), reason: 'changed afterwards' } });
    const first = await audit.verifyBatch(mine, { limit: 2 });
    expect([first.checked, first.total, first.next]).toEqual([2, 5, streams[1]]);
    const second = await audit.verifyBatch(mine, { after: first.next, limit: 2 });
    expect([second.checked, second.total, second.next]).toEqual([2, undefined, streams[3]]);
    expect(second.broken.map((b) => [b.streamId, b.firstBroken?.version, b.firstBroken?.problem])).toEqual([
      [tampered, 2, 'hash-mismatch'],
    ]);
    const last = await audit.verifyBatch(mine, { after: second.next, limit: 2 });
    expect([last.checked, last.next, last.events]).toEqual([1, undefined, 3]);
  });

  it('shows the record as it stood at a moment, and what changed since in sentences', async () => {
    const audit = service();
    const streamId = await streamOf(3);
    const since = await audit.since(auditor, 'ui', streamId, { version: 1 });
    expect(since.then.version).toBe(1);
    expect(since.now.version).toBe(3);
    expect(since.changes.map((c) => [c.version, c.text])).toEqual([
      [2, 'Counter incremented'],
      [3, 'Counter incremented'],
    ]);
    const views = await audit.views(auditor, 'ui', streamId);
    expect(views.views.at(-1)?.what).toBe('the record as it stood at version 1, and what has changed since');
  });

  it("refuses other roles, and answers another LA's auditor as if the record were not there, logging nothing", async () => {
    const audit = service();
    const streamId = await streamOf(2);
    await expect(audit.history(coordinator, 'ui', streamId)).rejects.toThrow(AuditForbiddenError);
    const elsewhere = { ...auditor, la: 'W06000001' };
    await expect(audit.asOf(elsewhere, 'api', streamId, { version: 1 })).rejects.toThrow(RecordNotFound);
    await expect(audit.history(elsewhere, 'api', streamId)).rejects.toThrow(RecordNotFound);
    await expect(audit.views(elsewhere, 'api', streamId)).rejects.toThrow(RecordNotFound);
    await expect(audit.export(elsewhere, 'api', streamId)).rejects.toThrow(RecordNotFound);
    expect((await audit.views(auditor, 'ui', streamId)).views).toEqual([]);
  });

  it('lets an auditor change nothing: every audit operation only reads the events, and only adds to the access log', async () => {
    const { client, calls } = recordingClient();
    const anchors = new FileAnchorStore(await mkdtemp(join(tmpdir(), 'anchors-')));
    const streamId = await streamOf(3, { event: notes });
    const tables = inject('tables');
    const reader = new DynamoStoredEventReader(client, tables.events);
    const before = JSON.stringify(await collect(reader, streamId));
    const audit = new AuditService({
      reader,
      catalog: testCatalog,
      accessLog: new DynamoAccessLog({ client, table: tables.accessLog }),
      anchors,
      evolvers: { child: tallyDecider as Evolver<unknown> },
      personalData: testKeyring({ client }),
    });

    await audit.history(auditor, 'ui', streamId);
    await audit.asOf(auditor, 'ui', streamId, { at: new Date().toISOString() });
    await audit.diff(auditor, 'ui', streamId, { version: 1 }, { version: 3 });
    await audit.export(auditor, 'ui', streamId);
    await audit.views(auditor, 'ui', streamId);
    await audit.verify(streamId);
    await audit.since(auditor, 'ui', streamId, { version: 1 });
    await audit.viewsFiltered(auditor, 'ui', streamId, { viewerId: auditor.id });
    await audit.viewedBy(auditor, auditor.id);
    await audit.verifyBatch(auditor, { limit: 5 });

    const writes = calls.filter(
      (c) => !['QueryCommand', 'ScanCommand', 'GetItemCommand'].includes(c.command),
    );
    expect(new Set(writes.map((w) => `${w.command} ${w.table}`))).toEqual(
      new Set([`PutItemCommand ${tables.accessLog}`]),
    );
    expect(calls.some((c) => c.table === tables.events)).toBe(true);
    expect(JSON.stringify(await collect(reader, streamId))).toBe(before);
    // The service offers no operation that writes an event.
    const operations = Object.getOwnPropertyNames(AuditService.prototype).filter((n) => n !== 'constructor');
    expect(operations.filter((n) => /append|record(?!View)|write|put|update|delete/i.test(n))).toEqual([]);
    await rm((anchors as unknown as { folder: string }).folder, { recursive: true, force: true });
  });

  it('exports a bundle an auditor can keep: the stored events, the verification, and a safe readable document', async () => {
    const audit = service();
    const streamId = await streamOf(3, { event: notes });
    const files = await audit.export(auditor, 'ui', streamId);
    const dir = await mkdtemp(join(tmpdir(), 'export-'));
    try {
      const paths = await writeExport(files, dir);
      const bundle = JSON.parse(await readFile(paths.json, 'utf8'));
      expect(bundle).toMatchObject({
        format: 'iv-audit-export/1',
        streamId,
        la: TEST_LA,
        exportedBy: auditor,
        verification: { intact: true, events: 3 },
        state: { total: 4, notes: [{ text: '<script>alert("x")</script> & more', pages: 2 }] },
      });
      // Anyone can recompute the chain from the JSON alone.
      expect(verifyChain(bundle.events)).toBeUndefined();
      expect(bundle.upcast.map((u: { version: number }) => u.version)).toEqual([1, 2, 3]);

      const html = await readFile(paths.html, 'utf8');
      expect(html).not.toContain('<script>');
      // Shown as JSON text, every character escaped.
      expect(html).toContain('&lt;script&gt;alert(\\&quot;x\\&quot;)&lt;/script&gt; &amp; more');
      expect(html).toContain(files.jsonSha256);
      // A document a person reads: the verdict, each event's name in words, times in London time, no ISO stamps.
      expect(html).toMatch(/Intact: none of the 3 events has been altered/);
      expect(html).toContain('<h3>2. Note recorded</h3>');
      expect(html).toContain(`Auditor (${auditor.id})`);
      expect(html).toContain('step 2');
      expect(html.replace(/<details>[\s\S]*?<\/details>/g, '')).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

async function collect(reader: StoredEventReader, streamId: string) {
  const items = [];
  for await (const item of reader.items(streamId)) items.push(item);
  return items;
}
