import { LocalKeyWrapper } from '../adapters/crypto/local-key-wrapper';
import { DynamoEventStore } from '../adapters/dynamodb/event-store';
import { previewImport, runImport } from '../application/import';
import { extractOf, SYNTHETIC_DISTRICTS } from '../application/import/ssda903/synthetic';
import { simulateLa } from '../application/simulation/simulate';
import { defaultPolicyFor } from '../domain/policy';
import { catalog } from '../events/contracts';
import { keyringOf } from '../functions/composition';
import { startDynamoDbLocal } from '../infra/local/dynamodb';
import { createTables, localTables, synthesizeTemplates, tablesFromTemplates } from '../infra/local/template';
import { type Spread, spread } from './stats';

const LA = 'E09999001';
const AS_OF = '2026-03-31';

export interface ImportSize {
  children: number;
  /** Facts the import records (events, with the one ChildRecordImported per child). */
  events: number;
  bytes: number;
  previewMs: Spread;
  importMs: Spread;
  /** Previewing the same extract again over the recorded children: next month's import, with nothing new. */
  reimportPreviewMs: Spread;
}

export interface ImportFigures {
  rounds: number;
  sizes: ImportSize[];
}

/** An extract of exactly `children` of the generator's children (those in care and recent leavers). */
function extractOfSize(children: number) {
  const { streams } = simulateLa(LA, {
    children: Math.ceil(children / 1.4),
    seed: 'bench-import',
    asOf: AS_OF,
  });
  const childStreams = streams.filter((s) => s.streamId.startsWith('child#')).slice(0, children);
  return extractOf(childStreams, 'bench-import');
}

/**
 * Previews and imports extracts of growing size into a fresh DynamoDB Local each time, through the real
 * deciders and the event store, as `npm run import` does; then previews each again over what it recorded.
 */
export async function benchImport(
  sizes: readonly number[],
  rounds: number,
  log: (line: string) => void,
): Promise<ImportFigures> {
  // Round 0 is a warm-up (the JIT, DynamoDB Local's own caches) at the smallest size, and is not counted.
  const all = [sizes[0]!, ...sizes];
  const samples = all.map(() => ({ preview: [] as number[], write: [] as number[], again: [] as number[] }));
  // Generated first: seconds of work that would leave the database connection idle, and dropped, before its use.
  const extracts = all.map(extractOfSize);
  const templates = synthesizeTemplates();
  const events: number[] = [];
  for (let round = 0; round <= rounds; round++)
    for (const [i, size] of all.entries()) {
      if ((round === 0) !== (i === 0)) continue;
      // A DynamoDB Local of its own for each import: one holding earlier imports was measured to slow down.
      const dynamo = await startDynamoDbLocal();
      try {
        await createTables(dynamo.client, tablesFromTemplates(templates));
        const names = localTables(templates);
        const store = new DynamoEventStore({
          client: dynamo.client,
          tables: { events: names.events, commands: names.commands },
          catalog,
          // The children's names and dates of birth are sealed as `npm run import` seals them.
          personalData: keyringOf(
            dynamo.client,
            names.personalDataKeys,
            LocalKeyWrapper.ephemeral(),
            () => new Date(),
          ),
        });
        const deps = { store, now: () => new Date(), policies: defaultPolicyFor };
        const files = Object.entries(extracts[i]!.files).map(([table, text]) => ({
          name: `${table.toLowerCase()}.csv`,
          bytes: new TextEncoder().encode(text),
        }));
        const request = {
          la: LA,
          files,
          districts: new Set(SYNTHETIC_DISTRICTS),
          actor: { id: 'bench-coordinator', role: 'coordinator' as const, la: LA },
        };
        let started = performance.now();
        const preview = await previewImport(deps, request);
        samples[i]!.preview.push(performance.now() - started);
        if (preview.refusals.length > 0 || preview.fileProblems.length > 0)
          throw new Error(
            `the synthetic extract of ${size} children was refused: ${JSON.stringify(preview.refusals[0]?.reason)}`,
          );
        started = performance.now();
        const result = await runImport(deps, request, { planDigest: preview.planDigest });
        samples[i]!.write.push(performance.now() - started);
        events[i] = result.written.events;
        started = performance.now();
        await previewImport(deps, request);
        samples[i]!.again.push(performance.now() - started);
        log(
          `import ${round === 0 ? 'warm-up' : `round ${round}`}: ${size} children, preview ${(samples[i]!.preview.at(-1)! / 1000).toFixed(1)} s, import ${(samples[i]!.write.at(-1)! / 1000).toFixed(1)} s (${result.written.events} events)`,
        );
      } finally {
        await dynamo.stop();
      }
    }
  return {
    rounds,
    sizes: sizes.map((children, j) => ({
      children,
      events: events[j + 1]!,
      bytes: Object.values(extracts[j + 1]!.files).reduce((n, text) => n + text.length, 0),
      previewMs: spread(samples[j + 1]!.preview),
      importMs: spread(samples[j + 1]!.write),
      reimportPreviewMs: spread(samples[j + 1]!.again),
    })),
  };
}
