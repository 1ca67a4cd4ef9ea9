import { createHash } from 'node:crypto';
import type { EventCatalog } from '../../events/catalog';
import type { Actor, StoredEvent } from '../../events/envelope';
import type { StoredEventReader } from '../ports/stored-events';
import { eventTitle } from '../timeline';
import { ENGLISH_WORDS, type Words } from '../words';
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
  /** The document's words: the language of the person exporting (the JSON is the same in every language). */
  words?: Words;
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
  const html = renderHtml(bundle, entries, jsonSha256, options.words ?? ENGLISH_WORDS);
  return { bundle, json, html, jsonSha256 };
}

/** Every piece of text goes through this: stored data is untrusted, and must never become markup. */
export const escapeHtml = (value: unknown): string =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const pre = (value: unknown) => `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;

/**
 * The document's sentences and labels, in English with {{placeholders}}: each is also its key in the web's catalogue
 * of sentences, so a document exported from a Welsh page is in Welsh (application/words.ts).
 */
export const EXPORT_WORDS = {
  title: 'Audit export of a record',
  intact: 'Intact: none of the {{events}} events has been altered{{anchored}}.',
  anchored: ', and the newest matches the copy kept outside the table on {{on}}',
  altered: 'Altered at version {{version}}: {{problem}}. Events from there on cannot be trusted.',
  happened: 'Happened',
  recorded: 'Recorded',
  by: 'By',
  reason: 'Reason',
  integrity: 'Integrity',
  chainIntact: 'Intact',
  chainBroken: 'Altered: this is the first version that is not intact',
  chainAfterBreak: 'Cannot be trusted: it comes after an altered version',
  whatWasStored: 'What was stored, and how to check it',
  storedAs: 'Stored as',
  storedVersion: '{{type}}, version {{stored}} of its contract',
  readToday: ', read today as version {{today}}',
  eventId: 'Event id',
  commandId: 'Command id',
  correlationId: 'Correlation id',
  causedBy: 'Caused by',
  previousHash: 'Previous hash',
  hash: 'Hash',
  cannotBeRead: 'Cannot be read today',
  asReadToday: 'As read today (sealed fields opened, older versions upcast)',
  record: 'Record',
  localAuthority: 'Local authority',
  events: 'Events',
  exported: 'Exported',
  exportedBy: 'Exported by',
  checkedAgainstCopy: 'Checked against the copy kept outside the table',
  copyKept: 'Yes: version {{version}}, kept on {{on}}',
  noCopyYet: 'No copy was kept yet',
  jsonSha256: 'SHA-256 of the JSON file',
  howToCheck:
    'The JSON file holds every event exactly as stored. Each event’s hash is SHA-256 over the canonical JSON (keys sorted, no whitespace) of its streamId, version, la, type, schemaVersion, data, metadata and prevHash; each prevHash is the hash of the version before it (64 zeros before version 1). Anyone can recompute the chain from the JSON alone.',
  recordNow: 'The record as it stands now',
  recordReplayed: 'The record as replayed from its events',
  oldestFirst: 'What happened, oldest first',
} as const;
const X = EXPORT_WORDS;

const CHAIN_WORDS: Record<HistoryEntry['chain'], string> = {
  intact: X.chainIntact,
  broken: X.chainBroken,
  'after-break': X.chainAfterBreak,
};

/** The export as a document a person reads: what happened, when, by whom and why, then the stored data. */
function renderHtml(bundle: ExportBundle, entries: HistoryEntry[], jsonSha256: string, w: Words): string {
  const row = (label: string, value: unknown) =>
    value === undefined || value === ''
      ? ''
      : `<tr><th scope="row">${escapeHtml(w.say(label))}</th><td>${escapeHtml(value)}</td></tr>`;
  const when = (instant: string | undefined) => (instant ? w.dateTime(instant) : undefined);
  const v = bundle.verification;
  const verdict = v.intact
    ? w.say(X.intact, {
        events: v.events,
        anchored: v.anchored ? w.say(X.anchored, { on: w.dateTime(v.anchored.anchoredAt) }) : '',
      })
    : w.say(X.altered, {
        version: v.firstBroken?.version ?? '',
        problem: v.firstBroken ? w.term(BREAK_WORDS[v.firstBroken.problem]) : '',
      });
  const timeline = entries
    .map((e) => {
      const storedDiffers = readsDifferently(e);
      const readToday =
        !('error' in e.upcast) && e.upcast.schemaVersion !== e.stored.schemaVersion
          ? w.say(X.readToday, { today: e.upcast.schemaVersion })
          : '';
      return `<section class="event${e.chain === 'intact' ? '' : ' bad'}" id="v${e.version}">
<h3>${escapeHtml(e.version)}. ${escapeHtml(w.say(eventTitle(e.type)))}</h3>
<table>
${row(X.happened, when(e.occurredAt))}
${row(X.recorded, when(e.recordedAt))}
${row(X.by, who(e.actor, w))}
${row(X.reason, e.reason)}
${row(X.integrity, w.say(CHAIN_WORDS[e.chain]))}
</table>
<details><summary>${escapeHtml(w.say(X.whatWasStored))}</summary>
<table class="small">
${row(X.storedAs, `${w.say(X.storedVersion, { type: e.type, stored: e.stored.schemaVersion })}${readToday}`)}
${row(X.eventId, e.eventId)}
${row(X.commandId, e.commandId)}
${row(X.correlationId, e.correlationId)}
${row(X.causedBy, e.causationId)}
${row(X.previousHash, e.prevHash)}
${row(X.hash, e.hash)}
</table>
${pre(e.stored.data)}
${storedDiffers ? `<h4>${escapeHtml(w.say('error' in e.upcast ? X.cannotBeRead : X.asReadToday))}</h4>${'error' in e.upcast ? `<p>${escapeHtml(e.upcast.error)}</p>` : pre(e.upcast.data)}` : ''}
</details>
</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${w.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(w.say(X.title))}</title>
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
<h1>${escapeHtml(w.say(X.title))}</h1>
<p class="verdict">${escapeHtml(verdict)}</p>
<table>
${row(X.record, bundle.streamId)}
${row(X.localAuthority, bundle.la)}
${row(X.events, bundle.events.length)}
${row(X.exported, w.dateTime(bundle.exportedAt))}
${row(X.exportedBy, who(bundle.exportedBy, w))}
${row(X.checkedAgainstCopy, v.anchored ? w.say(X.copyKept, { version: v.anchored.version, on: w.dateTime(v.anchored.anchoredAt) }) : w.say(X.noCopyYet))}
${row(X.jsonSha256, jsonSha256)}
</table>
<p>${escapeHtml(w.say(X.howToCheck))}</p>
${bundle.state === undefined ? '' : `<h2>${escapeHtml(w.say(X.recordNow))}</h2><details><summary>${escapeHtml(w.say(X.recordReplayed))}</summary>${pre(bundle.state)}</details>`}
<h2>${escapeHtml(w.say(X.oldestFirst))}</h2>
${timeline}
</body>
</html>
`;
}
