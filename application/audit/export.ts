import { createHash } from 'node:crypto';
import type { EventCatalog } from '../../events/catalog';
import type { Actor, StoredEvent } from '../../events/envelope';
import type { StoredEventReader } from '../ports/stored-events';
import type { Anchor } from './anchor';
import { toPlain } from './diff';
import { type HistoryEntry, readsDifferently, toEntry } from './history';
import { anchoredHeadOf, ChainChecker, type StreamVerification } from './verify';

export const EXPORT_FORMAT = 'iv-audit-export/1';

/** What an auditor keeps: every event exactly as stored, how each reads today, and whether the chain held. */
export interface ExportBundle {
  format: typeof EXPORT_FORMAT;
  streamId: string;
  la?: string;
  exportedAt: string;
  exportedBy: Actor;
  verification: StreamVerification;
  /**
   * The stored events, field for field (personal fields sealed, as hashed): enough to recompute every hash with the
   * canonical JSON rule. The readable form of each is in `upcast`.
   */
  events: StoredEvent[];
  /** Each event lifted to the current schema version (or why it cannot be), by version. */
  upcast: Array<{ version: number } & HistoryEntry['upcast']>;
  /** The replayed current state, when a decider for the stream's kind was given. */
  state?: unknown;
}

export interface ExportFiles {
  bundle: ExportBundle;
  json: string;
  html: string;
  /** SHA-256 of the JSON file, printed in the HTML document so the two can be matched. */
  jsonSha256: string;
}

export async function buildExport(options: {
  reader: StoredEventReader;
  catalog: EventCatalog;
  streamId: string;
  exportedBy: Actor;
  now: Date;
  anchor?: Anchor;
  /** The stream's current state, replayed, for the document; omitted when no decider fits. */
  state?: unknown;
}): Promise<ExportFiles> {
  const { reader, catalog, streamId } = options;
  const checker = new ChainChecker(streamId, anchoredHeadOf(options.anchor, streamId));
  const events: StoredEvent[] = [];
  const entries: HistoryEntry[] = [];
  for await (const item of reader.items(streamId)) {
    const chain = checker.check(item);
    events.push(item.event);
    entries.push(toEntry(item, chain, catalog));
  }
  const bundle: ExportBundle = {
    format: EXPORT_FORMAT,
    streamId,
    la: events[0]?.la,
    exportedAt: options.now.toISOString(),
    exportedBy: options.exportedBy,
    verification: checker.result(),
    events,
    upcast: entries.map((e) => ({ version: e.version, ...e.upcast })),
  };
  if (options.state !== undefined) bundle.state = toPlain(options.state);
  const json = `${JSON.stringify(bundle, null, 2)}\n`;
  const jsonSha256 = createHash('sha256').update(json).digest('hex');
  return { bundle, json, html: renderHtml(bundle, entries, jsonSha256), jsonSha256 };
}

/** Every piece of text goes through this: stored data is untrusted, and must never become markup. */
export const escapeHtml = (value: unknown): string =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const pre = (value: unknown) => `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
const row = (label: string, value: unknown) =>
  value === undefined || value === ''
    ? ''
    : `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;

const CHAIN_WORDS: Record<HistoryEntry['chain'], string> = {
  intact: 'Intact',
  broken: 'BROKEN: this is the first version that fails verification',
  'after-break': 'Not verifiable: comes after a broken version',
};

function renderHtml(bundle: ExportBundle, entries: HistoryEntry[], jsonSha256: string): string {
  const v = bundle.verification;
  const verdict = v.intact
    ? `Intact: all ${v.events} events verify${v.anchored ? `, and match the head anchored at ${v.anchored.anchoredAt}` : ''}.`
    : `NOT INTACT: first broken version ${v.firstBroken?.version} (${v.firstBroken?.problem}): ${v.firstBroken?.detail}.`;
  const timeline = entries
    .map((e) => {
      const storedDiffers = readsDifferently(e);
      return `<section class="event${e.chain === 'intact' ? '' : ' bad'}" id="v${e.version}">
<h3>Version ${escapeHtml(e.version)}: ${escapeHtml(e.type)}</h3>
<table>
${row('Happened', e.occurredAt)}
${row('Recorded', e.recordedAt)}
${row('By', e.actor ? `${e.actor.id} (${e.actor.role}, ${e.actor.la})` : 'unknown')}
${row('Reason', e.reason)}
${row('Correlation id', e.correlationId)}
${row('Caused by', e.causationId)}
${row('Command id', e.commandId)}
${row('Event id', e.eventId)}
${row('Schema version', storedDiffers && !('error' in e.upcast) ? `${e.stored.schemaVersion} as stored, ${e.upcast.schemaVersion} as read today` : e.stored.schemaVersion)}
${row('Chain', CHAIN_WORDS[e.chain])}
${row('Previous hash', e.prevHash)}
${row('Hash', e.hash)}
</table>
<h4>Data as stored</h4>
${pre(e.stored.data)}
${storedDiffers ? `<h4>${'error' in e.upcast ? 'Cannot be read today' : 'Data as read today (opened, upcast)'}</h4>${'error' in e.upcast ? `<p>${escapeHtml(e.upcast.error)}</p>` : pre(e.upcast.data)}` : ''}
</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Audit export: ${escapeHtml(bundle.streamId)}</title>
<style>
body{font-family:system-ui,Arial,sans-serif;margin:2rem;max-width:60rem;color:#0b0c0c;line-height:1.4}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:2px solid #0b0c0c}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.2rem .5rem;border-bottom:1px solid #b1b4b6}
th{width:12rem}td{word-break:break-all}pre{background:#f3f2f1;padding:.6rem;overflow-x:auto;white-space:pre-wrap}
.event{border-left:4px solid #00703c;padding-left:1rem;margin:1.5rem 0;break-inside:avoid}.bad{border-color:#d4351c}
.verdict{padding:.8rem;border:3px solid ${v.intact ? '#00703c' : '#d4351c'};font-weight:bold}
</style>
</head>
<body>
<h1>Audit export: ${escapeHtml(bundle.streamId)}</h1>
<p class="verdict">${escapeHtml(verdict)}</p>
<table>
${row('Record', bundle.streamId)}
${row('Local authority', bundle.la)}
${row('Events', bundle.events.length)}
${row('Exported at', bundle.exportedAt)}
${row('Exported by', `${bundle.exportedBy.id} (${bundle.exportedBy.role})`)}
${row('Verified at', bundle.exportedAt)}
${row('Anchor compared', v.anchored ? `version ${v.anchored.version}, anchored at ${v.anchored.anchoredAt}` : 'none')}
${row('SHA-256 of the JSON file', jsonSha256)}
</table>
<p>The JSON file holds every event exactly as stored. Each event's hash is SHA-256 over the canonical JSON (keys
sorted, no whitespace) of its streamId, version, la, type, schemaVersion, data, metadata and prevHash; each prevHash is
the hash of the version before it (64 zeros before version 1). Anyone can recompute the chain from the JSON alone.</p>
${bundle.state === undefined ? '' : `<h2>The record as it stands (replayed)</h2>${pre(bundle.state)}`}
<h2>Full history, oldest first</h2>
${timeline}
</body>
</html>
`;
}
