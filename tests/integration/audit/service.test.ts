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
import type { StoredEventReader } from '../../../application/ports/stored-events';
import type { Actor } from '../../../events/envelope';
import { verifyChain } from '../../../events/hash';
import { streamOf } from '../../support/audit';
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
      [auditor.id, 'ui', 'history v1-2'],
      [auditor.id, 'api', 'state as of version 2'],
      [auditor.id, 'ui', 'difference between version 1 and version 4'],
    ]);
    const after = await audit.views(auditor, 'cli', streamId);
    expect(after.views.at(-1)).toMatchObject({ what: 'access log', channel: 'api' });
    expect(after.verification.intact).toBe(true);
  });

  it("refuses other roles and other LAs' auditors, showing and logging nothing", async () => {
    const audit = service();
    const streamId = await streamOf(2);
    await expect(audit.history(coordinator, 'ui', streamId)).rejects.toThrow(AuditForbiddenError);
    await expect(
      audit.asOf({ ...auditor, la: 'W06000001' }, 'api', streamId, { version: 1 }),
    ).rejects.toThrow(/another local authority/);
    await expect(audit.views({ ...auditor, la: 'W06000001' }, 'api', streamId)).rejects.toThrow(
      AuditForbiddenError,
    );
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
      expect(html).toMatch(/Intact: all 3 events verify/);
      expect(html).toContain('Version 2: NoteRecorded');
      expect(html).toContain('step 2');
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
