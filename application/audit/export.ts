import { createHash } from 'node:crypto';
import type { EventCatalog } from '../../events/catalog';
import type { Actor, StoredEvent } from '../../events/envelope';
import { dateTime } from '../dates';
import type { StoredEventReader } from '../ports/stored-events';
import { eventTitle } from '../timeline';
import type { Anchor } from './anchor';
import { toPlain } from './diff';
import { type HistoryEntry, readsDifferently, toEntry } from './history';
import { anchoredHeadOf, BREAK_WORDS, ChainChecker, type StreamVerification } from './verify';
import { who } from './words';

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
const when = (instant: string | undefined) => (instant ? dateTime(instant) : undefined);

const CHAIN_WORDS: Record<HistoryEntry['chain'], string> = {
  intact: 'Intact',
  broken: 'Altered: this is the first version that is not intact',
  'after-break': 'Cannot be trusted: it comes after an altered version',
};

/** The export as a document a person reads: what happened, when, by whom and why, then the stored data. */
function renderHtml(bundle: ExportBundle, entries: HistoryEntry[], jsonSha256: string): string {
  const v = bundle.verification;
  const verdict = v.intact
    ? `Intact: none of the ${v.events} events has been altered${v.anchored ? `, and the newest matches the copy kept outside the table on ${dateTime(v.anchored.anchoredAt)}` : ''}.`
    : `Altered at version ${v.firstBroken?.version}: ${v.firstBroken ? BREAK_WORDS[v.firstBroken.problem] : ''}. Events from there on cannot be trusted.`;
  const timeline = entries
    .map((e) => {
      const storedDiffers = readsDifferently(e);
      return `<section class="event${e.chain === 'intact' ? '' : ' bad'}" id="v${e.version}">
<h3>${escapeHtml(e.version)}. ${escapeHtml(eventTitle(e.type))}</h3>
<table>
${row('Happened', when(e.occurredAt))}
${row('Recorded', when(e.recordedAt))}
${row('By', who(e.actor))}
${row('Reason', e.reason)}
${row('Integrity', CHAIN_WORDS[e.chain])}
</table>
<details><summary>What was stored, and how to check it</summary>
<table class="small">
${row('Stored as', `${e.type}, version ${e.stored.schemaVersion} of its contract${!('error' in e.upcast) && e.upcast.schemaVersion !== e.stored.schemaVersion ? `, read today as version ${e.upcast.schemaVersion}` : ''}`)}
${row('Event id', e.eventId)}
${row('Command id', e.commandId)}
${row('Correlation id', e.correlationId)}
${row('Caused by', e.causationId)}
${row('Previous hash', e.prevHash)}
${row('Hash', e.hash)}
</table>
${pre(e.stored.data)}
${storedDiffers ? `<h4>${'error' in e.upcast ? 'Cannot be read today' : 'As read today (sealed fields opened, older versions upcast)'}</h4>${'error' in e.upcast ? `<p>${escapeHtml(e.upcast.error)}</p>` : pre(e.upcast.data)}` : ''}
</details>
</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Audit export of a record</title>
<style>
body{font-family:system-ui,Arial,sans-serif;margin:2rem;max-width:60rem;color:#0b0c0c;line-height:1.4}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:2px solid #0b0c0c}h3{margin-bottom:.3rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.2rem .5rem;border-bottom:1px solid #b1b4b6}
th{width:12rem}.small td{word-break:break-all;font-size:.85rem}pre{background:#f3f2f1;padding:.6rem;overflow-x:auto;white-space:pre-wrap}
.event{border-left:4px solid #00703c;padding-left:1rem;margin:1.5rem 0;break-inside:avoid}.bad{border-color:#d4351c}
.verdict{padding:.8rem;border:3px solid ${v.intact ? '#00703c' : '#d4351c'};font-weight:bold}
summary{cursor:pointer;color:#1d70b8;margin:.4rem 0}
</style>
</head>
<body>
<h1>Audit export of a record</h1>
<p class="verdict">${escapeHtml(verdict)}</p>
<table>
${row('Record', bundle.streamId)}
${row('Local authority', bundle.la)}
${row('Events', bundle.events.length)}
${row('Exported', dateTime(bundle.exportedAt))}
${row('Exported by', who(bundle.exportedBy))}
${row('Checked against the copy kept outside the table', v.anchored ? `Yes: version ${v.anchored.version}, kept on ${dateTime(v.anchored.anchoredAt)}` : 'No copy was kept yet')}
${row('SHA-256 of the JSON file', jsonSha256)}
</table>
<p>The JSON file holds every event exactly as stored. Each event’s hash is SHA-256 over the canonical JSON (keys
sorted, no whitespace) of its streamId, version, la, type, schemaVersion, data, metadata and prevHash; each prevHash is
the hash of the version before it (64 zeros before version 1). Anyone can recompute the chain from the JSON alone.</p>
${bundle.state === undefined ? '' : `<h2>The record as it stands now</h2><details><summary>The record as replayed from its events</summary>${pre(bundle.state)}</details>`}
<h2>What happened, oldest first</h2>
${timeline}
</body>
</html>
`;
}
